import { Option } from 'commander';
import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { importFlags } from '../../flags/imports.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';

/** openstack-image-manager's own flags, as commander parses them. */
export interface ManageOwnFlags {
  images: string;
  tag: string;
  filter?: string;
  latest?: boolean;
  checkAge?: boolean;
  maxAge: string;
  keep?: boolean;
  force?: boolean;
  deactivate?: boolean;
  hide?: boolean;
  useOsHidden?: boolean;
  delete?: boolean;
  yesIReallyKnowWhatIDo?: boolean;
  dryRun?: boolean;
  shareImage?: string;
  shareAction: 'add' | 'del';
  shareDomain: string;
  shareTarget?: string;
  shareType: 'project' | 'domain';
  check?: boolean;
  checkOnly?: boolean;
  stuckRetry: string;
  prefetch: 'never' | 'on-stuck' | 'always';
  timeBudget?: string;
  strictBudget?: boolean;
  color: boolean;
}

/**
 * `scs-images manage`: openstack-image-manager's command line, verbatim. Every OIM flag with its
 * meaning and default (docs/image-manager.md has the table, and where a flag's OIM behaviour was
 * a bug, the intended behaviour); it runs the same plan and apply as `plan`/`apply`, with the
 * same groups for the connection, the clock and the imports.
 */
const groups = {
  cloud: oneCloudFlags("cloud from clouds.yaml (OIM's default: openstack; without --cloud, $OS_CLOUD or the OS_* variables win when set)"),
  imports: importFlags,
  clock: clockFlags('which versions are outdated, image ages, the registration date'),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type ManageRun = CommandRun<typeof groups, ManageOwnFlags>;

export const manage = defineCommand<ManageOwnFlags>()({
  name: 'manage',
  description: "openstack-image-manager's command line: the same flags, meanings and defaults; plan + apply in one run",
  groups,
  options: (cmd) =>
    cmd
      .option('--images <path>', 'a definitions file or a directory of *.yml/*.yaml', 'etc/images/')
      .option('--tag <tag>', 'tag that marks managed images', 'managed_by_osism')
      .option('--filter <regex>', 'only definitions whose name this regular expression finds; images of the others are never cleaned up')
      .option('--latest', 'import only the newest version of each definition')
      .option('--check-age', 'report managed images built more than --max-age days before their definition (changes nothing)')
      .option('--max-age <days>', 'the threshold of --check-age, in days', '90')
      .option('--keep', 'keep versions of non-multi images that are no longer defined')
      .option('--force', 'also process definitions with enable: false')
      .option('--deactivate', 'deactivate outdated images that are not deleted')
      .option('--hide', 'hide superseded and outdated images by switching public ones to community visibility')
      .option('--use-os-hidden', 'hide superseded and outdated images with os_hidden (the newest stays visible; OIM hid every import, #1278)')
      .option('--delete', 'delete outdated images (only with --yes-i-really-know-what-i-do; alone it deletes nothing, as in OIM)')
      .option('--yes-i-really-know-what-i-do', 'the second switch of --delete')
      .option('--dry-run', 'show what would change; change nothing')
      .option('--share-image <name-or-id>', 'share mode: share this image (no image management in this run)')
      .addOption(new Option('--share-action <action>', 'add: share and accept; del: stop sharing').choices(['add', 'del']).default('add'))
      .option('--share-domain <name>', 'domain of the target project (--share-type project)', 'default')
      .option('--share-target <name>', 'the project (--share-type project) or domain (--share-type domain) to share with')
      .addOption(
        new Option('--share-type <type>', 'project: one project; domain: every project of the domain').choices(['project', 'domain']).default('project'),
      )
      .option('--check', 'validate the definitions before anything else (the default)')
      .option('--no-check', 'accepted for OIM compatibility: definitions are always validated as they are read')
      .option('--check-only', 'validate the definitions and exit')
      .option('--stuck-retry <n>', 'additional web-download attempts when an import fails or is stuck', '0')
      .addOption(
        new Option('--prefetch <mode>', 'never: web-download only; on-stuck: then the tool streams the download; always: the tool streams every download')
          .choices(['never', 'on-stuck', 'always'])
          .default('on-stuck'),
      )
      .option(
        '--time-budget <seconds>',
        "warn before the first import when the plan's imports may take longer than this (OSISM's task limit: 3600); estimated from the import count, --parallel, --import-timeout and the sizes (HEAD requests)",
      )
      .option('--strict-budget', 'with --time-budget: stop before changing anything when the estimate exceeds it (exit 1)')
      .option('--no-color', 'no colours (default: colours only on a terminal)'),
  helpText: `
Lifetimes as in OIM: with uuid_validity last-N, the versions of a multi image beyond the N newest
are outdated even while the definition lists them (plan/apply only age out unlisted versions).
Without --hide/--use-os-hidden, superseded images stay listed (OIM's default).`,
  help: {
    examples: [
      ['scs-images manage --cloud prod --images etc/images/ --dry-run', 'what would change, as OIM --dry-run'],
      ["scs-images manage --cloud prod --filter 'Ubuntu 24.04' --latest --use-os-hidden", 'only Ubuntu 24.04, only its newest version'],
      ['scs-images manage --cloud prod --time-budget 3600 --strict-budget', "stop before importing when it would not fit OSISM's one-hour task"],
    ],
    exitCodes: [
      [EXIT.OK, 'done (or, with --check-only, the definitions are valid)'],
      [EXIT.NOT_COMPLIANT, 'a change failed, or another apply holds the project and tag'],
      USAGE_EXIT,
      UNREACHABLE_EXIT,
      [EXIT.INTERRUPTED, 'interrupted (Ctrl-C); the next run resumes'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
