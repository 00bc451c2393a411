import { describe, expect, it } from 'vitest';
import type { Image } from '../core/images/image.js';
import { isoSecond } from '../core/images/listing-partitions.js';
import type { ListImagesOptions } from './image/v2/images/types.js';
import { LimitExceededError } from './errors.js';
import { DEFAULT_INPUT_LIMITS } from './input-limits.js';
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

  it('a Glance whose pages never end stops at the bounds of the whole listing, its ranges together', async () => {
    // every page one image, always a next page, created_at steadily older: the endless catalogue
    let n = 0;
    const api = {
      listImagePage: async (o: ListImagesOptions = {}) => {
        n++;
        const at = o.sortDir === 'asc' ? 1_000_000_000 : 1_800_000_000 - n;
        return { images: [{ id: `e${n}`, name: 'x', createdAt: isoSecond(at) } as Image], hasNext: true, bytes: 400 };
      },
    };
    const limits = { ...DEFAULT_INPUT_LIMITS, maxImages: 1000 };
    for (const streams of [1, 2]) {
      n = 0;
      await expect(listAllPartitioned(api, { limit: 1000 }, { streams, limits })).rejects.toThrow(LimitExceededError);
      // 10 pages for 1,000 images at no fewer than 100 a page, two more per range
      expect(n).toBeLessThanOrEqual(streams === 1 ? 14 : 24);
    }
    const bytes = { ...DEFAULT_INPUT_LIMITS, maxListingBytes: 2000 };
    await expect(listAllPartitioned(api, { limit: 1000 }, { streams: 1, limits: bytes })).rejects.toThrow(/more than 2000 bytes of answers/);
  });
});
