/**
 * Glance discovery that doctor reads: the version document (GET /, answered with 300 Multiple
 * Choices) and the quota usage (GET /v2/info/usage). Both return the server's Date header too,
 * so the caller can compare clocks (core/doctor/skew.ts).
 */
import type { ServiceClient } from '../../../http/service-client.js';
import { dated, type Dated } from '../../../http/dated.js';
import { usageFromBody, versionsFromBody } from './results.js';
import type { ApiVersion, Usage } from './types.js';
import { usageURL, versionsURL } from './urls.js';

/** GET / → the API versions (Glance answers 300; some deployments 200). */
export function getVersions(client: ServiceClient, now?: () => number): Promise<Dated<ApiVersion[]>> {
  return dated(() => client.request({ method: 'GET', url: versionsURL(client.endpoint), okCodes: [200, 300] }), versionsFromBody, now);
}

/** GET /v2/info/usage → usage and limits per resource (empty without unified limits). */
export function getUsage(client: ServiceClient, now?: () => number): Promise<Dated<Usage>> {
  return dated(() => client.request({ method: 'GET', url: usageURL(client.endpoint), okCodes: [200] }), usageFromBody, now);
}
