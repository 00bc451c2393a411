/**
 * Calendar days as `YYYY-MM-DD` strings. The rules of scs-0104 v2 work on whole days (no clock,
 * no time zone): such strings compare correctly with `<` and `>`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** `today` as given to a check; throws a RangeError unless it is a `YYYY-MM-DD` calendar day. */
export function requireIsoDate(value: string, what: string): string {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The same day `months` calendar months later; a day that the target month lacks becomes its last
 * day (2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(date: string, months: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
