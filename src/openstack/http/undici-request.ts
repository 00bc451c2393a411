/**
 * Image data both ways through undici's request(), not fetch():
 * - Upload: fetch() reads an async iterable body ahead of the socket and buffers it (a 256 MiB
 *   upload grew the process by ~280 MB); request() writes a Readable and waits for the socket
 *   to drain, so memory stays at a few chunks whatever the image size.
 * - Download: fetch() hands the body out as a web ReadableStream whose per-chunk path costs more
 *   than half the throughput; request()'s Node Readable read at curl's speed here (1.3 GB/s
 *   against 0.5-0.8 GB/s through fetch, loopback Glance, 512 MiB).
 * request() never follows redirects (no X-Auth-Token to another host). undici is loaded only when
 * image data moves. The answer is adapted to the small part of fetch's Response that send() uses.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

export interface UndiciResponse {
  status: number;
  headers: Headers;
  text(): Promise<string>;
  /** The unread body as a Node stream (an AsyncIterable of chunks). */
  body: Readable;
}

export async function sendWithUndici(
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: AsyncIterable<Uint8Array> | undefined;
    signal: AbortSignal;
    dispatcher?: Dispatcher | undefined;
  },
): Promise<UndiciResponse> {
  const { request } = await import('undici');
  const body =
    init.body === undefined
      ? undefined
      : init.body instanceof Readable
        ? init.body
        : Readable.from(init.body, { objectMode: false, highWaterMark: 1024 * 1024 });
  const res = await request(url, {
    method: init.method as Dispatcher.HttpMethod,
    headers: init.headers,
    ...(body ? { body } : {}),
    signal: init.signal,
    // a larger read buffer for image data: fewer, bigger chunks for the hash and the progress
    highWaterMark: 1024 * 1024,
    ...(init.dispatcher ? { dispatcher: init.dispatcher } : {}),
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, String(v));
  }
  return { status: res.statusCode, headers, text: () => res.body.text(), body: res.body };
}
