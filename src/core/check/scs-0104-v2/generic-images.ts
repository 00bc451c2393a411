import type { Image } from '../../images/image.js';
import type { DistroRelease, DistroReleases, ReleaseDistro } from '../../releases/distro-releases.js';

/**
 * Generic OS images in scs-0104 v2: `os_purpose` exactly `generic` and `os_distro` exactly
 * `ubuntu` or `debian` (lower case, as in the standard's table and the OpenStack/osinfo
 * vocabulary; `Ubuntu` is not recognised).
 */
export const GENERIC_PURPOSE = 'generic';

/**
 * The vendor prefixes the official test requires: the vendor's image host, without
 * the codename folder of the standard's table.
 */
export const OFFICIAL_VENDOR_PREFIXES: Readonly<Record<ReleaseDistro, readonly string[]>> = {
  debian: ['https://cloud.debian.org/images/cloud/', 'https://cdimage.debian.org/cdimage/cloud/'],
  ubuntu: ['https://cloud-images.ubuntu.com/'],
};

export function genericDistro(image: Image): ReleaseDistro | undefined {
  if (image.properties['os_purpose'] !== GENERIC_PURPOSE) return undefined;
  const distro = image.properties['os_distro'];
  return distro === 'ubuntu' || distro === 'debian' ? distro : undefined;
}

/**
 * How an image's `os_version` names a release:
 * - Ubuntu `NN.NN`, also with a point release `NN.NN.P` (`24.04.1` is a 24.04 image);
 * - Debian the major version `N`/`NN`, also with a point release (`12.5` is a Debian 12 image);
 * - numbers (offline files) are read as their decimal text (Ubuntu with two decimals: 20.1 → 20.10).
 * Anything else (missing, `noble`, `24`, `LTS`) names no release.
 */
export type OsVersionReading = { kind: 'release'; version: string; pointRelease: boolean } | { kind: 'unreadable' };

const VERSION_FORMS: Readonly<Record<ReleaseDistro, RegExp>> = {
  ubuntu: /^(\d{2}\.\d{2})(?:\.\d+)?$/,
  debian: /^([1-9]\d?)(?:\.\d+){0,2}$/,
};

export function readOsVersion(distro: ReleaseDistro, value: unknown): OsVersionReading {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value) && value > 0) text = distro === 'ubuntu' ? value.toFixed(2) : String(value);
  else return { kind: 'unreadable' };
  const m = VERSION_FORMS[distro].exec(text);
  if (!m) return { kind: 'unreadable' };
  const version = m[1] as string;
  return { kind: 'release', version, pointRelease: version !== text };
}

/** The release of the data an image's os_version names, if the data knows it. */
export function releaseOf(releases: DistroReleases, distro: ReleaseDistro, version: string): DistroRelease | undefined {
  return releases[distro].find((r) => r.version === version);
}

/** A generic image of exactly this release (point releases included)? */
export function isGenericImageOf(image: Image, distro: ReleaseDistro, version: string): boolean {
  if (genericDistro(image) !== distro) return false;
  const reading = readOsVersion(distro, image.properties['os_version']);
  return reading.kind === 'release' && reading.version === version;
}

/** Codenames of the distribution that occur as a path segment of the URL (`…/noble/…`). */
export function codenamesIn(url: string, releases: DistroReleases, distro: ReleaseDistro): DistroRelease[] {
  const segments = new Set(url.split('/'));
  return releases[distro].filter((r) => segments.has(r.codename));
}
