/**
 * How messages show a value the user wrote: shortened, and described by its YAML type so that
 * "got the number 22.1 (written 22.10)" explains why an unquoted version became a number.
 */

/** Shorten for messages. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `source` is the scalar as written, shown when YAML read it as a different number. */
export function describeValue(v: unknown, source?: string): string {
  if (v === null || v === undefined) return 'no value';
  if (typeof v === 'string') return `the string '${clip(v, 60)}'`;
  if (typeof v === 'number') return source && source !== String(v) ? `the number ${v} (written ${source})` : `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (v instanceof Date) return 'a timestamp';
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}
