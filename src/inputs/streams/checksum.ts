/**
 * Digests of a byte stream, computed while it passes through (never buffered), and the comparison
 * rules: a definition's checksum against the bytes we streamed, or against Glance's
 * `os_hash_value` when Glance used the same algorithm.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Checksum, ChecksumAlgorithm } from '../../core/definitions/types.js';

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

/**
 * A pass-through that hashes and counts the bytes, reports progress, and fails the stream when no
 * byte arrived for `idleMs` (checked every few seconds, not with a timer per chunk). One Transform
 * instead of async generators: no promise per chunk, and pipe() keeps the backpressure.
 */
export function meter(digests: Digests, opts: { idleMs: number; onBytes?: (bytes: number) => void; stalled: () => Error }): Transform {
  let last = Date.now();
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      last = Date.now();
      digests.update(chunk);
      opts.onBytes?.(digests.bytes);
      cb(null, chunk);
    },
  });
  const watchdog = setInterval(
    () => {
      if (Date.now() - last > opts.idleMs) t.destroy(opts.stalled());
    },
    Math.max(50, Math.min(5000, opts.idleMs / 4)),
  );
  watchdog.unref();
  t.once('close', () => clearInterval(watchdog));
  return t;
}

/** Hashes and counts what passes, nothing else (no watchdog: a stage behind a metered download). */
export function hashing(digests: Digests): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      digests.update(chunk);
      cb(null, chunk);
    },
  });
}

/** `source.pipe(meter)` with the source's errors passed on (pipe() alone would drop them). */
export function through(source: Readable, m: Transform): Transform {
  source.once('error', (e) => m.destroy(e));
  m.once('close', () => source.destroy());
  return source.pipe(m);
}

export type Verification = { ok: true; how: string } | { ok: false; problem: string };

export function compareDigest(expected: Checksum, actual: string | undefined, what: string): Verification {
  if (actual === undefined) return { ok: false, problem: `no ${expected.algorithm} digest of ${what}` };
  return actual.toLowerCase() === expected.hex
    ? { ok: true, how: `${expected.algorithm} of ${what} matches the definition` }
    : { ok: false, problem: `checksum mismatch: the definition says ${expected.algorithm}:${expected.hex}, ${what} has ${actual.toLowerCase()}` };
}
