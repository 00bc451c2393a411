import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { outputFlags } from '../../flags/output.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';

export interface MirrorOwnFlags {
  images: string;
  check?: boolean;
  dryRun?: boolean;
  container: string;
  mirrorBaseUrl?: string;
  segmentSize: string;
  parallel: string;
  private?: boolean;
}

const groups = {
  cloud: oneCloudFlags('cloud from clouds.yaml whose object storage holds the mirror (default: $OS_CLOUD, the OS_* variables, or the only cloud)'),
  output: outputFlags({ formats: ['text', 'json'] as const, formatHelp: 'output format', verbose: 'also list the versions without mirror_url' }),
  connection: connectionFlags('per-request timeout, and how long a download may deliver nothing', '60'),
};

/** What the handler gets (cli/command.ts). */
export type MirrorRun = CommandRun<typeof groups, MirrorOwnFlags>;

export const mirror = defineCommand<MirrorOwnFlags>()({
  name: 'mirror',
  description:
    "copy the upstream image of every version with a mirror_url into a Swift container of the cloud (OIM's contrib/mirror.py), verified; or, with --check, test that every mirror_url serves the right bytes",
  groups,
  options: (cmd) =>
    cmd
      .requiredOption('--images <path>', 'a definitions file or a directory of *.yml/*.yaml')
      .option('--check', 'change nothing: GET every mirror_url and compare its bytes with the checksum (exit 1 if one fails)')
      .option('--dry-run', 'change nothing: say per version whether it is mirrored or would be uploaded (reads the container, downloads nothing)')
      .option('--container <name>', 'Swift container of the mirror', 'openstack-images')
      .option('--mirror-base-url <url>', "the URL the container is read from, as in the definitions' mirror_url (default: the container's URL in the catalog)")
      .option(
        '--segment-size <size>',
        'larger objects are uploaded as segments of this size plus a static large object manifest (bytes, or with K, M, G)',
        '1G',
      )
      .option('--parallel <n>', 'versions copied (or checked) at the same time', '2')
      .option('--private', 'a container this run creates is not made readable by anyone (the default is .r:*, for Glance web-download)'),
  help: {
    examples: [
      ['scs-images mirror --images images/ --cloud mycloud --container openstack-images', 'copy what is not mirrored yet'],
      ['scs-images mirror --images images/ --check', 'CI: does every mirror_url serve the bytes its checksum names?'],
      [
        'scs-images mirror --images images/ --cloud mycloud --mirror-base-url https://mirror.example.org/images -f json',
        'objects named after mirror_url below that base, as JSON',
      ],
    ],
    exitCodes: [
      [EXIT.OK, 'every version is mirrored (or, with --check, every mirror_url serves its bytes)'],
      [EXIT.NOT_COMPLIANT, 'some version failed (the others were done)'],
      USAGE_EXIT,
      UNREACHABLE_EXIT,
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
