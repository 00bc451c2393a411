/**
 * Digests of a byte stream, computed while it passes through (never buffered), and the comparison
 * rules: a definition's checksum against the bytes we streamed, or against Glance's
 * `os_hash_value` when Glance used the same algorithm.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Checksum, ChecksumAlgorithm } from '../core/definitions/types.js';

export const GLANCE_ALGORITHMS: Readonly<Record<string, ChecksumAlgorithm>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' };

export class Digests {
  private readonly hashes = new Map<ChecksumAlgorithm, Hash>();
  bytes = 0;
  constructor(algorithms: readonly ChecksumAlgorithm[]) {
    for (const a of new Set(algorithms)) this.hashes.set(a, createHash(a));
  }
  update(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    for (const h of this.hashes.values()) h.update(chunk);
  }
  /** Lowercase hex per algorithm; call once, at the end. */
  digest(): Partial<Record<ChecksumAlgorithm, string>> {
    const out: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [a, h] of this.hashes) out[a] = h.digest('hex');
    return out;
  }
}

/** Pass chunks through unchanged while hashing and counting them. */
export async function* hashing(source: AsyncIterable<Uint8Array>, digests: Digests, onChunk?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    digests.update(chunk);
    onChunk?.(digests.bytes);
    yield chunk;
  }
}

export type Verification =
  | { ok: true; how: string }
  | { ok: false; problem: string };

export function compareDigest(expected: Checksum, actual: string | undefined, what: string): Verification {
  if (actual === undefined) return { ok: false, problem: `no ${expected.algorithm} digest of ${what}` };
  return actual.toLowerCase() === expected.hex
    ? { ok: true, how: `${expected.algorithm} of ${what} matches the definition` }
    : { ok: false, problem: `checksum mismatch: the definition says ${expected.algorithm}:${expected.hex}, ${what} has ${actual.toLowerCase()}` };
}
