/**
 * A body read whole (JSON listings, error answers), counted as it arrives and cut at a cap.
 *
 * fetch inflates a `Content-Encoding: gzip`/`deflate`/`br` answer as its stream is read, so the
 * chunks counted here are the decompressed bytes: a gzip bomb (kilobytes on the wire, gigabytes
 * inflated) is refused once the count passes the cap, and leaving the loop cancels the stream, so
 * the rest is never inflated. Nothing beyond the cap is buffered. A body declared larger than the
 * cap (Content-Length, uncompressed) is refused before any of it is read.
 */
import { LimitExceededError } from '../errors.js';

/** `64 MiB`, `512 KiB`, `300 bytes`: limits as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export interface ReadableAnswer {
  headers: Headers;
  /** A web ReadableStream (fetch) or a Node Readable (undici's request()): both iterate as chunks. */
  body?: unknown;
  text(): Promise<string>;
}

function tooLarge(what: string, max: number, declared?: number): LimitExceededError {
  const said = declared !== undefined ? ` (it declares ${declared} bytes)` : ' (counted after decompression)';
  return new LimitExceededError(
    `${what}: the answer is larger than ${formatBytes(max)}${said}; refused (see "Limits on input" in the README)`,
    'response-bytes',
  );
}

function isAsyncIterable(x: unknown): x is AsyncIterable<Uint8Array> {
  return x !== null && typeof x === 'object' && typeof (x as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';
}

/** The body as text and its size in bytes (decompressed); LimitExceededError past `max` bytes. */
export async function readBodyCapped(res: ReadableAnswer, max: number, what: string): Promise<{ text: string; bytes: number }> {
  const encoding = (res.headers.get('content-encoding') ?? '').trim().toLowerCase();
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if ((encoding === '' || encoding === 'identity') && Number.isFinite(declared) && declared > max) throw tooLarge(what, max, declared);
  if (!isAsyncIterable(res.body)) {
    // a test seam's answer without a stream: read, then measured
    const text = await res.text();
    const bytes = Buffer.byteLength(text);
    if (bytes > max) throw tooLarge(what, max);
    return { text, bytes };
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    // leaving the loop cancels the stream: nothing more is read or inflated
    if (bytes > max) throw tooLarge(what, max);
    chunks.push(chunk);
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks, bytes)), bytes };
}
