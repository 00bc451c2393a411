/**
 * The image listings the use cases need, composed from Glance calls. Every listing is complete
 * or throws: a partial list is never returned.
 */
import type { Image } from '../core/images/image.js';
import type { OpenStackClient } from './client.js';

export interface CheckListingOptions {
  /** Also list `os_hidden=true` images (a second listing: Glance's default leaves them out). */
  includeHidden: boolean;
  /**
   * Also list every community image (`visibility=community`): Glance's default listing only holds
   * the caller's own community images, so other projects' ones are otherwise never checked.
   */
  allCommunity: boolean;
}

/**
 * Every image the cloud's default listing shows (with `member_status=all`, as openstacksdk's
 * `list_images(show_all=True)` that the official test uses), page by page until Glance has no
 * `next`.
 */
export async function listCheckImages(client: OpenStackClient, opts: CheckListingOptions): Promise<Image[]> {
  const images = await client.image.listAllImages({ memberStatus: 'all' });
  if (opts.includeHidden) images.push(...(await client.image.listAllImages({ memberStatus: 'all', hidden: true })));
  if (opts.allCommunity) {
    const seen = new Set(images.map((i) => i.id));
    const extra = await client.image.listAllImages({ visibility: 'community' });
    if (opts.includeHidden) extra.push(...(await client.image.listAllImages({ visibility: 'community', hidden: true })));
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
