/**
 * Partitions of a Glance image listing by `created_at`, so that several pagers can list one
 * catalogue at once (pure arithmetic; the requests are in openstack/image-listings.ts).
 *
 * Why this is exact (no image missed, none twice):
 * - A partition is a half-open time range [lo, hi) with whole-second bounds, and the ranges are
 *   contiguous from -inf to +inf. Every image's `created_at` (whatever precision the database
 *   keeps: sqlite keeps microseconds, MySQL seconds) lies in exactly one of them. Images with
 *   equal `created_at` always land in the same range: a bound is a time, never an image.
 * - Glance shows `created_at` truncated to the second. For a whole-second bound b, the shown
 *   second s = floor(t) satisfies s < b exactly when t < b, so the client can tell on which side
 *   of a bound an image lies without knowing the database's precision.
 * - Glance honours one `created_at` filter per request (a second one replaces the first), so a
 *   range is listed with one bound in the filter and the other by position: the first page asks
 *   `created_at=lt:hi` in the default order (created_at desc, id desc) and the client drops the
 *   images before lo from it; the following pages ask `created_at=gte:lo` after a marker whose
 *   `created_at` is < hi, and every image after that marker in the order is older than it.
 * - Each range is listed in Glance's own order, and the ranges are concatenated newest first, so
 *   the result equals the serial listing image for image, in the same order.
 */

/** One time range of the listing: `lo` inclusive, `hi` exclusive, ISO seconds; absent = unbounded. */
export interface CreatedAtRange {
  lo?: string;
  hi?: string;
}

/** `2026-12-03T17:32:37Z` (Glance's shape, whole seconds, UTC). */
export function isoSecond(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}

/** Whole seconds of a Glance `created_at`, or undefined when it is missing or not a time. */
export function epochSecond(createdAt: string | undefined): number | undefined {
  if (createdAt === undefined) return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(createdAt) ? createdAt : `${createdAt}Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** True when an image created at `createdAt` lies before the whole-second bound `bound` (exact, see above). */
export function createdBefore(createdAt: string, bound: string): boolean {
  const s = epochSecond(createdAt);
  const b = epochSecond(bound);
  if (s === undefined || b === undefined) throw new TypeError(`not a time: ${s === undefined ? createdAt : bound}`);
  return s < b;
}

/**
 * Split a catalogue into at most `parts` ranges, newest first. `firstPageOldest` is the oldest
 * `created_at` on the first (newest) page and `catalogueOldest` the oldest of all; the bounds lie
 * in (catalogueOldest, firstPageOldest], so the first page lies wholly in the first range (its
 * pager goes on from it) and no range starts empty at its old end. The bounds divide that time
 * span evenly: fewer ranges when it is only a few seconds, one (serial) when it is under one.
 */
export function planCreatedAtRanges(firstPageOldest: string, catalogueOldest: string, parts: number): CreatedAtRange[] {
  const top = epochSecond(firstPageOldest);
  const bottom = epochSecond(catalogueOldest);
  if (top === undefined || bottom === undefined || parts < 2 || top <= bottom) return [{}];
  const span = top - bottom;
  const bounds: number[] = [];
  for (let k = parts - 1; k >= 1; k--) {
    const b = bottom + Math.ceil((span * k) / parts);
    if (b > bottom && b <= top && b !== bounds.at(-1)) bounds.push(b);
  }
  const iso = bounds.map(isoSecond);
  const ranges: CreatedAtRange[] = iso.map((lo, i) => (i === 0 ? { lo } : { lo, hi: iso[i - 1] as string }));
  const last = iso.at(-1);
  return last === undefined ? [{}] : [...ranges, { hi: last }];
}

/** `[2026-12-03T17:32:00Z, +inf)` for --debug. */
export function describeRange(r: CreatedAtRange): string {
  return `[${r.lo ?? '-inf'}, ${r.hi ?? '+inf'})`;
}
