/**
 * `scs-images list`: the image table (OIM's contrib/table.py) of definitions (--images) or of the
 * cloud's managed images (--cloud), as text, Markdown or JSON.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import { helpEnd, UNREACHABLE_EXIT, USAGE_EXIT } from './help.js';
import type { CliIO } from './io.js';
import { formatOption, NOW_HELP, timeoutOption, insecureOption, debugOption } from './options.js';

export function registerListCommand(program: Command, io: CliIO): void {
  program
    .command('list')
    .description("a table of image definitions (--images), or of the cloud's managed images with version, visibility, hidden, age and SCS verdicts (--cloud)")
    .option('--images <path>', "image definitions (a file or directory); with --cloud they name each image's definition")
    .option('--cloud <name>', 'list the managed images of this cloud (from clouds.yaml)')
    .option('--region <name>', 'region of the cloud')
    .option('--tag <tag>', 'tag that marks managed images', 'managed_by_osism')
    .option('--passwords', "with --images: also the definitions' login passwords (OIM's table shows them)")
    .addOption(formatOption('output format', ['text', 'markdown', 'json']))
    .option('--now <time>', `${NOW_HELP}: image ages and the scs-0102 date rules`)
    .addOption(timeoutOption())
    .addOption(insecureOption())
    .addOption(debugOption())
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images list --images etc/images/', 'every definition: versions, OS, login user and password (OIM contrib/table.py)'],
          ['scs-images list --cloud prod --images etc/images/ -f markdown', 'the managed images of prod, with SCS verdicts, as Markdown'],
          ['scs-images list --cloud prod -f json', 'the same as JSON'],
        ],
        exitCodes: [[EXIT.OK, 'the table was printed'], USAGE_EXIT, UNREACHABLE_EXIT],
      }),
    )
    .action(async (opts) => {
      const { listCommand } = await import('./commands/list.js');
      const code = await listCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
