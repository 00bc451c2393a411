/** IdentityClient: the Keystone v3 lookups bound to the identity endpoint (auth_url), sharing the image client's token. */
import type { ServiceClient } from '../../http/service-client.js';
import { getProject, listDomains, listProjects } from './projects/requests.js';
import type { Domain, Project } from './projects/types.js';
import type { Dated } from '../../http/dated.js';
import { getIdentityVersion } from './versions/requests.js';
import type { IdentityVersion } from './versions/types.js';

export class IdentityClient {
  constructor(readonly service: ServiceClient) {}

  listProjects(params?: { name?: string; domainId?: string }): Promise<Project[]> {
    return listProjects(this.service, params);
  }
  getProject(id: string): Promise<Project> {
    return getProject(this.service, id);
  }
  listDomains(params?: { name?: string }): Promise<Domain[]> {
    return listDomains(this.service, params);
  }
  /** GET /v3 with Keystone's Date header. */
  getVersion(): Promise<Dated<IdentityVersion>> {
    return getIdentityVersion(this.service);
  }
}
