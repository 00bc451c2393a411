/**
 * Bundled standards data goes stale: upstream adds scope versions (with future effective dates)
 * after the copy was taken. A check that used the bundled copy says so, and warns once the
 * clock of the run is far enough past the copy's date that a newer version could be in force.
 */

/** Where the bundled copies come from (data/standards/snapshot.json). */
export interface StandardsSnapshot {
  repository: string;
  revision: string;
  /** YYYY-MM-DD: the day the copies were taken. */
  date: string;
}

/**
 * Upstream announces a new scope version well ahead of its effective date (v5 was published
 * months before it took effect), so within this many days of the copy no new version can be in
 * force unnoticed; after it, one could.
 */
export const SNAPSHOT_GRACE_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * The warning for a run on `today` (YYYY-MM-DD) that used the bundled scope, or undefined.
 * `lastTimelineDate` is the newest date of the bundled timeline: a clock past both it and the
 * grace period is in time the bundled file cannot speak for.
 */
export function snapshotWarning(
  snapshot: StandardsSnapshot,
  scopeName: string,
  scopeUrl: string,
  today: string,
  lastTimelineDate?: string,
): string | undefined {
  const known = lastTimelineDate !== undefined && lastTimelineDate > snapshot.date ? lastTimelineDate : snapshot.date;
  const age = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${known}T00:00:00Z`)) / DAY_MS);
  if (!(age > SNAPSHOT_GRACE_DAYS)) return undefined;
  return (
    `the bundled ${scopeName} scope file is a copy of ${snapshot.date} (${snapshot.revision}), ${age} days before ${today}: ` +
    `a newer scope version may be in force; check against the upstream file with --scope ${scopeUrl}`
  );
}
