import { describe, expect, it } from 'vitest';
import type { Image } from '../core/images/image.js';
import { isoSecond } from '../core/images/listing-partitions.js';
import type { ListImagesOptions } from './image/v2/images/types.js';
import { listAllPartitioned } from './partitioned-listing.js';

// A page API over an in-memory catalogue with Glance's rules: default order created_at desc then
// id desc, `marker` continues after an image, one `created_at` filter (lt/gte), and the limit=1
// created_at asc request that finds the oldest image. The real Glance is in the integration test.
function fakeGlance(count: number) {
  const images = Array.from(
    { length: count },
    (_, i) => ({ id: `id-${String(i).padStart(5, '0')}`, name: `n${i}`, createdAt: isoSecond(1_800_000_000 + Math.floor(i / 3) * 7) }) as Image,
  );
  const order = [...images].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : (a.createdAt as string) < (b.createdAt as string) ? 1 : -1));
  const asked: ListImagesOptions[] = [];
  const api = {
    listImagePage: async (o: ListImagesOptions = {}) => {
      asked.push(o);
      let list = o.sortDir === 'asc' ? [...order].reverse() : order;
      const [op, at] = (o.createdAt ?? ':').split(/:(.*)/s) as [string, string];
      if (op === 'lt') list = list.filter((i) => (i.createdAt as string) < at);
      if (op === 'gte') list = list.filter((i) => (i.createdAt as string) >= at);
      if (o.marker) list = list.slice(list.findIndex((i) => i.id === o.marker) + 1);
      const limit = o.limit ?? 1000;
      return { images: list.slice(0, limit), hasNext: list.length > limit };
    },
  };
  return { api, order, asked };
}

describe('listAllPartitioned', () => {
  it('lists what serial paging lists, in the same order, with each range page on a connection of its own', async () => {
    const g = fakeGlance(2_500);
    const listed = await listAllPartitioned(g.api, { limit: 200 }, { streams: 2 });
    expect(listed.map((i) => i.id)).toEqual(g.order.map((i) => i.id));
    const rangePages = g.asked.filter((o) => o.createdAt !== undefined || o.marker !== undefined);
    expect(rangePages.length).toBeGreaterThan(4);
    expect(rangePages.every((o) => o.newConnection === true)).toBe(true);
    // the first page and the oldest-image lookup are single requests: nothing to place anew
    expect(g.asked[0]).toEqual({ limit: 200 });
  });

  it('pages serially on reused connections with one stream, and answers a one-page catalogue with one request', async () => {
    const g = fakeGlance(450);
    const listed = await listAllPartitioned(g.api, { limit: 200 }, { streams: 1 });
    expect(listed.map((i) => i.id)).toEqual(g.order.map((i) => i.id));
    expect(g.asked.some((o) => o.newConnection)).toBe(false);
    const small = fakeGlance(150);
    await listAllPartitioned(small.api, { limit: 200 }, { streams: 2 });
    expect(small.asked).toHaveLength(1);
  });
});
