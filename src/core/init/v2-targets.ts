/**
 * Targets from the scs-0104 v2 draft for one day: the latest Ubuntu LTS (required), the previous
 * LTS, the latest and previous Debian stable and an `ubuntu-capi-image-v…` image (recommended),
 * using the check's own date rules (resolveTargets) and prefixes, so init and check agree.
 */
import { CAPI_PRESENCE_MATCHER, CAPI_SOURCE_PREFIXES } from '../check/scs-0104-v2/capi.js';
import type { DistroReleases } from '../releases/distro-releases.js';
import { vendorPrefixes } from '../releases/vendor-sources.js';
import { resolveTargets, type ReleaseTarget } from '../releases/targets.js';
import type { EntryStatus } from '../spec/image-spec.js';
import type { TargetSelection } from './selection.js';
import type { InitTarget } from './types.js';

/** The base name of the CAPI image the v2 draft's presence rule names. */
const V2_CAPI_NAME = 'ubuntu-capi-image';

export function targetsFromV2(releases: DistroReleases, date: string, includeOptional: boolean): TargetSelection {
  const origin = `scs-0104-v2 draft (${date})`;
  const resolved = resolveTargets(releases, date);
  const out: TargetSelection = { targets: [], uncovered: [], notes: [] };
  const add = (t: ReleaseTarget | undefined, status: EntryStatus, why: string) => {
    if (!t) return;
    const name = `${t.distro === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${t.release.version}`;
    const since = t.since ? ` (counts from ${t.since})` : '';
    out.targets.push({
      family: t.distro,
      name,
      release: {
        version: t.release.version,
        codename: t.release.codename,
        endOfStandardSupport: t.release.endOfStandardSupport,
        ...(t.release.endOfLts !== undefined ? { endOfLts: t.release.endOfLts } : {}),
        ...(t.release.providedUntilFrom ? { providedUntilFrom: t.release.providedUntilFrom } : {}),
      },
      requirements: [{ origin, why: `${why}${since}`, status, name, sources: vendorPrefixes(t.distro, t.release.codename) }],
    });
  };
  for (const track of [resolved.ubuntuLts, resolved.debianStable]) {
    if (track.stale) out.notes.push(track.stale);
    if (!track.latest) out.notes.push(`${origin}: no released ${track.track} release in the data for ${date}`);
  }
  add(resolved.ubuntuLts.latest, 'mandatory', 'latest Ubuntu LTS, required');
  add(resolved.ubuntuLts.previous, 'recommended', 'previous Ubuntu LTS, recommended');
  add(resolved.debianStable.latest, 'recommended', 'latest Debian stable, recommended');
  add(resolved.debianStable.previous, 'recommended', 'previous Debian stable, recommended');
  if (includeOptional) {
    // released but still in its grace period: worth providing early
    for (const track of [resolved.ubuntuLts, resolved.debianStable]) {
      if (track.next?.release.released) add(track.next, 'optional', `next ${track.track}, not yet due`);
    }
  }
  const capi: InitTarget = {
    family: 'capi',
    name: V2_CAPI_NAME,
    requirements: [
      { origin, why: 'SCS CAPI image, recommended', status: 'recommended', name: V2_CAPI_NAME, matcher: CAPI_PRESENCE_MATCHER, sources: CAPI_SOURCE_PREFIXES },
    ],
  };
  out.targets.push(capi);
  return out;
}
