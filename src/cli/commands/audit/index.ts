import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { catalogueFlags } from '../../flags/catalogue.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { outputFlags, REPORT_FILE_HELP } from '../../flags/output.js';
import { collect } from '../../flags/values.js';
import { USAGE_EXIT } from '../../help.js';

export interface AuditOwnFlags {
  deep?: boolean;
  parallel: string;
  baseUrl?: string[];
  strict?: boolean;
}

const groups = {
  clouds: fleetFlags('audited'),
  catalogue: catalogueFlags({
    verb: 'audit',
    imagesFileHelp: 'audit an exported image list (Glance JSON or `openstack image show -f json`) instead of a cloud; no --deep',
    includeHiddenHelp: 'also audit images with os_hidden=true',
  }),
  output: outputFlags({ file: REPORT_FILE_HELP, verbose: 'also list how each verified image was verified', color: true }),
  clock: clockFlags('the time the report names'),
  connection: connectionFlags('per-request timeout in seconds (Glance and upstream)'),
};

/** What the handler gets (cli/command.ts). */
export type AuditRun = CommandRun<typeof groups, AuditOwnFlags>;

export const audit = defineCommand<AuditOwnFlags>()({
  name: 'audit',
  description: 'check that each image holds the upstream bytes its image_source names (checksum manifests; --deep reads the data back)',
  groups,
  options: (cmd) =>
    cmd
      .option('--deep', "read the image data back from Glance where its hashes use another algorithm than the manifest (e.g. Ubuntu's sha256)")
      .option('--parallel <n>', 'images audited (read back) at the same time', '2')
      .option(
        '--base-url <distro=url>',
        "read DISTRO's manifests from URL instead of upstream (mirrors, air-gapped sites), e.g. ubuntu=http://127.0.0.1:8080 (repeatable)",
        collect,
      )
      .option('--strict', 'unverifiable images make the result fail'),
  help: {
    examples: [
      ['scs-images audit --cloud prod', "compare each image with the upstream manifest next to its image_source, by Glance's own hash"],
      ['scs-images audit --cloud prod --deep --parallel 2 -f html -o audit.html', 'also read the data back where the algorithms differ (Ubuntu: sha256)'],
      ['scs-images audit --images-file images.json --base-url debian=http://mirror.local/debian', 'an exported list, Debian manifests from a mirror'],
    ],
    exitCodes: [
      [EXIT.OK, 'every image verified, or unverifiable (without --strict)'],
      [EXIT.NOT_COMPLIANT, 'an image does not hold the bytes its image_source names (with --strict also: an image is unverifiable)'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'could not finish: a cloud could not be listed, or upstream was unreachable for every image'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
