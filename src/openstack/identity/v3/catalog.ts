/** Pick a service endpoint from a Keystone catalog. */
import { EndpointNotFoundError } from '../../errors.js';
import type { CatalogEntry } from './tokens/types.js';

export interface EndpointQuery {
  /** Service type, e.g. 'image'. Aliases may be given as a list, first match wins. */
  type: string | readonly string[];
  /** 'public' (default), 'internal' or 'admin'; the old 'publicURL' spelling is accepted. */
  interface?: string;
  /** Region id; when absent the first endpoint with the interface is used. */
  region?: string;
}

/** `publicURL` / `internalURL` (endpoint_type era) → `public` / `internal`. */
function normaliseInterface(value: string | undefined): string {
  const v = (value ?? 'public').trim().toLowerCase();
  return v.endsWith('url') ? v.slice(0, -3) : v;
}

/** URL of the matching endpoint, or EndpointNotFoundError listing everything the catalog offers for the type. */
export function endpointFor(catalog: readonly CatalogEntry[], query: EndpointQuery): string {
  const types = typeof query.type === 'string' ? [query.type] : [...query.type];
  const iface = normaliseInterface(query.interface);
  for (const type of types) {
    for (const entry of catalog.filter((e) => e.type === type)) {
      const match = entry.endpoints.find(
        (ep) => normaliseInterface(ep.interface) === iface && (query.region === undefined || query.region === '' || ep.region === query.region),
      );
      if (match) return match.url;
    }
  }
  const available = catalog
    .filter((e) => types.includes(e.type))
    .flatMap((e) => e.endpoints.map((ep) => `${e.type} ${normaliseInterface(ep.interface)} ${ep.region ?? '(no region)'} ${ep.url}`));
  const where = `${iface} endpoint for service type ${types.join('/')}${query.region ? ` in region ${query.region}` : ''}`;
  const offered =
    available.length > 0
      ? `; the catalog has: ${available.join(', ')}`
      : `; the catalog has no such service (types: ${[...new Set(catalog.map((e) => e.type))].sort().join(', ') || 'none'})`;
  throw new EndpointNotFoundError(`no ${where}${offered}`, types[0] ?? '', available);
}
