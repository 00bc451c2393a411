/**
 * The few pieces of Python (CPython 3.10+) and openstacksdk behaviour the official SCS image tests depend on, modelled
 * for the differential test's oracle (official-rules.ts). Nothing here is the tool's code: this is a reading of what the
 * Python side does, so that its verdicts can be reproduced without Python.
 */

/** A Python exception escaping a testcase function: the harness prints ABORT. */
export class PyRaise extends Error {
  constructor(
    readonly pyType: string,
    detail: string,
  ) {
    super(`${pyType}: ${detail}`);
  }
}

/** Python truthiness of a JSON value (None, False, 0, '', [], {} are falsy). */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** `v in (s1, s2, ...)` for a tuple of strings, optionally containing None (`withNone`). */
export function pyIn(v: unknown, options: readonly string[], withNone = false): boolean {
  if (v === null || v === undefined) return withNone;
  return typeof v === 'string' && options.includes(v);
}

/** A str method called on a value that is not a str: AttributeError (None.startswith, 5.find, ...). */
export function asStr(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  throw new PyRaise('AttributeError', `'${pyTypeName(v)}' object has no attribute '${what}'`);
}

export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  return Array.isArray(v) ? 'list' : 'dict';
}

/**
 * The decimal digits of the official test's Python, 3.10 (STD Tests/Dockerfile `FROM python:3.10`; CI runs 3.10 too),
 * whose Unicode database is 13.0: 65 sets of ten consecutive code points, given here by their zeros. JavaScript's
 * `\p{Nd}` is the runtime's newer Unicode, which adds sets (Tangsa in 14.0, Kawi and Nag Mundari in 15.0, more in 16.0).
 */
const PY310_DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946,
  0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0,
  0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16b50, 0x1d7ce, 0x1d7d8,
  0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** The value of a Python 3.10 decimal digit, or undefined for any other character. */
function digit(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  for (const zero of PY310_DIGIT_ZEROS) if (cp >= zero && cp < zero + 10) return cp - zero;
  return undefined;
}

/** `\d` of a Python 3.10 str pattern, as a character class. */
const PY_D = `[${PY310_DIGIT_ZEROS.map((z) => `\\u{${z.toString(16)}}-\\u{${(z + 9).toString(16)}}`).join('')}]`;

/** `str.isdecimal()` (Python 3.10): non-empty, every character a decimal digit. */
export function isDecimal(s: string): boolean {
  return s.length > 0 && Array.from(s).every((ch) => digit(ch) !== undefined);
}

/** Python's `str.rstrip()`: trailing characters for which `str.isspace()` is true removed. */
export function pyRstrip(s: string): string {
  return s.replace(new RegExp(`[${PY_WS}]+$`, 'u'), '');
}

/** `s.rsplit(' ', 1)`: at most two parts, split at the last single space. */
export function rsplitSpaceOnce(s: string): [string] | [string, string] {
  const i = s.lastIndexOf(' ');
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/** The characters for which Python's `str.isspace()` is true (the `\s` of a str pattern). */
const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// ---------------------------------------------------------------------------------------------------------------
// time.strptime / datetime.strptime, as CPython's Lib/_strptime.py builds its regex: each directive becomes a
// group, other characters are escaped, every whitespace run of the *format* becomes `\s+`, the regex is compiled
// with IGNORECASE, `.match()`ed (anchored at the start only) and "unconverted data remains" if it stops early.
// `\d` in a str pattern is any Unicode decimal digit (category Nd); int() accepts those digits too.

const DIRECTIVES: Record<string, string> = {
  Y: '(?<Y>\\d\\d\\d\\d)',
  m: '(?<m>1[0-2]|0[1-9]|[1-9])',
  d: '(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])',
  H: '(?<H>2[0-3]|[0-1]\\d|\\d)',
  M: '(?<M>[0-5]\\d|\\d)',
  S: '(?<S>6[0-1]|[0-5]\\d|\\d)',
};

const compiled = new Map<string, RegExp>();

function formatRegex(format: string): RegExp {
  let re = compiled.get(format);
  if (re) return re;
  let src = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%') {
      const d = format[++i]!;
      const p = DIRECTIVES[d];
      if (!p) throw new Error(`strptime model: directive %${d} not modelled`);
      src += p.replace(/\\d/g, PY_D);
    } else if (new RegExp(`[${PY_WS}]`, 'u').test(c)) {
      while (i + 1 < format.length && new RegExp(`[${PY_WS}]`, 'u').test(format[i + 1]!)) i++;
      src += `[${PY_WS}]+`;
    } else {
      src += /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
    }
  }
  re = new RegExp(`^(?:${src})`, 'iu');
  compiled.set(format, re);
  return re;
}

