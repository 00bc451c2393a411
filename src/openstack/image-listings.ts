/**
 * The image listings the use cases need, composed from Glance calls. Every listing is complete
 * or throws: a partial list is never returned.
 */
import type { Image } from '../core/images/image.js';
import type { OpenStackClient } from './client.js';
import type { ListImagesOptions } from './image/v2/images/types.js';
import { listAllPartitioned } from './partitioned-listing.js';

/** Listing requests per listing when nothing says otherwise: Glance deployments run several API workers. */
const DEFAULT_LIST_STREAMS = 2;

export interface CheckListingOptions {
  /** Also list `os_hidden=true` images (a second listing: Glance's default leaves them out). */
  includeHidden: boolean;
  /**
   * Also list every community image (`visibility=community`): Glance's default listing only holds
   * the caller's own community images, so other projects' ones are otherwise never checked.
   */
  allCommunity: boolean;
  /** Requests at once for one listing (partitioned by created_at, partitioned-listing.ts); default 2, 1 = serial. */
  listStreams?: number | undefined;
  /** `--debug`: how each listing was partitioned. */
  trace?: ((line: string) => void) | undefined;
}

/**
 * Every image the cloud's default listing shows (with `member_status=all`, as openstacksdk's
 * `list_images(show_all=True)` that the official test uses): the same images in the same order as
 * paging until Glance has no `next`, a large catalogue listed by several pagers at once.
 */
export async function listCheckImages(client: OpenStackClient, opts: CheckListingOptions): Promise<Image[]> {
  const partitioning = { streams: opts.listStreams ?? DEFAULT_LIST_STREAMS, trace: opts.trace, limits: client.image.limits };
  const list = (filter: ListImagesOptions): Promise<Image[]> => listAllPartitioned(client.image, filter, partitioning);
  const images = await list({ memberStatus: 'all' });
  if (opts.includeHidden) images.push(...(await list({ memberStatus: 'all', hidden: true })));
  if (opts.allCommunity) {
    const seen = new Set(images.map((i) => i.id));
    const extra = await list({ visibility: 'community' });
    if (opts.includeHidden) extra.push(...(await list({ visibility: 'community', hidden: true })));
    images.push(...extra.filter((i) => !seen.has(i.id)));
  }
  return images;
}

/** Images owned by the project that carry the tag, hidden ones included (two GETs, at once). */
export async function listManageable(client: OpenStackClient, tag: string, projectId: string): Promise<Image[]> {
  const [visible, hidden] = await Promise.all([
    client.image.listAllImages({ tags: [tag], owner: projectId }),
    client.image.listAllImages({ tags: [tag], owner: projectId, hidden: true }),
  ]);
  const seen = new Set(visible.map((i) => i.id));
  return [...visible, ...hidden.filter((i) => !seen.has(i.id))];
}
