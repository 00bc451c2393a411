/**
 * Sending a streamed request body (image data) with real backpressure. fetch() reads an async
 * iterable body ahead of the socket and buffers it: a 256 MiB upload grew the process by ~280 MB.
 * undici's request() writes a Readable and waits for the socket to drain, so memory stays at a
 * few chunks whatever the image size. undici is loaded only when an upload happens.
 *
 * The answer is adapted to the small part of fetch's Response that send() uses.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

export interface StreamedResponse {
  status: number;
  headers: Headers;
  text(): Promise<string>;
  body: null;
}

export async function sendStreamedBody(
  url: string,
  init: { method: string; headers: Record<string, string>; body: AsyncIterable<Uint8Array>; signal: AbortSignal; dispatcher?: Dispatcher | undefined },
): Promise<StreamedResponse> {
  const { request } = await import('undici');
  const body = init.body instanceof Readable ? init.body : Readable.from(init.body, { objectMode: false, highWaterMark: 1024 * 1024 });
  const res = await request(url, {
    method: init.method as Dispatcher.HttpMethod,
    headers: init.headers,
    body,
    signal: init.signal,
    ...(init.dispatcher ? { dispatcher: init.dispatcher } : {}),
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, String(v));
  }
  return { status: res.statusCode, headers, text: () => res.body.text(), body: null };
}
