/**
 * Glance v2 image calls. Each states its expected status (gophercloud OkCodes); retries follow
 * idempotency: GET/PUT/DELETE and the two actions are retried, POST create is not.
 */
import type { Image } from '../../../../core/images/image.js';
import { NotFoundError } from '../../../errors.js';
import { paginate } from '../../../http/paginate.js';
import { DEFAULT_INPUT_LIMITS, ListingBudget, type InputLimits } from '../../../input-limits.js';
import type { ServiceClient } from '../../../http/service-client.js';
import { validatePatch } from './patch.js';
import { extractImagePage, imageFromGlance } from './results.js';
import { GLANCE_CORE_KEYS, type CreateImageOptions, type ImagePatchOp, type ListImagesOptions } from './types.js';
import { actionURL, DEFAULT_PAGE_SIZE, imageURL, imagesURL, listURL } from './urls.js';

const JSON_PATCH_CONTENT_TYPE = 'application/openstack-images-v2.1-json-patch';

/** Pages of images, following Glance's `next` links, within the limits on one listing (input-limits.ts). */
export function listImagePages(
  client: ServiceClient,
  opts: ListImagesOptions = {},
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): AsyncGenerator<Image[], void, undefined> {
  const budget = new ListingBudget(limits, opts.limit ?? DEFAULT_PAGE_SIZE, 'image listing');
  return paginate(client, listURL(client.endpoint, opts), extractImagePage, { budget, ...(opts.signal ? { signal: opts.signal } : {}) });
}

/** One page of images and its size in bytes (decompressed): a single GET (the partitioned listing steers its own markers and filters). */
export async function listImagePage(client: ServiceClient, opts: ListImagesOptions = {}): Promise<{ images: Image[]; hasNext: boolean; bytes: number }> {
  const res = await client.request({
    method: 'GET',
    url: listURL(client.endpoint, opts),
    okCodes: [200],
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.newConnection ? { headers: { Connection: 'close' } } : {}),
  });
  const page = extractImagePage(res.body);
  return { images: page.items, hasNext: page.next !== undefined && page.items.length > 0, bytes: res.bytes };
}

/** Images one by one, fetched page by page (stop early with `break`). */
export async function* listImages(client: ServiceClient, opts: ListImagesOptions = {}, limits?: InputLimits): AsyncGenerator<Image, void, undefined> {
  for await (const page of listImagePages(client, opts, limits)) yield* page;
}

/** Every matching image. */
export async function listAllImages(client: ServiceClient, opts: ListImagesOptions = {}, limits?: InputLimits): Promise<Image[]> {
  const all: Image[] = [];
  for await (const page of listImagePages(client, opts, limits)) all.push(...page);
  return all;
}

export async function getImage(client: ServiceClient, id: string): Promise<Image> {
  const res = await client.request({ method: 'GET', url: imageURL(client.endpoint, id), okCodes: [200] });
  return imageFromGlance(res.body);
}

/** The fields a create body may set: Glance's writable keys, and the id (fixed ids). */
const CREATE_FIELDS: ReadonlySet<string> = new Set(['id', ...Object.entries(GLANCE_CORE_KEYS).flatMap(([key, type]) => (type === 'read-only' ? [] : [key]))]);

/** The POST body (pure): core fields in wire names, custom properties at the root as strings. */
export function createImageBody(opts: CreateImageOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { name: opts.name };
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) body[key] = value;
  };
  set('id', opts.id);
  set('disk_format', opts.diskFormat);
  set('container_format', opts.containerFormat);
  set('visibility', opts.visibility);
  set('tags', opts.tags ? [...opts.tags] : undefined);
  set('min_disk', opts.minDisk);
  set('min_ram', opts.minRam);
  set('protected', opts.protected);
  set('os_hidden', opts.hidden);
  for (const [key, value] of Object.entries(opts.properties ?? {})) {
    if (typeof value !== 'string') throw new TypeError(`custom property "${key}" must be a string (Glance rejects ${typeof value})`);
    if (CREATE_FIELDS.has(key)) throw new TypeError(`custom property "${key}" collides with an image field; use the named option`);
    body[key] = value;
  }
  return body;
}

/** POST /v2/images → 201. Not retried: a retry after a lost answer could create a twin. */
export async function createImage(client: ServiceClient, opts: CreateImageOptions): Promise<Image> {
  const res = await client.request({ method: 'POST', url: imagesURL(client.endpoint), json: createImageBody(opts), okCodes: [201] });
  return imageFromGlance(res.body);
}

/** PATCH /v2/images/{id} → 200 with the full image. Ops are sent in the given order. */
export async function updateImage(client: ServiceClient, id: string, ops: readonly ImagePatchOp[]): Promise<Image> {
  validatePatch(ops);
  const res = await client.request({
    method: 'PATCH',
    url: imageURL(client.endpoint, id),
    headers: { 'Content-Type': JSON_PATCH_CONTENT_TYPE },
    json: ops,
    okCodes: [200],
    // add/replace set absolute values, so repeating them is harmless; a repeated remove of a key
    // the first (unanswered) attempt already removed would fail with 409, so those are not retried.
    retryable: ops.every((op) => op.op !== 'remove'),
  });
  return imageFromGlance(res.body);
}

/**
 * DELETE /v2/images/{id} → 204. Returns false when the image did not exist and `ignoreMissing`
 * is set (a retried DELETE whose first attempt succeeded also lands here).
 */
export async function deleteImage(client: ServiceClient, id: string, opts: { ignoreMissing?: boolean } = {}): Promise<boolean> {
  try {
    await client.request({ method: 'DELETE', url: imageURL(client.endpoint, id), okCodes: [204] });
    return true;
  } catch (err) {
    if (opts.ignoreMissing && err instanceof NotFoundError) return false;
    throw err;
  }
}

/** POST …/actions/deactivate → 204. Idempotent in effect, so retried. */
export async function deactivateImage(client: ServiceClient, id: string): Promise<void> {
  await client.request({ method: 'POST', url: actionURL(client.endpoint, id, 'deactivate'), okCodes: [204], retryable: true });
}

export async function reactivateImage(client: ServiceClient, id: string): Promise<void> {
  await client.request({ method: 'POST', url: actionURL(client.endpoint, id, 'reactivate'), okCodes: [204], retryable: true });
}
