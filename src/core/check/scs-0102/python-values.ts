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

/** `str.isdecimal()`: non-empty and every character a Unicode decimal digit (category Nd). */
export function isDecimal(value: string): boolean {
  return /^\p{Nd}+$/u.test(value);
}

/** Python's `str.rstrip()`: removes trailing characters for which `str.isspace()` is true. */
export function pyRstrip(value: string): string {
  return value.replace(/[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
}