/** int() of a string of Unicode decimal digits. */
function pyInt(digits: string): number {
  let n = 0;
  for (const ch of digits) n = n * 10 + digitValue(ch);
  return n;
}

/** Value of one decimal digit (Python 3.10's). */
function digitValue(ch: string): number {
  return digit(ch)!;
}

/**
 * strptime(value, format) as epoch seconds (UTC, as the official code interprets these formats), or null for a
 * ValueError. `leap` is set when the seconds are 60 or 61, which the regex admits: time.strptime keeps them (the
 * seconds count on), datetime.strptime raises; the caller decides which reading applies.
 */
export function strptimeUtc(value: string, format: string): { t: number; leap: boolean } | null {
  const m = formatRegex(format).exec(value);
  if (!m || m[0].length !== value.length) return null;
  const g = m.groups ?? {};
  const year = pyInt(g['Y'] ?? '1900');
  const month = g['m'] !== undefined ? pyInt(g['m']) : 1;
  const day = g['d'] !== undefined ? pyInt(g['d'].trim()) : 1;
  const hour = g['H'] !== undefined ? pyInt(g['H']) : 0;
  const minute = g['M'] !== undefined ? pyInt(g['M']) : 0;
  const second = g['S'] !== undefined ? pyInt(g['S']) : 0;
  if (year < 1) return null; // datetime_date(0, ...) raises ValueError inside _strptime
  if (day > daysInMonth(year, month)) return null; // "day is out of range for month"
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return { t: d.getTime() / 1000, leap: second > 59 };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

// ---------------------------------------------------------------------------------------------------------------
// openstacksdk's image.v2.Image: the keys it maps to attributes (they never land in `properties`); every other
// top-level key of a Glance image is a custom property, collected in `properties`, which stays None when there is none.

export const SDK_IMAGE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'architecture',
  'hypervisor_type',
  'instance_type_rxtx_factor',
  'instance_uuid',
  'img_config_drive',
  'kernel_id',
  'os_distro',
  'os_version',
  'os_secure_boot',
  'os_shutdown_timeout',
  'ramdisk_id',
  'vm_mode',
  'hw_cpu_sockets',
  'hw_cpu_cores',
  'hw_cpu_threads',
  'hw_disk_bus',
  'hw_cpu_policy',
  'hw_cpu_thread_policy',
  'hw_rng_model',
  'hw_machine_type',
  'hw_scsi_model',
  'hw_serial_port_count',
  'hw_video_model',
  'hw_video_ram',
  'hw_watchdog_action',
  'os_command_line',
  'hw_vif_model',
  'hw_vif_multiqueue_enabled',
  'hw_boot_menu',
  'vmware_adaptertype',
  'vmware_ostype',
  'auto_disk_config',
  'os_type',
  'os_admin_user',
  'hw_qemu_guest_agent',
  'os_require_quiesce',
  // Glance's own fields
  'id',
  'name',
  'status',
  'visibility',
  'os_hidden',
  'owner',
  'created_at',
  'updated_at',
  'min_disk',
  'min_ram',
  'size',
  'virtual_size',
  'disk_format',
  'container_format',
  'tags',
  'protected',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'self',
  'file',
  'schema',
  'locations',
  'direct_url',
]);

/** One image as the official test holds it: attributes read as `img.<attr>` (None when absent), and `properties`. */
export interface SdkImage {
  raw: Readonly<Record<string, unknown>>;
  /** `img.name`: a str or None. */
  name: string | null;
  visibility: unknown;
  /** `img.<attribute>`; None (null) when the key is absent or null. */
  attr(key: string): unknown;
  /** `img.properties`: the custom properties, or None when the image has none. */
  properties: Record<string, unknown> | null;
}

export function sdkImage(raw: Record<string, unknown>): SdkImage {
  const custom = Object.keys(raw).filter((k) => !SDK_IMAGE_ATTRIBUTES.has(k));
  const properties = custom.length === 0 ? null : Object.fromEntries(custom.map((k) => [k, raw[k]]));
  const name = raw['name'];
  return {
    raw,
    name: typeof name === 'string' ? name : null,
    visibility: raw['visibility'] ?? null,
    attr: (key) => raw[key] ?? null,
    properties,
  };
}

/** `img.properties`, for `.get()` / `[...]` on it: AttributeError / TypeError when it is None. */
export function props(img: SdkImage): Record<string, unknown> {
  if (img.properties === null)
    throw new PyRaise('AttributeError', `image ${JSON.stringify(img.name)}: 'NoneType' object has no attribute 'get' (no custom property)`);
  return img.properties;
}

/** `dict.get(key, default)`: a JSON null value is returned as None (null), an absent key as the default. */
export function pyGet(d: Record<string, unknown>, key: string, dflt: unknown = null): unknown {
  return Object.hasOwn(d, key) ? d[key] : dflt;
}
