/**
 * Declares `scs-images mirror`; main.ts calls registerMirrorCommand. Loaded lazily; returns its
 * exit code (0 every version mirrored or already there, 1 some failed, 2 bad input, 3 cloud).
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { formatOption, timeoutOption, insecureOption, debugOption } from './options.js';
import { helpEnd, UNREACHABLE_EXIT, USAGE_EXIT } from './help.js';

export function registerMirrorCommand(program: Command, io: CliIO): void {
  program
    .command('mirror')
    .description(
      "copy the upstream image of every version with a mirror_url into a Swift container of the cloud (OIM's contrib/mirror.py), verified; or, with --check, test that every mirror_url serves the right bytes",
    )
    .requiredOption('--images <path>', 'a definitions file or a directory of *.yml/*.yaml')
    .option('--check', 'change nothing: GET every mirror_url and compare its bytes with the checksum (exit 1 if one fails)')
    .option('--dry-run', 'change nothing: say per version whether it is mirrored or would be uploaded (reads the container, downloads nothing)')
    .option('--cloud <name>', 'cloud from clouds.yaml whose object storage holds the mirror (default: $OS_CLOUD, the OS_* variables, or the only cloud)')
    .option('--region <name>', 'region of the cloud')
    .option('--container <name>', 'Swift container of the mirror', 'openstack-images')
    .option('--mirror-base-url <url>', "the URL the container is read from, as in the definitions' mirror_url (default: the container's URL in the catalog)")
    .option('--segment-size <size>', 'larger objects are uploaded as segments of this size plus a static large object manifest (bytes, or with K, M, G)', '1G')
    .option('--parallel <n>', 'versions copied (or checked) at the same time', '2')
    .option('--private', 'a container this run creates is not made readable by anyone (the default is .r:*, for Glance web-download)')
    .addOption(timeoutOption('per-request timeout, and how long a download may deliver nothing', '60'))
    .addOption(insecureOption())
    .addOption(debugOption())
    .option('-v, --verbose', 'also list the versions without mirror_url')
    .addOption(formatOption('output format', ['text', 'json']))
    .addHelpText(
      'after',
      helpEnd({
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
      }),
    )
    .action(async (opts) => {
      const { mirrorCommand } = await import('./commands/mirror.js');
      const code = await mirrorCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
