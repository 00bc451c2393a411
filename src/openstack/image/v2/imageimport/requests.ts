/** Interoperable image import: discovery (GET /v2/info/import, /v2/info/stores) and POST …/import. */
import type { ServiceClient } from '../../../http/service-client.js';
import { importInfoFromBody, storesFromBody } from '../images/results.js';
import type { ImportInfo, ImportMethod, ImportOptions, StoreInfo } from '../images/types.js';
import { importInfoURL, importURL, storesInfoURL } from '../images/urls.js';

/** The POST body (pure). A bare method name is shorthand for `{name}`. */
export function importBody(method: ImportMethod | 'glance-direct' | 'copy-image', opts: ImportOptions = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { method: typeof method === 'string' ? { name: method } : { ...method } };
  if (opts.stores) body['stores'] = [...opts.stores];
  if (opts.allStores !== undefined) body['all_stores'] = opts.allStores;
  if (opts.allStoresMustSucceed !== undefined) body['all_stores_must_succeed'] = opts.allStoresMustSucceed;
  return body;
}

/**
 * POST /v2/images/{id}/import → 202 (empty body; poll the image for the outcome).
 * Not retried: a duplicate import of a running task answers 409 and hides the real result.
 */
export async function importImage(
  client: ServiceClient,
  id: string,
  method: ImportMethod | 'glance-direct' | 'copy-image',
  opts: ImportOptions = {},
): Promise<void> {
  await client.request({ method: 'POST', url: importURL(client.endpoint, id), json: importBody(method, opts), okCodes: [202] });
}

/** Which import methods the cloud enables. */
export async function getImportInfo(client: ServiceClient): Promise<ImportInfo> {
  const res = await client.request({ method: 'GET', url: importInfoURL(client.endpoint), okCodes: [200] });
  return importInfoFromBody(res.body);
}

/** Stores of a multi-store Glance (404 when multi-store is not configured). */
export async function getStores(client: ServiceClient): Promise<StoreInfo[]> {
  const res = await client.request({ method: 'GET', url: storesInfoURL(client.endpoint), okCodes: [200] });
  return storesFromBody(res.body);
}
