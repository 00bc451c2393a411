/**
 * The SCS lifecycle properties in `meta`: `provided_until` and `uuid_validity` (scs-0102). Both
 * take a few keywords or a date.
 */
import { clip, describeValue } from '../describe-value.js';
import { bad, ok, type Checked } from './checked.js';
import { checkDay } from './dates.js';

/** `provided_until`: `none`, `notice` (SCS-0102 allows it; OIM's schema does not) or a date. */
export function checkProvidedUntil(v: unknown): Checked<string> {
  if (v === 'none' || v === 'notice') return ok(v);
  const day = checkDay(v);
  if (day.ok) return day;
  return bad(`expected none, notice or a date YYYY-MM-DD, got ${describeValue(v)}`);
}

/** `uuid_validity`: none, forever, notice, last-N (N ≥ 1, a number: OIM crashes on `last-x`) or a date. */
export function checkUuidValidity(v: unknown): Checked<string> {
  if (v === 'none' || v === 'forever' || v === 'notice') return ok(v);
  if (typeof v === 'string' && v.startsWith('last-')) {
    const n = v.slice(5);
    if (!/^\d+$/.test(n)) return bad(`'${clip(v)}': N in last-N must be a whole number (e.g. last-3)`);
    if (Number(n) < 1) return bad(`'${v}': N in last-N must be at least 1`);
    return ok(v);
  }
  const day = checkDay(v);
  if (day.ok) return day;
  return bad(`expected none, forever, notice, last-N or a date YYYY-MM-DD, got ${describeValue(v)}`);
}
