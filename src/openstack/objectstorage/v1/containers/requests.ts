/** Containers: HEAD (exists? how full?) and PUT (create; 201, or 202 when it existed). */
import { isHttpStatus } from '../../../errors.js';
import type { ServiceClient } from '../../../http/service-client.js';
import { containerURL } from '../urls.js';
import type { ContainerInfo, CreateContainerOptions } from './types.js';

/** HEAD the container; undefined when it does not exist. */
export async function getContainer(client: ServiceClient, name: string): Promise<ContainerInfo | undefined> {
  try {
    const res = await client.request({ method: 'HEAD', url: containerURL(client.endpoint, name), okCodes: [200, 204] });
    return {
      name,
      objectCount: Number(res.headers.get('x-container-object-count') ?? 0),
      bytesUsed: Number(res.headers.get('x-container-bytes-used') ?? 0),
      readAcl: res.headers.get('x-container-read') ?? undefined,
    };
  } catch (e) {
    if (isHttpStatus(e, 404)) return undefined;
    throw e;
  }
}

/** PUT the container. Idempotent; an existing container keeps its ACL unless one is given. */
export async function createContainer(client: ServiceClient, name: string, opts: CreateContainerOptions = {}): Promise<void> {
  const headers: Record<string, string> = {};
  if (opts.readAcl !== undefined) headers['X-Container-Read'] = opts.readAcl;
  await client.request({ method: 'PUT', url: containerURL(client.endpoint, name), headers, okCodes: [201, 202, 204] });
}
