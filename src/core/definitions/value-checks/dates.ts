/**
 * Dates in definitions: `build_date` and the date forms of `provided_until` / `uuid_validity`.
 * Pure: dates are computed from the text, never from the clock.
 */
import { clip, describeValue } from '../describe-value.js';
import { bad, ok, type Checked } from './checked.js';
import { dayOf } from '../../clock.js';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** YAML 1.1 timestamp (what PyYAML resolves), with seconds optional as SCS allows `hh:mm`. */
const TIMESTAMP_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** `YYYY-MM-DD` only (yamale `day()`); quoted or not, or a YAML timestamp object at midnight. */
export function checkDay(v: unknown): Checked<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('is not a valid date');
    return ok(dayOf(v));
  }
  if (typeof v !== 'string') return bad(`expected a date YYYY-MM-DD, got ${describeValue(v)}${numberAsDateHint(v)}`);
  const m = DAY_RE.exec(v.trim());
  if (!m) return bad(`'${clip(v)}' is not a date in the form YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDay(y, mo, d)) return bad(`'${v}' is not a calendar date`);
  return ok(v.trim());
}

/**
 * `build_date`: yamale `any(day(), timestamp())`. PyYAML only turns *unquoted* dates into date
 * objects, so OIM rejects `'2022-11-18'`, a common surprise; here a quoted and an unquoted date both
 * work, and a timestamp (with or without offset; without one it is UTC) becomes its UTC date.
 */
export function checkDateOrTimestamp(v: unknown): Checked<string> {
  if (v instanceof Date || (typeof v === 'string' && DAY_RE.test(v.trim()))) return checkDay(v);
  if (typeof v !== 'string') return bad(`expected a date YYYY-MM-DD, got ${describeValue(v)}${numberAsDateHint(v)}`);
  const m = TIMESTAMP_RE.exec(v.trim());
  if (!m) return bad(`'${clip(v)}' is not a date (YYYY-MM-DD) or timestamp (YYYY-MM-DD hh:mm[:ss][Z|±hh:mm])`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 60) return bad(`'${clip(v)}' is not a valid timestamp`);
  let offsetMin = 0;
  const tz = m[7];
  if (tz && tz !== 'Z') {
    const t = /^([-+])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
    if (t) offsetMin = (t[1] === '-' ? -1 : 1) * (Number(t[2]) * 60 + Number(t[3] ?? 0));
  }
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000);
  return ok(`${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`);
}

/** `20260108` unquoted is a number; say how to write it as a date. */
function numberAsDateHint(v: unknown): string {
  if (typeof v === 'number' && /^\d{8}$/.test(String(v))) {
    const s = String(v);
    return `; write ${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
  }
  return '';
}
