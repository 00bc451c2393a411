/**
 * Is an active image the bytes the definition names? In order of cost: a digest computed while
 * we streamed the bytes ourselves; Glance's `os_hash_value` when Glance used the definition's
 * algorithm; reading the image back from Glance once. Without a checksum in the definition the
 * image is accepted and reported as unverified (never silently "verified").
 */
import type { Image } from '../core/images/image.js';
import type { ChecksumAlgorithm } from '../core/definitions/types.js';
import type { ImportChange } from '../core/plan/types.js';
import { compareDigest, Digests, GLANCE_ALGORITHMS, type Verification } from '../inputs/streams/checksum.js';
import type { ImageApi } from './types.js';

export async function verifyImage(
  image: Image,
  change: ImportChange,
  api: Pick<ImageApi, 'readImageData'>,
  opts: {
    computed?: Partial<Record<ChecksumAlgorithm, string>>;
    /**
     * A compressed source: `computed` are the digests of the decompressed image, these of the
     * downloaded file. The definition's checksum is the image's (OIM's rule); one that names the
     * downloaded file instead is accepted too, and the result says which it was.
     */
    packed?: { label: string; digests: Partial<Record<ChecksumAlgorithm, string>> };
    readBack: boolean;
    signal?: AbortSignal;
    /** The read-back begins (progress: a step line). */
    onReadBack?: (algorithm: ChecksumAlgorithm) => void;
    /** Bytes read back so far. */
    onBytes?: (done: number) => void;
  },
): Promise<Verification> {
  const expected = change.source.checksum;
  const glanceAlgo = image.hashAlgo ? GLANCE_ALGORITHMS[image.hashAlgo] : undefined;
  // the bytes we sent must be the bytes Glance stored (catches corruption on the way in)
  const ours = glanceAlgo ? opts.computed?.[glanceAlgo] : undefined;
  if (ours && image.hashValue && ours !== image.hashValue.toLowerCase()) {
    return { ok: false, problem: `Glance stored other bytes than were sent (${glanceAlgo} ${image.hashValue} vs ${ours})` };
  }
  if (!expected) return { ok: true, how: 'not verified: the definition has no checksum' };
  if (opts.packed && opts.packed.digests[expected.algorithm] === expected.hex) {
    return { ok: true, how: `${expected.algorithm} of the downloaded ${opts.packed.label} file matches the definition (the image is what it decompresses to)` };
  }
  const streamed = opts.computed?.[expected.algorithm];
  if (streamed !== undefined) {
    const v = compareDigest(expected, streamed, opts.packed ? `the decompressed image (from ${opts.packed.label})` : 'the downloaded bytes');
    const file = opts.packed?.digests[expected.algorithm];
    return !v.ok && file ? { ok: false, problem: `${v.problem}, the downloaded ${opts.packed?.label} file ${file}` } : v;
  }
  if (glanceAlgo === expected.algorithm && image.hashValue) return compareDigest(expected, image.hashValue, "Glance's os_hash_value");
  if (!opts.readBack)
    return { ok: true, how: `not verified: Glance hashes with ${image.hashAlgo ?? 'nothing'}, the definition with ${expected.algorithm} (read-back disabled)` };
  const digests = new Digests([expected.algorithm]);
  opts.onReadBack?.(expected.algorithm);
  await api.readImageData(
    image.id,
    (chunk) => {
      digests.update(chunk);
      opts.onBytes?.(digests.bytes);
    },
    opts.signal ? { signal: opts.signal } : {},
  );
  return compareDigest(expected, digests.digest()[expected.algorithm], 'the image read back from Glance');
}
