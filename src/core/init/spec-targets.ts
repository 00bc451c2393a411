/**
 * Targets from an scs-0104 v1 spec: which entries init can write a definition for (Ubuntu,
 * Debian, the SCS CAPI image) and which it leaves to the operator, with the reason.
 */
import type { DistroReleases, ReleaseDistro } from '../releases/distro-releases.js';
import { vendorBases } from '../releases/vendor-sources.js';
import type { ImageSpec, ImageSpecEntry } from '../spec/image-spec.js';
import type { TargetSelection } from './selection.js';
import type { InitTarget, ReleaseInfo, Requirement } from './types.js';

const DISTRO_NAME = /^(Ubuntu|Debian) (\d+(?:\.\d+)?)$/;

function requirementOf(spec: ImageSpec, entry: ImageSpecEntry): Requirement {
  const req: Requirement = { origin: spec.origin, why: '', status: entry.status, name: entry.name, sources: entry.sources };
  if (entry.matcher) req.matcher = entry.matcher;
  return req;
}

/** Mandatory and recommended entries; optional ones only with `includeOptional` (`--all`). */
export function targetsFromSpec(spec: ImageSpec, releases: DistroReleases, includeOptional: boolean): TargetSelection {
  const out: TargetSelection = { targets: [], uncovered: [], notes: [] };
  for (const entry of spec.entries) {
    const requirement = requirementOf(spec, entry);
    if (entry.status === 'optional' && !includeOptional) {
      out.uncovered.push({ requirement, reason: 'optional entry (--all writes optional entries too)' });
      continue;
    }
    const result = classify(entry, requirement, releases);
    if ('reason' in result) out.uncovered.push({ requirement, reason: result.reason });
    else out.targets.push(result);
  }
  return out;
}

function classify(entry: ImageSpecEntry, requirement: Requirement, releases: DistroReleases): InitTarget | { reason: string } {
  if (/capi/i.test(entry.name) || entry.sources.some((s) => s.includes('openstack-k8s-capi-images'))) {
    if (!entry.matcher) {
      return { reason: 'a CAPI entry without name_scheme: CAPI images carry their Kubernetes version in the name, which one exact name cannot match' };
    }
    return { family: 'capi', name: entry.name, requirements: [requirement] };
  }
  const m = DISTRO_NAME.exec(entry.name);
  if (!m) return { reason: 'init writes Ubuntu, Debian and SCS CAPI images only; define this image by hand' };
  const distro = (m[1] as string).toLowerCase() as ReleaseDistro;
  const release = findRelease(releases, distro, m[2] as string, entry.sources);
  if (!release) {
    return { reason: `${entry.name} is not in data/distros/releases.json and no source prefix names its codename` };
  }
  return { family: distro, name: entry.name, release, requirements: [requirement] };
}

/**
 * The release from the data, else one whose codename the spec's prefixes name
 * (`https://cloud-images.ubuntu.com/releases/noble/` → noble), so a spec can be ahead of the data.
 */
export function findRelease(releases: DistroReleases, distro: ReleaseDistro, version: string, sources: readonly string[]): ReleaseInfo | undefined {
  const known = releases[distro].find((r) => r.version === version);
  if (known)
    return {
      version,
      codename: known.codename,
      endOfStandardSupport: known.endOfStandardSupport,
      ...(known.endOfLts !== undefined ? { endOfLts: known.endOfLts } : {}),
      ...(known.providedUntilFrom ? { providedUntilFrom: known.providedUntilFrom } : {}),
    };
  for (const source of sources) {
    const base = vendorBases(distro).find((b) => source.startsWith(b));
    const codename = base === undefined ? undefined : source.slice(base.length).split('/')[0];
    if (codename && /^[a-z]+$/.test(codename)) return { version, codename, endOfStandardSupport: null };
  }
  return undefined;
}
