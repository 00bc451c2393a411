/**
 * `init --distro almalinux-10`: releases the operator asks for by name, whether or not the
 * standard lists them (scs-0104 names only Ubuntu, Debian and the CAPI image; clouds offer more).
 * The release must be in the bundled release data, which also gives provided_until; the allowed
 * source is the vendor's own host, so image_source names the vendor as for the standard's images.
 */
import type { DistroReleases } from '../releases/distro-releases.js';
import { vendorPrefixes } from '../releases/vendor-sources.js';
import { CATALOG } from './catalog.js';
import type { TargetSelection } from './selection.js';
import type { Family, InitTarget } from './types.js';

export type DistroFamily = Exclude<Family, 'capi'>;

/** How `--distro` spells each family, longest first (`centos-stream-10` before a bare `centos`). */
const DISTRO_SPELLINGS: readonly (readonly [string, DistroFamily])[] = [
  ['centos-stream', 'centos'],
  ['opensuse-leap', 'opensuse'],
  ['almalinux', 'almalinux'],
  ['rocky', 'rocky'],
  ['ubuntu', 'ubuntu'],
  ['debian', 'debian'],
];

export interface DistroRequest {
  family: DistroFamily;
  version: string;
  /** As given: `almalinux-10`. */
  spelled: string;
}

/** `almalinux-10` → a request, or the problem with it. */
export function parseDistroRequest(value: string): DistroRequest | { problem: string } {
  const v = value.trim().toLowerCase();
  for (const [prefix, family] of DISTRO_SPELLINGS) {
    if (v.startsWith(`${prefix}-`) && v.length > prefix.length + 1) return { family, version: v.slice(prefix.length + 1), spelled: v };
  }
  return { problem: `'${value}': expected DISTRO-VERSION with DISTRO one of ${DISTRO_SPELLINGS.map(([p]) => p).join(', ')} (e.g. almalinux-10)` };
}

/** The vendor's host for a family: what image_source must start with. */
function vendorSources(family: DistroFamily, codename: string): string[] {
  if (family === 'ubuntu' || family === 'debian') return vendorPrefixes(family, codename);
  const first = CATALOG[family].undated[0];
  return first ? [`${new URL(first.image).origin}/`] : [];
}

/**
 * Targets for the requested releases; a release the data does not know is a problem (the caller
 * refuses the run: init would otherwise guess a codename and an end of support).
 */
export function targetsFromDistros(releases: DistroReleases, requests: readonly DistroRequest[]): { selection: TargetSelection; problems: string[] } {
  const selection: TargetSelection = { targets: [], uncovered: [], notes: [] };
  const problems: string[] = [];
  for (const req of requests) {
    const known = releases[req.family];
    const release = known.find((r) => r.version === req.version);
    if (!release) {
      problems.push(`${req.spelled}: no ${req.family} release ${req.version} in the bundled release data (known: ${known.map((r) => r.version).join(', ')})`);
      continue;
    }
    const name = CATALOG[req.family].imageName(release.version);
    const target: InitTarget = {
      family: req.family,
      name,
      release: {
        version: release.version,
        codename: release.codename,
        endOfStandardSupport: release.endOfStandardSupport,
        ...(release.endOfLts !== undefined ? { endOfLts: release.endOfLts } : {}),
        ...(release.providedUntilFrom ? { providedUntilFrom: release.providedUntilFrom } : {}),
      },
      requirements: [
        {
          origin: `--distro ${req.spelled}`,
          why: release.released ? 'requested by the operator' : 'requested by the operator (not yet released per the bundled data)',
          status: 'optional',
          name,
          sources: vendorSources(req.family, release.codename),
        },
      ],
    };
    selection.targets.push(target);
  }
  return { selection, problems };
}
