// Plain-fetch Glance v2 calls for seeding and assertions (independent of src/openstack on purpose).
import type { CloudUserName, LocalCloud } from './local-cloud.js';

export const JSON_PATCH = 'application/openstack-images-v2.1-json-patch';

/** A Glance v2 image as returned by the API: fixed keys plus custom properties at top level. */
export interface GlanceImage {
  id: string;
  name: string | null;
  status: string;
  visibility: 'public' | 'private' | 'shared' | 'community';
  owner: string;
  os_hidden: boolean;
  protected: boolean;
  tags: string[];
  min_disk: number;
  min_ram: number;
  [property: string]: unknown;
}

export interface ImagePage {
  images: GlanceImage[];
  /** relative, e.g. /v2/images?limit=1000&marker=ID; present on every full page */
  next?: string;
  first: string;
}

export class GlanceError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`glance ${method} ${path} -> ${status}: ${body.slice(0, 300)}`);
  }
}

export interface GlanceCallOptions {
  body?: unknown;
  /** default application/json when a body is given */
  contentType?: string;
  /** statuses that do not throw; default: any 2xx */
  ok?: number[];
  /** send the request to another base URL (e.g. a fault proxy in front of glance) */
  baseUrl?: string;
}

/** One authenticated request as `user`; returns the Response (body unread) or throws GlanceError. */
export async function glanceFetch(cloud: LocalCloud, user: CloudUserName, method: string, path: string, opts: GlanceCallOptions = {}): Promise<Response> {
  // Accept: application/json, else glance answers errors in HTML
  const headers: Record<string, string> = { 'X-Auth-Token': await cloud.tokenFor(user), Accept: 'application/json' };
  let body: string | Uint8Array | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    // bytes (image data) go as they are; anything else but text is JSON
    body = typeof opts.body === 'string' || opts.body instanceof Uint8Array ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch((opts.baseUrl ?? cloud.glanceUrl) + path, { method, headers, body });
  const accepted = opts.ok ? opts.ok.includes(res.status) : res.ok;
  if (!accepted) throw new GlanceError(method, path, res.status, await res.text());
  return res;
}

export async function glanceJson<T>(cloud: LocalCloud, user: CloudUserName, method: string, path: string, opts: GlanceCallOptions = {}): Promise<T> {
  const res = await glanceFetch(cloud, user, method, path, opts);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Every image `user` lists with `query` (e.g. "visibility=all&os_hidden=true"), following `next`. */
export async function listAllImages(cloud: LocalCloud, user: CloudUserName, query = '', limit = 1000): Promise<GlanceImage[]> {
  const out: GlanceImage[] = [];
  let path: string | undefined = `/v2/images?limit=${limit}${query ? `&${query}` : ''}`;
  while (path) {
    const page: ImagePage = await glanceJson<ImagePage>(cloud, user, 'GET', path);
    out.push(...page.images);
    path = page.images.length ? page.next : undefined; // a full last page still has `next` -> one empty page
  }
  return out;
}

/** Run `fn` over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
