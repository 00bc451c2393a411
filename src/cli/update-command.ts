/**
 * Declares `scs-images update`; main.ts calls registerUpdateCommand. The command is loaded lazily
 * and returns its exit code (0 nothing to do or updated, 1 some upstream failed, 2 bad input).
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { collect, NOW_HELP } from './options.js';
import { helpEnd, USAGE_EXIT } from './help.js';

export function registerUpdateCommand(program: Command, io: CliIO): void {
  program
    .command('update')
    .description(
      'bring definitions with a latest_url to the newest upstream build (Ubuntu, Debian, AlmaLinux, Rocky, CentOS Stream); edits the YAML in place, comments and layout kept',
    )
    .requiredOption('--images <path>', 'a definitions file or a directory of *.yml/*.yaml')
    .option('--dry-run', 'print the changes as a unified diff and write nothing')
    .option('--name <name>', 'only this definition (name or shortname); repeatable', collect)
    .option('--include-disabled', 'also update definitions with enable: false')
    .option(
      '--base-url <distro=url>',
      'read a distribution from another server, e.g. ubuntu=http://127.0.0.1:8080 (also $SCS_IMAGES_UPSTREAM_<DISTRO>); repeatable',
      collect,
    )
    .option('--mirror-base-url <url>', "also write mirror_url as <url>/<shortname>/<version>-<shortname>.<format> (OIM's mirror layout)")
    .option('--now <time>', `${NOW_HELP}: builds dated after its day are not taken as the newest`)
    .option('--timeout <seconds>', 'per-request timeout in seconds', '30')
    .option('-v, --verbose', 'print every request and every build skipped on the way')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images update --images images/ --dry-run', 'show the changes as a diff'],
          ["scs-images update --images images/ --name 'Ubuntu 24.04'", 'only this definition'],
          ['scs-images update --images images/ --mirror-base-url https://mirror.example.org/images', "also write mirror_url in OIM's mirror layout"],
        ],
        exitCodes: [
          [EXIT.OK, 'every selected definition is current or was updated'],
          [EXIT.NOT_COMPLIANT, 'some upstream could not be read (the others were updated)'],
          USAGE_EXIT,
        ],
      }),
    )
    .action(async (opts) => {
      const { updateCommand } = await import('./commands/update.js');
      const code = await updateCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
