import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compareDigest, Digests, meter, through } from './checksum.js';

const collect = async (s: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c);
  return Buffer.concat(parts);
};

describe('meter', () => {
  it('passes the bytes through unchanged while hashing, counting and reporting them', async () => {
    const digests = new Digests(['sha256', 'md5']);
    const seen: number[] = [];
    const out = await collect(
      through(
        Readable.from([Buffer.from('ab'), Buffer.from('cde')]),
        meter(digests, { idleMs: 1000, onBytes: (n) => seen.push(n), stalled: () => new Error('x') }),
      ),
    );
    expect(out.toString()).toBe('abcde');
    expect(seen).toEqual([2, 5]);
    expect(digests.digest()).toEqual({ sha256: createHash('sha256').update('abcde').digest('hex'), md5: createHash('md5').update('abcde').digest('hex') });
  });

  it('fails a stream that delivers nothing for idleMs', async () => {
    const silent = new PassThrough();
    const m = through(silent, meter(new Digests([]), { idleMs: 120, stalled: () => new Error('stalled: no data') }));
    await expect(collect(m)).rejects.toThrow('stalled: no data');
  });

  it("passes the source's error on", async () => {
    const src = new PassThrough();
    const m = through(src, meter(new Digests([]), { idleMs: 1000, stalled: () => new Error('x') }));
    setTimeout(() => src.destroy(new Error('connection reset')), 10);
    await expect(collect(m)).rejects.toThrow('connection reset');
  });
});

describe('compareDigest', () => {
  it('names both digests on a mismatch', () => {
    expect(compareDigest({ algorithm: 'sha256', hex: 'aa' }, 'AA', 'x')).toEqual({ ok: true, how: 'sha256 of x matches the definition' });
    expect(compareDigest({ algorithm: 'sha256', hex: 'aa' }, 'bb', 'x')).toMatchObject({
      ok: false,
      problem: 'checksum mismatch: the definition says sha256:aa, x has bb',
    });
  });
});
