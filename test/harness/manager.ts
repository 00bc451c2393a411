// Helpers for the image-manager integration tests: run plan/apply as the admin user, list every
// image (hidden and other projects' included), and a clouds.yaml that routes Glance through a proxy.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { listAllImages, type GlanceImage } from './glance-rest.js';
import type { LocalCloud } from './local-cloud.js';
import { runCli, type CliRun } from './run-cli.js';

export const TAG = 'managed_by_osism';

/** Every image of every project, hidden ones included, any status. */
export async function everyImage(cloud: LocalCloud): Promise<GlanceImage[]> {
  const [visible, hidden] = await Promise.all([
    listAllImages(cloud, 'admin', 'visibility=all&os_hidden=false'),
    listAllImages(cloud, 'admin', 'visibility=all&os_hidden=true'),
  ]);
  return [...visible, ...hidden];
}

/** The managed images by name (admin's project, with the tag). */
export async function managedByName(cloud: LocalCloud): Promise<Map<string, GlanceImage[]>> {
  const out = new Map<string, GlanceImage[]>();
  for (const img of await everyImage(cloud)) {
    if (img.owner !== cloud.projectIds.admin || !img.tags.includes(TAG)) continue;
    out.set(img.name ?? '', [...(out.get(img.name ?? '') ?? []), img]);
  }
  return out;
}

/** clouds.yaml with `local-admin`, optionally with Glance behind `imageEndpoint` (a fault proxy). */
export async function adminCloudsYaml(cloud: LocalCloud, dir: string, opts: { imageEndpoint?: string; name?: string } = {}): Promise<string> {
  const a = cloud.users.admin;
  const entry: Record<string, unknown> = {
    auth: {
      auth_url: cloud.authUrl,
      username: a.name,
      password: a.password,
      project_name: a.projectName,
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    },
    region_name: cloud.region,
  };
  if (opts.imageEndpoint) entry['image_endpoint_override'] = opts.imageEndpoint;
  const file = path.join(dir, `${opts.name ?? 'clouds'}.yaml`);
  await writeFile(file, stringify({ clouds: { 'local-admin': entry } }), { mode: 0o600 });
  return file;
}

export function manage(command: 'plan' | 'apply', cloudsYaml: string, args: string[]): Promise<CliRun> {
  const extra = command === 'apply' ? ['--progress', 'plain'] : [];
  return runCli([command, '--cloud', 'local-admin', ...extra, ...args], { env: { OS_CLIENT_CONFIG_FILE: cloudsYaml }, timeoutMs: 180_000 });
}
