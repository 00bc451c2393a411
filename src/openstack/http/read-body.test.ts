import { describe, expect, it } from 'vitest';
import { LimitExceededError } from '../errors.js';
import { formatBytes, readBodyCapped } from './read-body.js';

/** An endless body of 1 KiB chunks that counts how many were pulled and whether it was cancelled. */
function endless(): { body: AsyncIterable<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(1024).fill(0x61);
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        pulled++;
        return { done: false, value: chunk };
      },
      return: async () => {
        cancelled = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}

const headers = (h: Record<string, string> = {}) => new Headers(h);

describe('readBodyCapped', () => {
  it('reads a body under the cap whole, with its byte count', async () => {
    const res = new Response('{"images": []}');
    expect(await readBodyCapped(res, 1024, 'GET x')).toEqual({ text: '{"images": []}', bytes: 14 });
    expect(await readBodyCapped(new Response('Grüße'), 1024, 'GET x')).toEqual({ text: 'Grüße', bytes: 7 });
  });

  it('stops an endless body just past the cap and cancels it: nothing more is pulled', async () => {
    const e = endless();
    const read = readBodyCapped({ headers: headers({ 'content-encoding': 'gzip' }), body: e.body, text: async () => '' }, 64 * 1024, 'GET http://h/v2/images');
    await expect(read).rejects.toThrow(LimitExceededError);
    await expect(read).rejects.toThrow('GET http://h/v2/images: the answer is larger than 64 KiB (counted after decompression)');
    expect(e.pulled()).toBe(65);
    expect(e.cancelled()).toBe(true);
  });

  it('refuses a body that declares more than the cap before reading any of it', async () => {
    const e = endless();
    const read = readBodyCapped({ headers: headers({ 'content-length': '5000' }), body: e.body, text: async () => '' }, 4096, 'GET x');
    await expect(read).rejects.toMatchObject({ limit: 'response-bytes', message: expect.stringContaining('it declares 5000 bytes') });
    expect(e.pulled()).toBe(0);
  });

  it('a compressed body is judged by what it inflates to, not by its Content-Length', async () => {
    const res = new Response('x'.repeat(100), { headers: { 'content-length': '20', 'content-encoding': 'gzip' } });
    await expect(readBodyCapped(res, 50, 'GET x')).rejects.toThrow(/larger than 50 bytes/);
  });

  it('formats limits as people read them', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(1000)).toBe('1000 bytes');
  });
});
