import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LookaheadReader } from './mirror-object.js';

async function collect(it: AsyncIterable<Buffer>): Promise<string> {
  let s = '';
  for await (const c of it) s += c.toString();
  return s;
}

describe('LookaheadReader', () => {
  it('cuts a stream into bodies of at most N bytes, whatever the chunking', async () => {
    const r = new LookaheadReader(Readable.from([Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('ij')]), () => {});
    const parts: string[] = [];
    while (!r.done) parts.push(await collect(r.take(4)));
    expect(parts).toEqual(['abcd', 'efgh', 'ij']);
    expect(r.taken).toBe(10);
  });

  it('knows the end at a segment boundary: no empty body follows', async () => {
    const r = new LookaheadReader(Readable.from([Buffer.from('abcd'), Buffer.from('efgh')]), () => {});
    const parts: string[] = [];
    while (!r.done) parts.push(await collect(r.take(4)));
    expect(parts).toEqual(['abcd', 'efgh']);
  });

  it('runs the check before it hands out the last bytes: a throw keeps them back', async () => {
    const seen: string[] = [];
    const r = new LookaheadReader(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), () => {
      throw new Error('checksum mismatch');
    });
    await expect(
      (async () => {
        for await (const c of r.take(100)) seen.push(c.toString());
      })(),
    ).rejects.toThrow('checksum mismatch');
    expect(seen).toEqual(['ab']);
  });
});
