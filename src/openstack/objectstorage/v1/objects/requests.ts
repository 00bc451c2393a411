/**
 * Objects: HEAD, PUT (plain or streamed), PUT of a static large object (SLO) manifest, DELETE.
 * A streamed PUT is sent once (never retried): when its body fails half-way the connection is cut
 * and Swift stores nothing, so a failed verification at the end of a stream leaves no object.
 * Uploads have no overall deadline (as Glance's image data).
 */
import { isHttpStatus } from '../../../errors.js';
import type { ServiceClient } from '../../../http/service-client.js';
import type { RawBody } from '../../../http/types.js';
import { objectURL } from '../urls.js';
import type { ObjectInfo, PutObjectOptions, SloSegment } from './types.js';

const META = 'x-object-meta-';

/** HEAD the object; undefined when it does not exist. */
export async function getObject(client: ServiceClient, container: string, name: string): Promise<ObjectInfo | undefined> {
  let res;
  try {
    res = await client.request({ method: 'HEAD', url: objectURL(client.endpoint, container, name), okCodes: [200] });
  } catch (e) {
    if (isHttpStatus(e, 404)) return undefined;
    throw e;
  }
  const metadata: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (key.toLowerCase().startsWith(META)) metadata[key.slice(META.length).toLowerCase()] = value;
  });
  return {
    container,
    name,
    size: Number(res.headers.get('content-length') ?? 0),
    etag: (res.headers.get('etag') ?? '').replace(/"/g, ''),
    metadata,
    staticLargeObject: (res.headers.get('x-static-large-object') ?? '').toLowerCase() === 'true',
  };
}

function putHeaders(opts: PutObjectOptions): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? 'application/octet-stream' };
  if (opts.contentLength !== undefined) headers['Content-Length'] = String(opts.contentLength);
  for (const [k, v] of Object.entries(opts.metadata ?? {})) headers[`X-Object-Meta-${k}`] = v;
  return headers;
}

/** PUT the bytes (201); returns Swift's ETag (md5 of what it stored), without quotes. */
export async function putObject(client: ServiceClient, container: string, name: string, body: RawBody, opts: PutObjectOptions = {}): Promise<string> {
  const res = await client.request({
    method: 'PUT',
    url: objectURL(client.endpoint, container, name),
    headers: putHeaders(opts),
    body,
    okCodes: [201],
    timeoutMs: 0,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return (res.headers.get('etag') ?? '').replace(/"/g, '');
}

/** PUT `?multipart-manifest=put`: the object becomes the concatenation of the segments (Swift checks each etag and size). */
export async function putSloManifest(
  client: ServiceClient,
  container: string,
  name: string,
  segments: readonly SloSegment[],
  opts: Omit<PutObjectOptions, 'contentLength'> = {},
): Promise<void> {
  const { 'Content-Length': _length, ...headers } = putHeaders(opts);
  await client.request({
    method: 'PUT',
    url: `${objectURL(client.endpoint, container, name)}?multipart-manifest=put`,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(segments.map((s) => ({ path: s.path, etag: s.etag, size_bytes: s.sizeBytes }))),
    okCodes: [201],
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/**
 * The segments of a static large object (`GET ?multipart-manifest=get`): Swift answers the stored
 * manifest, each segment as `{name: "/<container>/<object>", hash, bytes}`.
 */
export async function getSloSegments(client: ServiceClient, container: string, name: string): Promise<SloSegment[]> {
  const res = await client.request({ method: 'GET', url: `${objectURL(client.endpoint, container, name)}?multipart-manifest=get`, okCodes: [200] });
  const body = (res.body ?? JSON.parse(res.text)) as Array<{ name?: unknown; hash?: unknown; bytes?: unknown }>;
  if (!Array.isArray(body)) throw new TypeError(`the manifest of ${container}/${name} is not a list of segments`);
  return body.map((s) => ({
    path: String(s.name ?? '').replace(/^\//, ''),
    etag: String(s.hash ?? ''),
    sizeBytes: Number(s.bytes ?? 0),
  }));
}

/** DELETE the object (a manifest alone, not its segments); false when it was not there and `ignoreMissing`. */
export async function deleteObject(client: ServiceClient, container: string, name: string, opts: { ignoreMissing?: boolean } = {}): Promise<boolean> {
  try {
    await client.request({ method: 'DELETE', url: objectURL(client.endpoint, container, name), okCodes: [204] });
    return true;
  } catch (e) {
    if (opts.ignoreMissing && isHttpStatus(e, 404)) return false;
    throw e;
  }
}
