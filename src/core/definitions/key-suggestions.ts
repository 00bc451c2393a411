/**
 * "Did you mean …?" for misspelt definition and meta keys. Users write keys in camelCase or
 * kebab-case (`minDisk`, `build-date`) as often as they mistype them, so a key is compared in
 * snake_case first, then by edit distance.
 */
import { editDistance } from '../text/edit-distance.js';

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

/** ` (did you mean 'x'?)` for the closest candidate, or '' when none is close. */
export function didYouMean(key: string, candidates: readonly string[]): string {
  const near = closest(key, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
}
