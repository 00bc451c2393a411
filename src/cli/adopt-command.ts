/**
 * Declares `scs-images adopt` and `scs-images fix`; main.ts calls registerAdoptCommands. Both read
 * the cloud only: adopt writes definitions, fix writes a plan that `apply` carries out.
 */
import type { Command } from 'commander';
import { DEFAULT_MANAGED_TAG } from '../core/plan/types.js';
import { EXIT, ExitError } from './exit-codes.js';
import { helpEnd, UNREACHABLE_EXIT, USAGE_EXIT } from './help.js';
import type { CliIO } from './io.js';
import { collect, NOW_HELP, timeoutOption, insecureOption, debugOption } from './options.js';

/** The flags adopt and fix share: which cloud, which images, which values. */
function commonOptions(cmd: Command): Command {
  return cmd
    .option('--cloud <name>', 'cloud in clouds.yaml (default: $OS_CLOUD, the OS_* variables, the only cloud)')
    .option('--region <name>', 'region of the cloud')
    .option('--image <name-or-id>', 'only this image of your project, any visibility (repeatable; --set applies to these)', collect)
    .option('--filter <regex>', 'only images whose name matches this regular expression')
    .option('--set <key=value>', 'a value you give, e.g. os_distro=ubuntu (for the --image images, else all selected; repeatable)', collect)
    .option('--values <file>', 'a YAML mapping of image name or id to its values (see docs/adopt.md)')
    .option('--tag <tag>', 'the tag that marks managed images', DEFAULT_MANAGED_TAG)
    .option('--now <time>', NOW_HELP)
    .addOption(timeoutOption())
    .addOption(insecureOption())
    .addOption(debugOption());
}

export function registerAdoptCommands(program: Command, io: CliIO): void {
  commonOptions(
    program
      .command('adopt')
      .description(
        "write definitions (OIM format) for your project's existing public and community images, with what was inferred and what is missing in comments; changes nothing on the cloud",
      ),
  )
    .option('--out <dir>', 'directory to write adopted.yml to (created if missing); without it the file is printed')
    .option('--force', 'overwrite an existing adopted.yml')
    .option('--spec <spec>', 'predict the adopted images against this scs-0104 v1 spec (as validate --spec), listing what is still unmet')
    .option('--scope <scope>', 'predict against this certificate scope (bundled scs-compatible-iaas, a file or URL)')
    .option('--scope-version <v>', 'the version of the scope (v4, v5.1, next)')
    .option('--standard <id>', 'predict against this standard, e.g. scs-0102-v1 (repeatable)', collect)
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images adopt --cloud mycloud --out adopted/', 'then: scs-images plan --images adopted/ --cloud mycloud'],
          ['scs-images adopt --cloud mycloud --image Debian12 --set architecture=x86_64 --out adopted/', 'give a value nothing could infer'],
          ['scs-images adopt --cloud mycloud --out adopted/ --standard scs-0102-v1', 'and predict what the adopted images would still miss'],
        ],
        exitCodes: [
          [EXIT.OK, 'every selected image was adopted'],
          [EXIT.NOT_COMPLIANT, 'some images need values nothing could infer (the others were written), or the prediction is not compliant'],
          USAGE_EXIT,
          UNREACHABLE_EXIT,
        ],
      }),
    )
    .action(async (opts) => {
      const { adoptCommand } = await import('./commands/adopt.js');
      const code = await adoptCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });

  commonOptions(
    program
      .command('fix')
      .description(
        "plan the property repairs that make your project's unmanaged images pass scs-0102 and scs-0104's image_source, from your values and what can be inferred; apply carries the plan out",
      ),
  )
    .option('--out <file>', 'write the plan for `scs-images apply FILE`')
    .option('--color', 'colours even when stdout is not a terminal')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images fix --cloud mycloud --out fix.json && scs-images apply fix.json', 'repair, then apply the plan'],
          ["scs-images fix --cloud mycloud --image 'Ubuntu 24.04 LTS' --set architecture=x86_64 --out fix.json", 'give a value'],
          ['scs-images fix --cloud mycloud --values values.yml --out fix.json', 'values per image from a file'],
        ],
        exitCodes: [
          [EXIT.OK, 'every selected image can be repaired (or needs nothing)'],
          [EXIT.NOT_COMPLIANT, 'some images need values nothing could infer (the plan repairs the rest)'],
          USAGE_EXIT,
          UNREACHABLE_EXIT,
        ],
      }),
    )
    .action(async (opts) => {
      const { fixCommand } = await import('./commands/fix.js');
      const code = await fixCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
