/**
 * OIM's `check_updates` (end-of-life part): enabled definitions whose release is past its
 * vendor's end of support, from the shipped release data (data/distros/releases.json) and the
 * run's clock. A warning, never an error: operators may keep such an image knowingly, and
 * `enable: false` (what OIM does with EOL images) silences it. Pure.
 *
 * The distribution comes from the OIM `shortname` (`almalinux-9`) first, then the name, then
 * `os_distro` (last: OIM's AlmaLinux definitions say `os_distro: centos`); the release from
 * `os_version` (the major version for Debian and the RHEL rebuilds).
 */
import { providedUntilOf, providedUntilSource, type DistroRelease, type DistroReleases } from '../releases/distro-releases.js';
import { formatLocation } from '../errors.js';
import { effectiveMeta, type ImageDefinition } from './types.js';
import { dayOf } from '../clock.js';

type Distro = 'ubuntu' | 'debian' | 'almalinux' | 'rocky' | 'centos' | 'opensuse';

const LABELS: Record<Distro, string> = {
  ubuntu: 'Ubuntu',
  debian: 'Debian',
  almalinux: 'AlmaLinux',
  rocky: 'Rocky Linux',
  centos: 'CentOS',
  opensuse: 'openSUSE Leap',
};

/** Most specific first: `centos-stream` and `almalinux` before a bare `centos`. */
const BY_NAME: ReadonlyArray<[RegExp, Distro]> = [
  [/^alma(linux)?\b/i, 'almalinux'],
  [/^rocky\b/i, 'rocky'],
  [/^centos\b/i, 'centos'],
  [/^opensuse[- ]leap\b/i, 'opensuse'],
  [/^ubuntu\b/i, 'ubuntu'],
  [/^debian\b/i, 'debian'],
];
const OS_DISTROS: ReadonlySet<string> = new Set(Object.keys(LABELS));

function distroOf(def: ImageDefinition, osDistro: string | undefined): Distro | undefined {
  for (const candidate of [def.shortname, def.name]) {
    const hit = candidate ? BY_NAME.find(([re]) => re.test(candidate)) : undefined;
    if (hit) return hit[1];
  }
  return osDistro && OS_DISTROS.has(osDistro) ? (osDistro as Distro) : undefined;
}

function releaseOf(releases: DistroReleases, distro: Distro, osVersion: string): DistroRelease | undefined {
  const wanted = distro === 'ubuntu' || distro === 'opensuse' ? osVersion : (osVersion.split('.')[0] ?? osVersion);
  return releases[distro].find((r) => r.version === wanted);
}

export function vendorSupportWarnings(definitions: readonly ImageDefinition[], releases: DistroReleases, now: Date): string[] {
  const today = dayOf(now);
  const out: string[] = [];
  for (const def of definitions) {
    if (!def.enable) continue;
    const newest = def.versions.at(-1);
    const meta = newest ? effectiveMeta(def, newest) : def.meta;
    const osVersion = newest?.osVersion ?? (meta['os_version'] !== undefined ? String(meta['os_version']) : undefined);
    const distro = distroOf(def, typeof meta['os_distro'] === 'string' ? meta['os_distro'] : undefined);
    if (!distro || !osVersion) continue;
    const release = releaseOf(releases, distro, osVersion);
    const end = release ? providedUntilOf(release) : null;
    if (!release || !end || end >= today) continue;
    const at = formatLocation({ ...def.location, field: undefined });
    out.push(
      `${at} ('${def.name}'): ${LABELS[distro]} ${release.version} reached the ${providedUntilSource(release)} on ${end} (today is ${today}, ` +
        'from the bundled release data); move to a supported release, or set `enable: false` as OIM does with such images',
    );
  }
  return out;
}
