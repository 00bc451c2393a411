/**
 * The image's bytes against the manifest's checksum, from what Glance already knows: its
 * `os_hash_algo`/`os_hash_value` (sha512 by default) or the legacy md5 `checksum`. When neither
 * uses the manifest's algorithm, only reading the data back can decide (`--deep`). An image
 * decompressed at import is compared through what the import recorded (compareUnpacked).
 */
import type { Checksum } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { contentHashProperty, sourceHashProperty, unpackedLinkOf } from '../images/unpacked-link.js';

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

/**
 * An image imported from a compressed file (core/images/unpacked-link.ts): the manifest names
 * the compressed file, Glance holds what it decompressed to. Verified when the file's hash
 * recorded at import is the manifest's, and Glance's own os_hash_value is the decompressed
 * content's recorded then; undefined for an image without that record (compareWithGlance decides).
 */
export function compareUnpacked(image: Image, expected: Checksum): GlanceComparison | undefined {
  const link = unpackedLinkOf(image);
  if (!link) return undefined;
  if (image.status !== 'active' && image.status !== 'deactivated')
    return { kind: 'no-data', why: `the image is ${image.status || 'in no state'}, so it holds no data to verify` };
  const file = link.source[expected.algorithm];
  if (file === undefined)
    return {
      kind: 'no-data',
      why: `the image was decompressed from a ${link.from} file whose ${expected.algorithm} was not recorded at import (${Object.keys(link.source).join(', ') || 'none'} was)`,
    };
  const recorded = `the ${link.from} file's ${expected.algorithm} recorded at import (${sourceHashProperty(expected.algorithm)})`;
  if (file !== expected.hex) return { kind: 'mismatch', expected, actual: file, how: recorded };
  const algo = image.hashAlgo?.toLowerCase();
  const content = algo ? link.content[algo as keyof typeof link.content] : undefined;
  if (!algo || !image.hashValue || content === undefined)
    return {
      kind: 'no-data',
      why: `the ${link.from} file matches the manifest, but the decompressed content's ${algo ?? 'hash'} (Glance's os_hash_algo) was not recorded at import to tie it to this image's bytes`,
    };
  if (content !== image.hashValue.toLowerCase())
    return {
      kind: 'mismatch',
      expected: { algorithm: algo as Checksum['algorithm'], hex: content },
      actual: image.hashValue.toLowerCase(),
      how: `Glance's os_hash_value (the image no longer holds what was decompressed from the ${link.from} file at import, ${contentHashProperty(algo)})`,
    };
  return {
    kind: 'verified',
    how: `${recorded} matches the manifest, and Glance's os_hash_value is the ${algo} of what it decompressed to (${contentHashProperty(algo)}${link.entry ? `, entry ${link.entry}` : ''})`,
  };
}
