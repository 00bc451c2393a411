/**
 * One pagination engine: follow a body `next` link until it is absent or a page is empty.
 *
 * Glance's `next` is relative and carries every query parameter (`/v2/images?limit=1000&marker=X`).
 * A full last page still has `next`; the page after it is `{"images": []}` → stop there.
 */
import { OpenStackError } from '../errors.js';
import { DEFAULT_INPUT_LIMITS, ListingBudget } from '../input-limits.js';
import { redactUrl } from '../../util/redact.js';
import type { ServiceClient } from './service-client.js';

/**
 * Re-base a `next` link onto a service root that may carry a path prefix.
 *   root `http://h:9292`,        next `/v2/images?…`       → `http://h:9292/v2/images?…`
 *   root `https://h/image`,      next `/v2/images?…`       → `https://h/image/v2/images?…`
 *   root `https://h/image/v2`,   next `/v2/images?…`       → `https://h/image/v2/images?…` (no `/v2/v2`)
 *   root `https://h/image`,      next `/image/v2/images?…` → unchanged path (a proxy already added the prefix)
 * An absolute link is accepted only on the root's origin: the token must not travel elsewhere.
 */
export function resolveNextLink(root: string, next: string): string {
  const base = new URL(root);
  const prefix = base.pathname.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(next)) {
    const abs = new URL(next);
    if (abs.origin !== base.origin) {
      throw new OpenStackError(`refusing next link to another origin: ${redactUrl(next)} (endpoint ${base.origin})`);
    }
    return abs.toString();
  }
  const path = next.startsWith('/') ? next : `/${next}`;
  const hasPrefix = prefix !== '' && (path.startsWith(`${prefix}/v`) || path.startsWith(`${prefix}?`));
  return `${base.origin}${hasPrefix ? '' : prefix}${path}`;
}

export interface Page<T> {
  items: T[];
  /** The raw `next` link, if any. */
  next?: string | undefined;
}

export interface PaginateOptions {
  /**
   * Pages, items and bytes the listing may take (input-limits.ts); default: DEFAULT_INPUT_LIMITS
   * at 1,000 items per page. A bound passed ends the listing with a LimitExceededError.
   */
  budget?: ListingBudget;
  signal?: AbortSignal;
}

/**
 * Yield the items of each page. `extract` maps a response body to the page's items and `next`.
 * A `next` seen before means the server loops → OpenStackError instead of an endless listing; one
 * that is new each time ends at the budget's bound on pages, items or bytes.
 */
export async function* paginate<T>(
  client: ServiceClient,
  firstUrl: string,
  extract: (body: unknown) => Page<T>,
  options: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const budget = options.budget ?? new ListingBudget(DEFAULT_INPUT_LIMITS, 1000, `listing ${redactUrl(firstUrl)}`);
  const seen = new Set<string>([firstUrl]);
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const res = await client.request({ method: 'GET', url, okCodes: [200], ...(options.signal ? { signal: options.signal } : {}) });
    const page = extract(res.body);
    budget.charge(page.items.length, res.bytes);
    if (page.items.length > 0) yield page.items;
    if (!page.next || page.items.length === 0) return;
    const nextUrl = resolveNextLink(client.endpoint, page.next);
    if (seen.has(nextUrl)) throw new OpenStackError(`pagination loop: ${redactUrl(nextUrl)} was already fetched`);
    seen.add(nextUrl);
    url = nextUrl;
  }
}
