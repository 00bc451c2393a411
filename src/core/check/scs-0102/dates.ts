import { PY_DECIMAL } from './python-values.js';

/**
 * Dates as the official scs-0102 test reads them: Python's `time.strptime` with a handful of
 * formats, converted with `calendar.timegm` (UTC), and a result of 0 treated as "no date".
 *
 * strptime is more lenient than its format strings suggest, and the verdict depends on it, so this
 * module reproduces CPython's behaviour for the directives used here:
 * - each directive has a fixed alternation (`%m` accepts `1`..`9` without padding, `%d` also ` 5`
 *   with a leading space, `%S` accepts 60 and 61);
 * - any run of whitespace in the format matches one or more whitespace characters;
 * - literals match case-insensitively (`t`/`z` for `T`/`Z`);
 * - the match starts at the beginning and must consume the whole string (no backtracking into a
 *   full match: the first match found is taken, then trailing text is an error);
 * - the calendar date must exist (`2024-02-30` and year `0000` are rejected).
 * - `\d` in CPython's patterns matches any Unicode decimal digit (fullwidth `２`, Arabic-Indic `٢`;
 *   those of Python 3.10, the official test's, see PY_DECIMAL),
 *   and `int()` reads them; the literal alternatives (`1[0-2]`, `0[1-9]`) stay ASCII. So
 *   `２０２６-11-01` parses, `2026-１１-01` does not.
 */

/** `image_build_date`, `provided_until`, `uuid_validity`: tried in this order. */
const DATE_FORMATS = ['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d'] as const;
/** The one format of Glance's `created_at`. */
const STRICT_FORMATS = ['%Y-%m-%dT%H:%M:%SZ'] as const;
/** The last word of a rotated image's name (`Ubuntu 24.04 20260108`). */
export const MARKER_DATE_FORMATS = ['%Y-%m-%d', '%Y%m%d'] as const;

/** The four DATE_FORMATS as people write them, for messages. */
export const DATE_FORMAT_LABELS = ['YYYY-MM-DDTHH:MM:SSZ', 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DD'] as const;

/** Python's `\d` in a `str` pattern: any decimal digit of Python 3.10 (Unicode 13, see python-values). */
const D = PY_DECIMAL;

/** CPython's `_strptime.TimeRE` patterns for the directives the official test uses. */
const DIRECTIVE_PATTERNS: Readonly<Record<string, string>> = {
  Y: `(${D}${D}${D}${D})`,
  m: '(1[0-2]|0[1-9]|[1-9])',
  d: `(3[01]|[12]${D}|0[1-9]|[1-9]| [1-9])`,
  H: `(2[0-3]|[01]${D}|${D})`,
  M: `([0-5]${D}|${D})`,
  S: `(6[01]|[0-5]${D}|${D})`,
};

const ND = new RegExp(PY_DECIMAL, 'u');

/**
 * Python's `int()` of a string of Unicode decimal digits. Unicode keeps every decimal digit set in
 * one contiguous run that starts at its zero, so a digit's value is its distance from the start of
 * its run, modulo 10 (runs such as the mathematical digits hold several sets back to back).
 */
export function decimalValue(digits: string): number {
  let value = 0;
  for (const ch of digits) {
    const cp = ch.codePointAt(0) as number;
    let start = cp;
    while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
    value = value * 10 + ((cp - start) % 10);
  }
  return value;
}

/** Python's `str.isspace()` characters, which `\s` matches in a `str` pattern. */
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

interface CompiledFormat {
  regex: RegExp;
  /** Directive letter of each capture group, in order. */
  fields: string[];
}

const compiled = new Map<string, CompiledFormat>();

function compile(format: string): CompiledFormat {
  const cached = compiled.get(format);
  if (cached) return cached;
  let source = '';
  const fields: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c === '%') {
      const directive = format[i + 1] ?? '';
      const pattern = DIRECTIVE_PATTERNS[directive];
      if (pattern === undefined) throw new Error(`strptime directive %${directive} is not supported`);
      source += pattern;
      fields.push(directive);
      i++;
    } else if (/\s/.test(c)) {
      while (i + 1 < format.length && /\s/.test(format[i + 1] as string)) i++;
      source += `${PY_WHITESPACE}+`;
    } else {
      // the regex is in Unicode mode, where only syntax characters may be escaped
      source += c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    }
  }
  const result = { regex: new RegExp(`^(?:${source})`, 'iu'), fields };
  compiled.set(format, result);
  return result;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (valid for any year ≥ 1). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `calendar.timegm(time.strptime(value, format))`: seconds since the epoch (UTC), or undefined when
 * strptime would raise ValueError. Only the directives %Y %m %d %H %M %S are supported.
 */
export function strptimeUtc(value: string, format: string): number | undefined {
  const { regex, fields } = compile(format);
  const match = regex.exec(value);
  if (!match || match[0].length !== value.length) return undefined;
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  fields.forEach((field, i) => {
    parts[field] = decimalValue((match[i + 1] as string).trim());
  });
  const year = parts['Y'] as number;
  const month = parts['m'] as number;
  const day = parts['d'] as number;
  // datetime.date(year, month, day): MINYEAR is 1, and the day must exist in that month
  if (year < 1 || day > daysInMonth(year, month)) return undefined;
  // timegm adds the fields up, so second 60 or 61 simply rolls over into the next minute
  return daysFromCivil(year, month, day) * 86_400 + (parts['H'] as number) * 3600 + (parts['M'] as number) * 60 + (parts['S'] as number);
}

/** The first format that parses `value`, as epoch seconds (0 included); undefined when none does. */
export function strptimeFirst(value: string, formats: readonly string[] = DATE_FORMATS): number | undefined {
  for (const format of formats) {
    const seconds = strptimeUtc(value, format);
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}

/**
 * The official test's `parse_date`: the first format that parses wins; undefined when none does.
 * Like the official test, a result of exactly 0 (`1970-01-01`, `1970-01-01 00:00`, ...) counts as
 * "no date", because the test checks the number for truthiness.
 */
export function parseScsDate(value: string, formats: readonly string[] = DATE_FORMATS): number | undefined {
  const seconds = strptimeFirst(value, formats);
  return seconds === 0 ? undefined : seconds;
}

/** Glance's `created_at` in its one format (`2026-01-08T10:00:00Z`); undefined otherwise. */
export function parseCreatedAt(value: string): number | undefined {
  return parseScsDate(value, STRICT_FORMATS);
}

/** Epoch seconds as an ISO 8601 UTC timestamp without milliseconds, for messages. */
export function formatSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return `${seconds}s after the epoch`;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `opts.now` as epoch seconds (the official test uses `time.time()`, a float). */
export function toSeconds(now: Date): number {
  return now.getTime() / 1000;
}

const TEXT_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TEXT_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The standard's own wording: `YYYY-MM-DD` (for `provided_until` and `uuid_validity`) or, with
 * `allowTime`, also `YYYY-MM-DD hh:mm[:ss]` (for `image_build_date`): zero-padded, one space, a date
 * that exists, hours 00-23, minutes and seconds 00-59.
 */
export function isStandardTextDate(value: string, allowTime = false): boolean {
  const m = TEXT_DATE.exec(value) ?? (allowTime ? TEXT_DATE_TIME.exec(value) : null);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] === undefined) return true;
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && (m[6] === undefined || Number(m[6]) <= 59);
}
