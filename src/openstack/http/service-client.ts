/**
 * ServiceClient: one service endpoint + auth + transport (gophercloud's ServiceClient).
 * Resource functions (image/v2/images/requests.ts …) take one and never see tokens or retries.
 */
import type { TokenProvider } from '../auth/session.js';
import { send } from './request.js';
import type { HttpRequest, HttpResponse, Transport } from './types.js';

export type ServiceRequest = Omit<HttpRequest, 'service'>;

export interface ServiceClient {
  /** Catalog service type ('image'). */
  readonly service: string;
  /** Service root without version and without trailing slash, e.g. `http://127.0.0.1:9292` or `https://h/image`. */
  readonly endpoint: string;
  request(req: ServiceRequest): Promise<HttpResponse>;
}

/** Strip trailing slashes and a trailing version segment (`/v2`, `/v2.1`, `/v1`) from a catalog URL. */
function serviceRoot(url: string): string {
  const u = new URL(url.trim());
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?$/, '');
  return u.toString().replace(/\/+$/, '');
}

export function createServiceClient(opts: { service: string; endpoint: string; transport: Transport; auth: TokenProvider }): ServiceClient {
  const endpoint = serviceRoot(opts.endpoint);
  return {
    service: opts.service,
    endpoint,
    request(req: ServiceRequest): Promise<HttpResponse> {
      const replayable = req.body === undefined || typeof req.body === 'string' || req.body instanceof Uint8Array;
      return opts.auth.withToken(
        (token) =>
          send({ ...req, service: opts.service, headers: { ...req.headers, ...(token !== undefined ? { 'X-Auth-Token': token } : {}) } }, opts.transport),
        { replayable },
      );
    },
  };
}
