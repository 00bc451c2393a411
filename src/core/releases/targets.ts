import { addMonths, addYears, maxDate } from './calendar.js';
import type { DistroRelease, DistroReleases, ReleaseDistro } from './distro-releases.js';

/**
 * Which Ubuntu LTS and Debian stable releases the presence rules of scs-0104 v2 ask for on a day.
 *
 * - Ubuntu: "latest LTS, no later than April 30". An LTS counts as the latest from April 30 of its
 *   release year (inclusive; the day it must be there at the latest). An LTS released after
 *   April 30 counts from its release day (the deadline has passed, there is no grace left).
 *   Until then the LTS before it is still the one required.
 * - Debian: "latest stable, no later than one month after release": a release counts as the latest
 *   stable from the same day one calendar month after its release (2025-08-09 → 2025-09-09, inclusive).
 * - "previous" is the release of the same track just before the current latest one (so during a
 *   grace period the previous one is the one before the still-required release).
 *
 * Releases without a release date never count. Interim (non-LTS) Ubuntu releases are not on the
 * LTS track.
 */
export interface ReleaseTarget {
  distro: ReleaseDistro;
  release: DistroRelease;
  /** The first day on which the standard treats this release as the latest of its track; null if unknown (not released). */
  since: string | null;
}

export interface TrackResolution {
  distro: ReleaseDistro;
  /** `Ubuntu LTS` or `Debian stable`. */
  track: string;
  latest?: ReleaseTarget;
  previous?: ReleaseTarget;
  /** The release that takes over next (released or announced), if the data knows one. */
  next?: ReleaseTarget;
  /**
   * Set when the data may be outdated for `today`: the newest release of the track is more than
   * two years old (both distributions ship about every two years).
   */
  stale?: string;
}

export interface ReleaseTargets {
  today: string;
  ubuntuLts: TrackResolution;
  debianStable: TrackResolution;
}

/** First day an Ubuntu LTS is the required "latest LTS". */
export function ubuntuLtsSince(release: DistroRelease): string | null {
  if (release.released === null) return null;
  return maxDate(release.released, `${release.released.slice(0, 4)}-04-30`);
}

/** First day a Debian release is the recommended "latest stable". */
export function debianStableSince(release: DistroRelease): string | null {
  if (release.released === null) return null;
  return addMonths(release.released, 1);
}

/** STALE_AFTER_YEARS: both Ubuntu LTS and Debian stable releases come about every two years. */
const STALE_AFTER_YEARS = 2;

export function resolveTargets(releases: DistroReleases, today: string): ReleaseTargets {
  return {
    today,
    ubuntuLts: resolveTrack(
      'ubuntu',
      'Ubuntu LTS',
      releases.ubuntu.filter((r) => r.lts),
      ubuntuLtsSince,
      today,
    ),
    debianStable: resolveTrack('debian', 'Debian stable', releases.debian, debianStableSince, today),
  };
}

function resolveTrack(
  distro: ReleaseDistro,
  track: string,
  ordered: readonly DistroRelease[],
  sinceOf: (r: DistroRelease) => string | null,
  today: string,
): TrackResolution {
  const targets: ReleaseTarget[] = ordered.map((release) => ({ distro, release, since: sinceOf(release) }));
  let latestIndex = -1;
  targets.forEach((t, i) => {
    if (t.since !== null && t.since <= today) latestIndex = i;
  });
  const resolution: TrackResolution = { distro, track };
  if (latestIndex >= 0) resolution.latest = targets[latestIndex];
  if (latestIndex >= 1) resolution.previous = targets[latestIndex - 1];
  const next = targets[latestIndex + 1];
  if (next) resolution.next = next;

  const newest = [...ordered].reverse().find((r) => r.released !== null);
  const staleFrom = newest?.released ? addYears(newest.released, STALE_AFTER_YEARS) : undefined;
  if (staleFrom !== undefined && today > staleFrom) {
    resolution.stale =
      `the release data may be outdated: its newest ${track} release is ${distro} ${newest!.version} (${newest!.released}), ` +
      `more than ${STALE_AFTER_YEARS} years before ${today}; update data/distros/releases.json`;
  } else if (newest === undefined) {
    resolution.stale = `the release data has no released ${track} release`;
  }
  return resolution;
}

/** `Ubuntu 24.04 'noble'`, `Debian 13 'trixie'`. */
export function releaseLabel(distro: ReleaseDistro, release: DistroRelease): string {
  return `${distro === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${release.version} '${release.codename}'`;
}
