/**
 * YAML merge keys (`<<: *anchor`). They are YAML 1.1, which PyYAML (and so OIM) supports and the
 * yaml package's YAML 1.2 reading leaves as a plain `<<` key; definitions use them to share meta.
 */
import type { PathSegment } from '../yaml/positions.js';
import type { Findings } from './findings.js';

export type Mapping = Record<string, unknown>;

/** A YAML mapping as read into JS (a timestamp is a Date, not a mapping). */
export const isMapping = (v: unknown): v is Mapping => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** Resolve the merge key of one mapping (`<<: *anchor` or a list of them); explicit keys win. */
export function resolveMergeKeys(findings: Findings, path: readonly PathSegment[], obj: Mapping): Mapping {
  if (!('<<' in obj)) return obj;
  const src = obj['<<'];
  const parts = Array.isArray(src) ? src : [src];
  const merged: Mapping = {};
  // earlier mappings in the list win, as in PyYAML
  for (const part of [...parts].reverse()) {
    if (isMapping(part)) Object.assign(merged, part);
    else findings.error([...path, '<<'], 'a merge key (<<) must refer to a mapping or a list of mappings');
  }
  const own = { ...obj };
  delete own['<<'];
  return { ...merged, ...own };
}
