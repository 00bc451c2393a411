// Test data in the local Glance: create images as a given user, in bulk, and wipe everything
// between test files (one cloud is shared by the whole integration project).
import { glanceFetch, glanceJson, JSON_PATCH, listAllImages, mapLimit, type GlanceImage } from './glance-rest.js';
import type { CloudUserName, LocalCloud } from './local-cloud.js';

export interface ImageSpec {
  name: string;
  /** glance default is "shared"; members (demo/other) get 403 for "public" - create those as admin */
  visibility?: 'public' | 'private' | 'shared' | 'community';
  hidden?: boolean;
  protected?: boolean;
  /** custom properties; Glance accepts only string values for them */
  properties?: Record<string, string>;
  tags?: string[];
  minDisk?: number;
  minRam?: number;
  diskFormat?: string;
  containerFormat?: string;
  /** client-chosen UUID */
  id?: string;
}

function body(spec: ImageSpec): Record<string, unknown> {
  const b: Record<string, unknown> = { ...spec.properties, name: spec.name };
  if (spec.id !== undefined) b.id = spec.id;
  if (spec.visibility !== undefined) b.visibility = spec.visibility;
  if (spec.hidden !== undefined) b.os_hidden = spec.hidden;
  if (spec.protected !== undefined) b.protected = spec.protected;
  if (spec.tags !== undefined) b.tags = spec.tags;
  if (spec.minDisk !== undefined) b.min_disk = spec.minDisk;
  if (spec.minRam !== undefined) b.min_ram = spec.minRam;
  if (spec.diskFormat !== undefined) b.disk_format = spec.diskFormat;
  if (spec.containerFormat !== undefined) b.container_format = spec.containerFormat;
  return b;
}

/** POST /v2/images (no data: the image stays "queued"). Throws GlanceError on non-2xx. */
export async function createImage(cloud: LocalCloud, user: CloudUserName, spec: ImageSpec): Promise<GlanceImage> {
  return glanceJson<GlanceImage>(cloud, user, 'POST', '/v2/images', { body: body(spec) });
}

/** `count` images from `specFor(i)`, at most `concurrency` (default 4) requests in flight:
 *  a single glance process is CPU-bound; more parallelism does not make it faster. */
export async function createImages(
  cloud: LocalCloud,
  user: CloudUserName,
  count: number,
  specFor: (i: number) => ImageSpec,
  opts: { concurrency?: number } = {},
): Promise<GlanceImage[]> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return mapLimit(indexes, opts.concurrency ?? 4, (i) => createImage(cloud, user, specFor(i)));
}

/** Share a "shared" image owned by `owner` with `member`'s project; accept it as `member` unless told not to. */
export async function shareImage(
  cloud: LocalCloud,
  owner: CloudUserName,
  imageId: string,
  member: CloudUserName,
  opts: { accept?: boolean } = {},
): Promise<void> {
  const projectId = cloud.users[member].projectId;
  await glanceFetch(cloud, owner, 'POST', `/v2/images/${imageId}/members`, { body: { member: projectId } });
  if (opts.accept ?? true) {
    await glanceFetch(cloud, member, 'PUT', `/v2/images/${imageId}/members/${projectId}`, { body: { status: 'accepted' } });
  }
}

/**
 * Delete every image of every project. Admin's listing with visibility=all covers other projects'
 * private, shared and community images; os_hidden images only appear with os_hidden=true, so both
 * are listed. Protected images are unprotected first. Repeats until both listings are empty.
 */
export async function deleteAllImages(cloud: LocalCloud, opts: { concurrency?: number } = {}): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < 100; round++) {
    const [visible, hidden] = await Promise.all([
      listAllImages(cloud, 'admin', 'visibility=all&os_hidden=false'),
      listAllImages(cloud, 'admin', 'visibility=all&os_hidden=true'),
    ]);
    const images = [...visible, ...hidden];
    if (images.length === 0) return deleted;
    await mapLimit(images, opts.concurrency ?? 4, async (img) => {
      if (img.protected) {
        await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${img.id}`, {
          body: [{ op: 'replace', path: '/protected', value: false }],
          contentType: JSON_PATCH,
          ok: [200, 404],
        });
      }
      const res = await glanceFetch(cloud, 'admin', 'DELETE', `/v2/images/${img.id}`, { ok: [204, 404] });
      if (res.status === 204) deleted++;
    });
  }
  throw new Error('deleteAllImages: images keep appearing after 100 rounds');
}
