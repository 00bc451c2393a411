/**
 * Image data: PUT /v2/images/{id}/file (direct upload) and PUT …/stage (for glance-direct import).
 * Both answer 204. A Buffer body is retried like any PUT; a stream is sent once (it cannot be
 * rewound). Uploads have no overall deadline by default: a 30 s cap would kill every real image.
 */
import type { ServiceClient } from '../../../http/service-client.js';
import type { RawBody } from '../../../http/types.js';
import { fileURL, stageURL } from '../images/urls.js';

export interface UploadOptions {
  /** Target store (`X-Image-Meta-Store`), multi-store Glance only. */
  store?: string;
  /** Overall deadline for this upload; 0 (default) = none. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

async function put(client: ServiceClient, url: string, body: RawBody, opts: UploadOptions): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (opts.store) headers['X-Image-Meta-Store'] = opts.store;
  await client.request({
    method: 'PUT',
    url,
    headers,
    body,
    okCodes: [204],
    timeoutMs: opts.timeoutMs ?? 0,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** Upload the bytes; the image becomes `active`. */
export function uploadImageData(client: ServiceClient, id: string, body: RawBody, opts: UploadOptions = {}): Promise<void> {
  return put(client, fileURL(client.endpoint, id), body, opts);
}

/** Stage the bytes for a later `glance-direct` import; the image becomes `uploading`. */
export function stageImageData(client: ServiceClient, id: string, body: RawBody, opts: UploadOptions = {}): Promise<void> {
  return put(client, stageURL(client.endpoint, id), body, opts);
}

/**
 * GET /v2/images/{id}/file → 200 with the bytes as a stream (verifying an import by reading it
 * back). Retried only until the headers arrive; the caller bounds reading the body.
 */
export async function downloadImageData(client: ServiceClient, id: string, opts: { signal?: AbortSignal } = {}): Promise<AsyncIterable<Uint8Array>> {
  const res = await client.request({
    method: 'GET',
    url: fileURL(client.endpoint, id),
    okCodes: [200],
    stream: true,
    headers: { Accept: 'application/octet-stream' },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!res.stream) throw new TypeError('image data response has no body');
  return res.stream;
}

/**
 * GET /v2/images/{id}/file → 200, each slice of the bytes passed to `sink` as it arrives (the
 * slice is valid only during the call: hash it, do not keep it); resolves with the byte count
 * once all arrived. Read through one reused buffer (http/static-buffer-get.ts): about twice as
 * fast as streaming for a hash. The per-attempt timeout applies between reads.
 */
export async function readImageData(
  client: ServiceClient,
  id: string,
  sink: (chunk: Uint8Array) => void,
  opts: { signal?: AbortSignal } = {},
): Promise<number> {
  let bytes = 0;
  await client.request({
    method: 'GET',
    url: fileURL(client.endpoint, id),
    okCodes: [200],
    headers: { Accept: 'application/octet-stream' },
    sink: (chunk) => {
      bytes += chunk.byteLength;
      sink(chunk);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return bytes;
}
