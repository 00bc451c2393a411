/**
 * The cloud side of `plan`, `apply` and `share`: connect, find out which project we act as, and
 * list the images that may be managed (two GETs: Glance's default listing leaves `os_hidden`
 * images out, so hidden ones are listed separately).
 */
import type { Image } from '../core/images/image.js';
import { debugTracer } from './debug-trace.js';
import { connect, type OpenStackClient } from '../openstack/client.js';
import { loadCloudConfig } from '../openstack/config/clouds.js';
import { ConfigError } from '../openstack/errors.js';

export interface OpenCloudOptions {
  cloud?: string | undefined;
  region?: string | undefined;
  timeoutMs: number;
  insecure: boolean;
  debug?: ((line: string) => void) | undefined;
  env: NodeJS.ProcessEnv;
}

export interface ManagedCloud {
  client: OpenStackClient;
  /** The project whose images may be changed. */
  projectId: string;
}

export async function openManagedCloud(opts: OpenCloudOptions): Promise<ManagedCloud> {
  const config = await loadCloudConfig({ ...(opts.cloud ? { cloud: opts.cloud } : {}), ...(opts.region ? { region: opts.region } : {}), env: opts.env });
  if (opts.insecure) config.verify = false;
  const client = await connect(config, { timeoutMs: opts.timeoutMs, ...(opts.debug ? { onEvent: debugTracer(opts.debug) } : {}) });
  const projectId = client.identity.project?.id;
  if (!projectId) {
    await client.close();
    throw new ConfigError(`cloud ${config.name}: managing images needs a project-scoped token (set project_name or project_id)`, {
      file: config.source.cloudsFile,
      key: `clouds.${config.name}.auth.project_name`,
    });
  }
  return { client, projectId };
}

/** Images owned by the project that carry the tag, hidden ones included. */
export async function listManageable(client: OpenStackClient, tag: string, projectId: string): Promise<Image[]> {
  const [visible, hidden] = await Promise.all([
    client.image.listAllImages({ tags: [tag], owner: projectId }),
    client.image.listAllImages({ tags: [tag], owner: projectId, hidden: true }),
  ]);
  const seen = new Set(visible.map((i) => i.id));
  return [...visible, ...hidden.filter((i) => !seen.has(i.id))];
}
