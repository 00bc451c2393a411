import type { Image } from '../../images/image.js';

/**
 * The official test evaluates property values with Python semantics. Glance stores custom
 * properties as strings, but offline files may carry other JSON types, so the helpers here say
 * what Python would do with any JSON value. JSON null is Python's None, which the test treats like
 * a missing property wherever it uses `.get()` or an SDK attribute.
 */

/** A custom property, or undefined when absent or null. */
export function prop(image: Image, key: string): unknown {
  if (!Object.hasOwn(image.properties, key)) return undefined;
  const value = image.properties[key];
  return value === null ? undefined : value;
}

/** Python truthiness of a JSON value: '', 0, false, [], {} and None are falsy. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** `value in (…)` over a tuple of strings, optionally with None (`acceptMissing`). */
export function inList(value: unknown, allowed: readonly string[], acceptMissing = false): boolean {
  if (value === undefined) return acceptMissing;
  return typeof value === 'string' && allowed.includes(value);
}

/**
 * The decimal digits (Unicode category Nd) of Python 3.10, the official test's Python (its
 * Tests/Dockerfile is `FROM python:3.10`, its CI runs 3.10): Unicode 13.0, 65 sets of ten, in one
 * character class for `\d`, `str.isdecimal()` and `int()`. JavaScript's `\p{Nd}` follows the
 * runtime's newer Unicode (Node 20: 15.x and later), whose extra digits (Tangsa, Kawi, Nag Mundari,
 * ...) Python 3.10 does not read as digits: with them `last-𞓱` would pass here and fail there.
 * Later Pythons only add digits, so this set never passes what one of them fails.
 */
export const PY_DECIMAL =
  '[0-9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f' +
  '\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29' +
  '\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99' +
  '\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9' +
  '\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9\uff10-\uff19\u{104a0}-\u{104a9}\u{10d30}-\u{10d39}\u{11066}-\u{1106f}' +
  '\u{110f0}-\u{110f9}\u{11136}-\u{1113f}\u{111d0}-\u{111d9}\u{112f0}-\u{112f9}\u{11450}-\u{11459}\u{114d0}-\u{114d9}' +
  '\u{11650}-\u{11659}\u{116c0}-\u{116c9}\u{11730}-\u{11739}\u{118e0}-\u{118e9}\u{11950}-\u{11959}\u{11c50}-\u{11c59}' +
  '\u{11d50}-\u{11d59}\u{11da0}-\u{11da9}\u{16a60}-\u{16a69}\u{16b50}-\u{16b59}\u{1d7ce}-\u{1d7ff}\u{1e140}-\u{1e149}' +
  '\u{1e2f0}-\u{1e2f9}\u{1e950}-\u{1e959}\u{1fbf0}-\u{1fbf9}]';

const DECIMAL_RUN = new RegExp(`^${PY_DECIMAL}+$`, 'u');

/** `str.isdecimal()` of Python 3.10: non-empty and every character one of its decimal digits. */
export function isDecimal(value: string): boolean {
  return DECIMAL_RUN.test(value);
}

/** Python's `str.rstrip()`: removes trailing characters for which `str.isspace()` is true. */
export function pyRstrip(value: string): string {
  return value.replace(/[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
}
