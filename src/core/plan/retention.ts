/**
 * `uuid_validity` (SCS-0102) decides how long a superseded version's UUID must keep working, so
 * which versions are only superseded (kept, hidden) and which are outdated (cleanup: deactivate
 * or delete per flags). Pure.
 *
 * - `last-N`: the N newest versions (defined or not) stay valid.
 * - `forever`, `notice`: every version stays valid (`notice`: removal needs an announcement, which
 *   is not this tool's call).
 * - a date: every version stays valid until the end of that day (UTC), then none beyond the defined ones.
 * - `none`: no promise, so versions that are no longer defined are outdated at once.
 *
 * OIM kept `none` forever and treated `forever`, `notice` and dates like `last-1`.
 */
import { compareVersions } from '../definitions/naming.js';
import type { LifetimeRule } from './types.js';

export interface RetentionDecision {
  retained: Set<string>;
  /** Why the others are outdated, for the plan's reasons. */
  why: string;
}

const DAY_MS = 86_400_000;

export function retainedVersions(
  labels: readonly string[],
  defined: ReadonlySet<string>,
  uuidValidity: string | undefined,
  now: Date,
  rule: LifetimeRule = 'unlisted',
): RetentionDecision {
  const retained = new Set(defined);
  const all = [...new Set([...labels, ...defined])].sort((a, b) => compareVersions(b, a));
  const v = uuidValidity ?? 'forever';
  if (v === 'forever' || v === 'notice') {
    for (const l of all) retained.add(l);
    return { retained, why: `uuid_validity ${v}` };
  }
  const last = /^last-(\d+)$/.exec(v);
  if (last) {
    const n = Number(last[1]);
    if (rule === 'listed-too') {
      // OIM's count: the newest version (the bare name) always stays, then the N newest overall
      const kept = new Set(all.slice(0, Math.max(n, 1)));
      const newestDefined = [...defined].sort((a, b) => compareVersions(b, a))[0];
      if (newestDefined !== undefined) kept.add(newestDefined);
      return { retained: kept, why: `not among the ${n} newest versions, listed or not (uuid_validity ${v}; OIM's lifetime rule)` };
    }
    for (const l of all.slice(0, n)) retained.add(l);
    return { retained, why: `not among the last ${n} versions (uuid_validity ${v})` };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) + DAY_MS;
    if (now.getTime() < end) for (const l of all) retained.add(l);
    return { retained, why: `uuid_validity ended on ${v}` };
  }
  // none (and anything unparseable, which validation rejects): only defined versions are promised
  return { retained, why: `no longer defined (uuid_validity ${v})` };
}

/**
 * For an image whose definition is gone: is its UUID still promised? Only `forever`, `notice` and
 * a date not yet passed promise anything without a definition to count versions in.
 */
export function stillPromised(uuidValidity: string | undefined, now: Date): boolean {
  if (uuidValidity === 'forever' || uuidValidity === 'notice') return true;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(uuidValidity ?? '');
  return day ? now.getTime() < Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) + DAY_MS : false;
}
