/**
 * Levenshtein distance: the number of single-character insertions, deletions and substitutions
 * that turn `a` into `b`. The spec and definitions parsers use it to suggest the key a misspelt
 * key was meant to be.
 */
export function editDistance(a: string, b: string): number {
  // two rows of the dynamic-programming table are enough
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
