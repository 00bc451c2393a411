/**
 * Keystone v3 project and domain lookups. Listing projects of a domain usually needs an admin or
 * domain-reader role; a member token gets 403, which callers report as such.
 */
import type { ServiceClient } from '../../../http/service-client.js';
import { domainsFromBody, projectFromKeystone, projectsFromBody } from './results.js';
import type { Domain, Project } from './types.js';
import { domainsURL, projectsURL, projectURL } from './urls.js';

export async function listProjects(client: ServiceClient, params: { name?: string; domainId?: string } = {}): Promise<Project[]> {
  const res = await client.request({ method: 'GET', url: projectsURL(client.endpoint, params), okCodes: [200] });
  return projectsFromBody(res.body);
}

export async function getProject(client: ServiceClient, id: string): Promise<Project> {
  const res = await client.request({ method: 'GET', url: projectURL(client.endpoint, id), okCodes: [200] });
  return projectFromKeystone((res.body as { project?: unknown } | undefined)?.project);
}

export async function listDomains(client: ServiceClient, params: { name?: string } = {}): Promise<Domain[]> {
  const res = await client.request({ method: 'GET', url: domainsURL(client.endpoint, params), okCodes: [200] });
  return domainsFromBody(res.body);
}
