/**
 * `scs-images audit`, declared here so main.ts only registers it. Loaded lazily; returns an exit
 * code, main.ts maps errors.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { helpEnd, USAGE_EXIT } from './help.js';
import { collect, formatOption, NOW_HELP, timeoutOption, insecureOption, debugOption } from './options.js';
import { ALL_REGIONS_FLAG, LIST_STREAMS_FLAG, REGION_FLAG } from './image-source.js';

const AUDIT_HELP_AFTER = helpEnd({
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
});

export function registerAuditCommand(program: Command, io: CliIO): void {
  program
    .command('audit')
    .description('check that each image holds the upstream bytes its image_source names (checksum manifests; --deep reads the data back)')
    .option('--cloud <name>', 'cloud from clouds.yaml; repeat for several clouds (default: $OS_CLOUD, the OS_* variables, or the only cloud)', collect)
    .option('--all-clouds', 'audit every cloud in clouds.yaml')
    .option(...REGION_FLAG)
    .option(...ALL_REGIONS_FLAG)
    .option('--concurrency <n>', 'clouds (and regions) audited at the same time', '4')
    .option(...LIST_STREAMS_FLAG)
    .option('--images-file <file>', 'audit an exported image list (Glance JSON or `openstack image show -f json`) instead of a cloud; no --deep')
    .option('--visibility <list>', 'comma-separated visibilities that count: public, community, shared, private, all', 'public,community')
    .option('--include-hidden', 'also audit images with os_hidden=true')
    .option('--all-community', "also audit other projects' community images")
    .option('--deep', "read the image data back from Glance where its hashes use another algorithm than the manifest (e.g. Ubuntu's sha256)")
    .option('--parallel <n>', 'images audited (read back) at the same time', '2')
    .option(
      '--base-url <distro=url>',
      "read DISTRO's manifests from URL instead of upstream (mirrors, air-gapped sites), e.g. ubuntu=http://127.0.0.1:8080 (repeatable)",
      collect,
    )
    .option('--strict', 'unverifiable images make the result fail')
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--now <time>', `${NOW_HELP}: the time the report names`)
    .addOption(timeoutOption('per-request timeout in seconds (Glance and upstream)', '30'))
    .addOption(insecureOption())
    .option('-v, --verbose', 'also list how each verified image was verified')
    .option('--no-color', 'no colours in text output (default: colours only on a terminal)')
    .addOption(debugOption())
    .addHelpText('after', AUDIT_HELP_AFTER)
    .action(async (opts) => {
      const { auditCommand } = await import('./commands/audit.js');
      const code = await auditCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
