import type { Image } from '../core/images/image.js';
import { debugTracer } from './debug-trace.js';
import { connect } from '../openstack/client.js';
import { loadCloudConfig } from '../openstack/config/clouds.js';
import type { RequestStatsSnapshot } from '../openstack/http/stats.js';

export interface ListCloudImagesOptions {
  cloud?: string | undefined;
  region?: string | undefined;
  /** Also list `os_hidden=true` images (a second listing: Glance's default leaves them out). */
  includeHidden: boolean;
  /**
   * Also list every community image (`visibility=community`): Glance's default listing only holds
   * the caller's own community images, so other projects' ones are otherwise never checked.
   */
  allCommunity: boolean;
  timeoutMs: number;
  insecure: boolean;
  debug?: ((line: string) => void) | undefined;
  env: NodeJS.ProcessEnv;
}

export interface CloudImages {
  cloudName: string;
  region: string | undefined;
  images: Image[];
  requests: RequestStatsSnapshot;
}

/**
 * Every image the cloud's default listing shows (with `member_status=all`, as openstacksdk's
 * `list_images(show_all=True)` that the official test uses), page by page until Glance has no
 * `next`. Any failure after retries throws: a partial list is never returned.
 */
export async function listCloudImages(opts: ListCloudImagesOptions): Promise<CloudImages> {
  const config = await loadCloudConfig({
    ...(opts.cloud ? { cloud: opts.cloud } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    env: opts.env,
  });
  if (opts.insecure) config.verify = false;
  const client = await connect(config, {
    timeoutMs: opts.timeoutMs,
    ...(opts.debug ? { onEvent: debugTracer(opts.debug) } : {}),
  });
  try {
    const images = await client.image.listAllImages({ memberStatus: 'all' });
    if (opts.includeHidden) images.push(...(await client.image.listAllImages({ memberStatus: 'all', hidden: true })));
    if (opts.allCommunity) {
      const seen = new Set(images.map((i) => i.id));
      const extra = await client.image.listAllImages({ visibility: 'community' });
      if (opts.includeHidden) extra.push(...(await client.image.listAllImages({ visibility: 'community', hidden: true })));
      images.push(...extra.filter((i) => !seen.has(i.id)));
    }
    return { cloudName: client.cloud, region: client.region, images, requests: client.stats.snapshot() };
  } finally {
    await client.close();
  }
}
