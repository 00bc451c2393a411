/**
 * Values echoed back to the user (image names, property values, messages quoting them) are clipped:
 * a 20 MB name must not make a 20 MB report or error. The note keeps the full length visible.
 */
export const MAX_ECHOED_CHARS = 200;

export function clipEchoed(text: string, max = MAX_ECHOED_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters in all)` : text;
}

/** A deep copy with every string clipped (numbers, booleans and structure kept). */
export function clipStrings<T>(value: T, max = MAX_ECHOED_CHARS): T {
  if (typeof value === 'string') return clipEchoed(value, max) as T;
  if (Array.isArray(value)) return value.map((v) => clipStrings(v, max)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipStrings(v, max)])) as T;
  }
  return value;
}
