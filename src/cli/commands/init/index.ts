import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { collect } from '../../flags/values.js';
import type { RawInitOptions } from './request.js';

const groups = {
  clock: clockFlags(
    "the day the standard is read for (the default spec, the v2 draft's releases), the versions' label and image_build_date, and the provided_until defaults",
  ),
};

/** What the handler gets (cli/command.ts). */
export type InitRun = CommandRun<typeof groups, RawInitOptions>;

export const init = defineCommand<RawInitOptions>()({
  name: 'init',
  description: 'write image definitions (OIM format, commented) for every mandatory and recommended entry of a scs-0104 spec or the v2 draft',
  groups,
  options: (cmd) =>
    cmd
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
      ),
  help: {
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
  },
  handler: async () => (await import('./run.js')).run,
});
