/**
 * The image table use case (OIM's contrib/table.py): the definitions as they are, or the cloud's
 * managed images (tag + own project) with their definition, version, age and scs-0102 verdicts.
 * The verdicts are those of the check (scs-0102-v2) over the managed images the official test
 * sees (public or community, not hidden); the others are listed as not checked.
 */
import { checkImageMetadata } from '../core/check/scs-0102/index.js';
import { DEFAULT_SELECTION, selectImages } from '../core/check/select-images.js';
import type { ImageDefinition } from '../core/definitions/types.js';
import { managedImages } from '../core/plan/match.js';
import { cloudRows, type CloudRow } from '../core/table/image-table.js';
import { listManageable } from '../openstack/image-listings.js';
import { openProjectCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';

export interface ListCloudRequest {
  cloud: OpenCloudOptions;
  tag: string;
  /** Definitions to name each image's definition and version by (optional). */
  definitions: readonly ImageDefinition[];
  now: Date;
}

export async function listCloudImages(req: ListCloudRequest): Promise<{ cloud: string; rows: CloudRow[] }> {
  const { client, projectId } = await openProjectCloud(req.cloud);
  try {
    const images = managedImages(await listManageable(client, req.tag, projectId), req.tag, projectId);
    const seen = selectImages(images, DEFAULT_SELECTION);
    const results = checkImageMetadata(seen, { now: req.now, version: 'v2' });
    return { cloud: client.cloud, rows: cloudRows(images, req.definitions, results, req.now, new Set(seen.map((i) => i.id))) };
  } finally {
    await client.close();
  }
}
