/**
 * Images by id (GET /v2/images/{id} each, a few at a time): the images a plan adopts or fixes,
 * which carry no tag to list them by. An id Glance does not know is left out.
 */
import type { Image } from '../core/images/image.js';
import { mapLimit } from '../util/map-limit.js';
import type { OpenStackClient } from './client.js';
import { isHttpStatus } from './errors.js';

export async function imagesById(client: OpenStackClient, ids: readonly string[]): Promise<Image[]> {
  const found = await mapLimit([...new Set(ids)], 4, async (id) => {
    try {
      return await client.image.getImage(id);
    } catch (e) {
      if (isHttpStatus(e, 404)) return undefined;
      throw e;
    }
  });
  return found.filter((i): i is Image => i !== undefined);
}
