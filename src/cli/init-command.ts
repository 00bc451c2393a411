/**
 * `scs-images init`, declared here so main.ts only registers it (one line:
 * `registerInitCommand(program, io)`). Loaded lazily; returns an exit code, main.ts maps errors.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { collect, NOW_HELP } from './options.js';
import { helpEnd } from './help.js';

export function registerInitCommand(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('write image definitions (OIM format, commented) for every mandatory and recommended entry of a scs-0104 spec or the v2 draft')
    .option(
      '--spec <spec>',
      'scs-0104 v1 image spec: bundled name (scs-0104-v1-images, scs-0104-v1-images-v5), file or URL (default: the spec of the newest effective scope version)',
    )
    .option(
      '--standard <id>',
      "scs-0104-v2: also (or, without --spec, only) the v2 draft's required/recommended distros for --date; scs-0104-v1: the spec (repeatable)",
      collect,
    )
    .option(
      '--distro <name-version>',
      'also write this release, which the standard need not list: almalinux-10, rocky-10, centos-stream-10, opensuse-leap-16.0, ubuntu-26.04, debian-13 (repeatable; alone, without --spec/--standard: only these)',
      collect,
    )
    .option(
      '--out <dir>',
      'directory to write ubuntu.yml, debian.yml, capi.yml (and almalinux.yml, rocky.yml, centos.yml, opensuse.yml) to (created if missing)',
    )
    .option('--all', 'also write the optional entries')
    .option('--force', 'overwrite existing files of the same name')
    .option('--dry-run', 'print the files instead of writing them (summary on stderr)')
    .option(
      '--now <time>',
      `${NOW_HELP}: the day the standard is read for (the default spec, the v2 draft's releases), the versions' label and image_build_date, and the provided_until defaults`,
    )
    .option('--date <YYYY-MM-DD>', 'the same as --now, as a day (kept for existing scripts)')
    .option(
      '--version-date <YYYY-MM-DD>',
      'build date and version label of the versions; Ubuntu then points at that dated build (default: the day of --now, with the always-current URLs)',
    )
    .option('--capi-version <version>', 'Kubernetes version of the CAPI image, e.g. v1.35.5 (repeatable; default: a recent OSISM build)', collect)
    .option(
      '--base-url <family=url>',
      'download FAMILY (ubuntu, debian, capi, almalinux, rocky, centos, opensuse) from URL instead (mirror_url; image_source stays upstream), e.g. ubuntu=http://127.0.0.1:8080/ubuntu (repeatable)',
      collect,
    )
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images init --out images/', 'the spec of the newest effective scope version'],
          ['scs-images init --standard scs-0104-v2 --dry-run', "print the v2 draft's definitions, write nothing"],
          ['scs-images init --distro almalinux-10 --distro rocky-10 --out images/', 'only these releases (add --spec to also cover the standard)'],
        ],
        exitCodes: [
          [EXIT.OK, 'every mandatory and recommended entry is covered'],
          [EXIT.NOT_COMPLIANT, 'some entries are left to add by hand (the rest was written)'],
          [EXIT.USAGE, 'bad input or usage, or a file exists already (see --force)'],
        ],
      }),
    )
    .action(async (opts) => {
      const { initCommand } = await import('./commands/init.js');
      const code = await initCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
