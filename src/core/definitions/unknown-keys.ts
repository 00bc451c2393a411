/**
 * Keys an image or version does not take. OIM's schema is strict, and so is this reader; the
 * message says what was probably meant: a near miss, or the level or place the key belongs to.
 */
import type { PathSegment } from '../yaml/positions.js';
import { IMAGE_KEYS, VERSION_KEYS } from './definition-schema.js';
import { clip } from './describe-value.js';
import type { Findings } from './findings.js';
import { closest } from './key-suggestions.js';
import type { Mapping } from './merge-keys.js';
import { META_KEYS } from './meta-rules.js';

export function reportUnknownKeys(findings: Findings, path: readonly PathSegment[], obj: Mapping, level: 'image' | 'version'): void {
  const known: readonly string[] = level === 'image' ? IMAGE_KEYS : VERSION_KEYS;
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    // `min_disc` for an absent `min_disk`: this message covers the missing key too
    if (near && obj[near] === undefined) findings.coverMissing([...path, near]);
    findings.error([...path, key], `unknown key '${clip(key, 40)}'${near ? ` (did you mean '${near}'?)` : placeHint(key, level)}`, 'key');
  }
}

/** Where a key that is not a near miss belongs instead, if it is known elsewhere. */
function placeHint(key: string, level: 'image' | 'version'): string {
  const norm = key.toLowerCase();
  if (level === 'image' && (VERSION_KEYS as readonly string[]).includes(norm)) return ' (it belongs in each versions[] entry)';
  if (level === 'version' && (IMAGE_KEYS as readonly string[]).includes(norm)) return ' (it is an image-level key)';
  if (META_KEYS.includes(norm) || /^(hw|os|img|trait|image)[_:]/.test(key)) return ' (Glance properties belong under meta)';
  return '';
}
