/**
 * `scs-images audit`, declared here so main.ts only registers it. Loaded lazily; returns an exit
 * code, main.ts maps errors.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { NOW_HELP, reportFormatOption } from './options.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const AUDIT_HELP_AFTER = `
Each image the check considers is compared with the upstream checksum manifest next to the file its
image_source names (Ubuntu SHA256SUMS, Debian SHA512SUMS, AlmaLinux/Rocky/CentOS CHECKSUM): by
Glance's os_hash_value where the algorithms agree, by reading the data back with --deep otherwise.

Examples:
  scs-images audit --cloud prod
  scs-images audit --cloud prod --deep --parallel 2 --format html -o audit.html
  scs-images audit --images-file images.json --base-url debian=http://mirror.local/debian

Exit codes:
  0  every image verified, or unverifiable (without --strict)
  1  an image does not hold the bytes its image_source names (or, with --strict, is unverifiable)
  2  bad input (flags, files)
  3  could not finish: a cloud could not be listed, or upstream was unreachable for every image
`;

export function registerAuditCommand(program: Command, io: CliIO): void {
  program
    .command('audit')
    .description('check that each image holds the upstream bytes its image_source names (checksum manifests; --deep reads the data back)')
    .option('--cloud <name>', 'cloud from clouds.yaml; repeat for several clouds (default: $OS_CLOUD, the OS_* variables, or the only cloud)', collect, [])
    .option('--all-clouds', 'audit every cloud in clouds.yaml')
    .option('--region <name>', 'region of the cloud(s)')
    .option('--concurrency <n>', 'clouds audited at the same time', '4')
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
      [],
    )
    .option('--strict', 'unverifiable images make the result fail')
    .addOption(reportFormatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--now <time>', `${NOW_HELP}: the time the report names`)
    .option('--timeout <seconds>', 'per-request timeout in seconds (Glance and upstream)', '30')
    .option('--insecure', 'do not verify TLS certificates of the cloud (prints a warning)')
    .option('-v, --verbose', 'also list how each verified image was verified')
    .option('--no-color', 'no colours in text output (default: colours only on a terminal)')
    .option('--debug', 'trace requests to stderr (credentials and tokens redacted)')
    .addHelpText('after', AUDIT_HELP_AFTER)
    .action(async (opts) => {
      const { auditCommand } = await import('./commands/audit.js');
      const code = await auditCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
