import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { collect } from '../../flags/values.js';
import { USAGE_EXIT } from '../../help.js';

export interface UpdateOwnFlags {
  images: string;
  dryRun?: boolean;
  name?: string[];
  includeDisabled?: boolean;
  baseUrl?: string[];
  mirrorBaseUrl?: string;
  timeout: string;
  verbose?: boolean;
}

const groups = { clock: clockFlags('builds dated after its day are not taken as the newest') };

/** What the handler gets (cli/command.ts). */
export type UpdateRun = CommandRun<typeof groups, UpdateOwnFlags>;

export const update = defineCommand<UpdateOwnFlags>()({
  name: 'update',
  description:
    'bring definitions with a latest_url to the newest upstream build (Ubuntu, Debian, AlmaLinux, Rocky, CentOS Stream); edits the YAML in place, comments and layout kept',
  groups,
  options: (cmd) =>
    cmd
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
      .option('--timeout <seconds>', 'per-request timeout in seconds', '30')
      .option('-v, --verbose', 'print every request and every build skipped on the way'),
  help: {
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
  },
  handler: async () => (await import('./run.js')).run,
});
