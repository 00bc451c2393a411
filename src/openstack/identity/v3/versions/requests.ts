/** GET /v3: the identity API version, with Keystone's Date header (doctor compares clocks with it). */
import type { ServiceClient } from '../../../http/service-client.js';
import { dated, type Dated } from '../../../http/dated.js';
import { versionFromBody } from './results.js';
import type { IdentityVersion } from './types.js';
import { versionURL } from './urls.js';

export function getIdentityVersion(client: ServiceClient, now?: () => number): Promise<Dated<IdentityVersion>> {
  return dated(() => client.request({ method: 'GET', url: versionURL(client.endpoint), okCodes: [200] }), versionFromBody, now);
}
