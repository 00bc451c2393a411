/**
 * The image's bytes against the manifest's checksum, from what Glance already knows: its
 * `os_hash_algo`/`os_hash_value` (sha512 by default) or the legacy md5 `checksum`. When neither
 * uses the manifest's algorithm, only reading the data back can decide (`--deep`).
 */
import type { Checksum } from '../definitions/types.js';
import type { Image } from '../images/image.js';

export type GlanceComparison =
  | { kind: 'verified'; how: string }
  | { kind: 'mismatch'; expected: Checksum; actual: string; how: string }
  | { kind: 'needs-read'; why: string }
  | { kind: 'no-data'; why: string };

export function compareWithGlance(image: Image, expected: Checksum): GlanceComparison {
  if (image.status !== 'active' && image.status !== 'deactivated')
    return { kind: 'no-data', why: `the image is ${image.status || 'in no state'}, so it holds no data to verify` };
  if (image.size === null) return { kind: 'no-data', why: 'the image holds no data' };
  const known: Array<[string | undefined, string | undefined, string]> = [
    [image.hashAlgo, image.hashValue, "Glance's os_hash_value"],
    ['md5', image.checksumMd5, "Glance's checksum (md5)"],
  ];
  for (const [algorithm, value, what] of known) {
    if (algorithm !== expected.algorithm || !value) continue;
    const actual = value.toLowerCase();
    return actual === expected.hex
      ? { kind: 'verified', how: `${expected.algorithm} of ${what} matches the manifest` }
      : { kind: 'mismatch', expected, actual, how: what };
  }
  return {
    kind: 'needs-read',
    why: `the manifest has ${expected.algorithm}, Glance stores ${image.hashAlgo ?? 'no hash'}${image.checksumMd5 ? ' and md5' : ''}`,
  };
}
