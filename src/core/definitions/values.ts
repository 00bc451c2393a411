/**
 * Value checks shared by the definition parser: pure functions that return the normalised value
 * or a problem text. They never echo a password: URL problems are phrased without the URL when
 * it carries credentials, and other echoes go through redactUrl.
 */
import { CHECKSUM_ALGORITHMS, CHECKSUM_HEX_LENGTH, type Checksum, type ChecksumAlgorithm } from './types.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (problem: string): Checked<never> => ({ ok: false, problem });

/** Shorten for messages. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `scheme://user:pw@host/…` → `scheme://***@host/…` (also for malformed URLs). */
export function redactUrl(s: string): string {
  return s.replace(/\/\/[^/?#\s]*@/g, '//***@');
}

// ---------------------------------------------------------------------------------------------
// dates

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** YAML 1.1 timestamp (what PyYAML resolves), with seconds optional as SCS allows `hh:mm`. */
const TIMESTAMP_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$/;

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
    return ok(v.toISOString().slice(0, 10));
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
 * objects, so OIM rejects `'2022-11-18'` (OIM #468); here a quoted and an unquoted date both
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

function numberAsDateHint(v: unknown): string {
  if (typeof v === 'number' && /^\d{8}$/.test(String(v))) {
    const s = String(v);
    return `; write ${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// SCS lifecycle values

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

// ---------------------------------------------------------------------------------------------
// checksums, ids

/**
 * `algo:hex` with algo md5/sha1/sha256/sha512 and the matching number of hex digits, or a bare
 * 64-digit hex (sha256, as OIM's prefetch treats it). Hex is returned lowercase.
 */
export function checkChecksum(v: unknown): Checked<Checksum> {
  if (typeof v !== 'string') return bad(`expected 'algorithm:hex', got ${describeValue(v)}`);
  const s = v.trim();
  if (/^[0-9a-fA-F]+$/.test(s)) {
    if (s.length === 64) return ok({ algorithm: 'sha256', hex: s.toLowerCase() });
    return bad(`a checksum without algorithm must be 64 hex digits (sha256), got ${s.length}; write e.g. sha512:<hex>`);
  }
  const m = /^([^:]+):(.*)$/.exec(s);
  if (!m) return bad(`'${clip(s)}' is not 'algorithm:hex' (e.g. sha256:<64 hex digits>)`);
  const algoRaw = (m[1] as string).trim();
  const hex = (m[2] as string).trim();
  const algo = algoRaw.toLowerCase().replace(/-/g, '');
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algo) || algo !== algoRaw) {
    const hint = (CHECKSUM_ALGORITHMS as readonly string[]).includes(algo) ? ` (did you mean '${algo}'?)` : '';
    return bad(`unknown checksum algorithm '${clip(algoRaw, 20)}'${hint}; use one of ${CHECKSUM_ALGORITHMS.join(', ')}`);
  }
  const want = CHECKSUM_HEX_LENGTH[algo as ChecksumAlgorithm];
  if (!/^[0-9a-fA-F]*$/.test(hex)) return bad(`${algo} digest must be hexadecimal`);
  if (hex.length !== want) return bad(`${algo} digest must be ${want} hex digits, got ${hex.length}`);
  return ok({ algorithm: algo as ChecksumAlgorithm, hex: hex.toLowerCase() });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkUuid(v: unknown): Checked<string> {
  if (typeof v !== 'string') return bad(`expected a UUID, got ${describeValue(v)}`);
  if (UUID_RE.test(v)) return ok(v);
  if (UUID_RE.test(v.toLowerCase())) return bad(`'${v}': write the UUID in lowercase`);
  return bad(`'${clip(v)}' is not a UUID (8-4-4-4-12 lowercase hex digits)`);
}

// ---------------------------------------------------------------------------------------------
// URLs

/** Python's `\w` (Unicode letters, digits, underscore), as the schema's regexes use it. */
const W = '[\\p{L}\\p{N}_]';
const WEB_RE = new RegExp(`^(http|ftp)s?://${W}`, 'u');
const HTTP_RE = new RegExp(`^https?://${W}`, 'u');
const FILE_RE = new RegExp(`^(file:|file:///)${W}`, 'u');

/**
 * Which URLs a field takes (OIM/etc/schema.yaml):
 * - `download`: url, mirror_url — http(s)/ftp(s) or `file:` (relative to the definitions dir, or `file:///abs`);
 * - `web`: latest_url — http(s)/ftp(s);
 * - `http`: checksums_url, checksum_url, latest_checksum_url — http(s) only;
 * - `source`: source — http(s)/ftp(s) or `private`.
 */
export type UrlKind = 'download' | 'web' | 'http' | 'source';

const EXPECT: Record<UrlKind, string> = {
  download: 'an http(s):// or ftp(s):// URL, or file:<path>',
  web: 'an http(s):// or ftp(s):// URL',
  http: 'an http(s):// URL',
  source: "an http(s):// or ftp(s):// URL, or 'private'",
};

export function checkUrl(v: unknown, kind: UrlKind): Checked<string> {
  if (typeof v !== 'string') return bad(`expected ${EXPECT[kind]}, got ${describeValue(v)}`);
  if (kind === 'source' && v === 'private') return ok(v);
  // credentials first: nothing below may echo a URL that carries a password
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(v)?.[1];
  if (authority?.includes('@')) {
    return bad('the URL contains credentials (user:password@host); definitions must not carry secrets — use a URL without them');
  }
  if (/\s/.test(v)) return bad(`'${clip(redactUrl(v))}' contains whitespace; percent-encode it (%20)`);
  if (kind === 'download' && FILE_RE.test(v)) return checkFileUrl(v);
  const re = kind === 'http' ? HTTP_RE : WEB_RE;
  if (!re.test(v)) {
    let hint = '';
    if (re.test(v.replace(/^[A-Za-z]+/, (s) => s.toLowerCase()))) hint = ' (write the scheme in lowercase)';
    else if (kind === 'http' && WEB_RE.test(v)) hint = ' (ftp is not allowed here)';
    else if (kind !== 'download' && /^file:/i.test(v)) hint = ' (file: is only allowed for url and mirror_url)';
    else if (/^file:/i.test(v)) hint = ' (use file:relative/path or file:///absolute/path)';
    return bad(`'${clip(redactUrl(v))}' is not ${EXPECT[kind]}${hint}`);
  }
  try {
    new URL(v);
  } catch {
    return bad(`'${clip(redactUrl(v))}' is not a valid URL`);
  }
  return ok(v);
}

/**
 * `file:` URLs are resolved by the importer relative to the definitions directory (or taken as
 * absolute with `file:///`). `..` segments are refused so a definition cannot reach upward.
 */
function checkFileUrl(v: string): Checked<string> {
  const raw = v.startsWith('file:///') ? v.slice(7) : v.slice(5);
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return bad(`'${clip(v)}' has an invalid %-escape`);
  }
  if (path.split(/[/\\]/).some((seg) => seg === '..')) {
    return bad(`'${clip(v)}' contains a '..' segment; file: paths must stay inside the definitions directory (or be absolute: file:///path)`);
  }
  return ok(v);
}

// ---------------------------------------------------------------------------------------------
// descriptions and suggestions

export function describeValue(v: unknown, source?: string): string {
  if (v === null || v === undefined) return 'no value';
  if (typeof v === 'string') return `the string '${clip(v, 60)}'`;
  if (typeof v === 'number') return source && source !== String(v) ? `the number ${v} (written ${source})` : `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (v instanceof Date) return 'a timestamp';
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/** `minDisk`, `min-disk`, `MIN_DISK` → `min_disk`. */
export function snakeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/** The closest candidate: same key in snake_case, or within edit distance 2 (1 for short keys). */
export function closest(key: string, candidates: readonly string[]): string | undefined {
  const norm = snakeKey(key);
  const exact = candidates.find((c) => c === norm);
  if (exact) return exact;
  const limit = norm.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(norm, c);
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
