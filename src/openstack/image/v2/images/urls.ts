/** Glance v2 URL building: pure one-liners over the service root (no version in the root). */
import { LIST_QUERY_PARAMS } from './types.js';
import type { ListImagesOptions } from './types.js';

const seg = encodeURIComponent;

export const imagesURL = (root: string): string => `${root}/v2/images`;
export const imageURL = (root: string, id: string): string => `${root}/v2/images/${seg(id)}`;
export const fileURL = (root: string, id: string): string => `${imageURL(root, id)}/file`;
export const stageURL = (root: string, id: string): string => `${imageURL(root, id)}/stage`;
export const importURL = (root: string, id: string): string => `${imageURL(root, id)}/import`;
export const actionURL = (root: string, id: string, action: 'deactivate' | 'reactivate'): string => `${imageURL(root, id)}/actions/${action}`;
export const importInfoURL = (root: string): string => `${root}/v2/info/import`;
export const storesInfoURL = (root: string): string => `${root}/v2/info/stores`;

export const DEFAULT_PAGE_SIZE = 1000;

/** Query string of GET /v2/images (without '?'); tags repeat, booleans are 'true'/'false'. */
export function listQuery(opts: ListImagesOptions = {}): string {
  const q = new URLSearchParams();
  q.set(LIST_QUERY_PARAMS.limit, String(opts.limit ?? DEFAULT_PAGE_SIZE));
  const scalar = (key: keyof typeof LIST_QUERY_PARAMS, value: string | number | boolean | undefined): void => {
    if (value !== undefined && value !== '') q.set(LIST_QUERY_PARAMS[key], String(value));
  };
  scalar('marker', opts.marker);
  scalar('name', opts.name);
  scalar('visibility', opts.visibility);
  scalar('memberStatus', opts.memberStatus);
  scalar('status', opts.status);
  scalar('owner', opts.owner);
  for (const tag of opts.tags ?? []) q.append(LIST_QUERY_PARAMS.tags, tag);
  scalar('hidden', opts.hidden);
  scalar('sort', opts.sort);
  scalar('sortKey', opts.sortKey);
  scalar('sortDir', opts.sortDir);
  scalar('sizeMin', opts.sizeMin);
  scalar('sizeMax', opts.sizeMax);
  scalar('createdAt', opts.createdAt);
  for (const [key, value] of Object.entries(opts.properties ?? {})) {
    if ((Object.values(LIST_QUERY_PARAMS) as string[]).includes(key)) {
      throw new TypeError(`property filter "${key}" collides with a list parameter; use the named option`);
    }
    q.set(key, value);
  }
  return q.toString();
}

export const listURL = (root: string, opts?: ListImagesOptions): string => `${imagesURL(root)}?${listQuery(opts)}`;
