import { afterEach, describe, expect, it } from 'vitest';
import { staticTokenProvider } from '../auth/session.js';
import { LimitExceededError, OpenStackError } from '../errors.js';
import { DEFAULT_INPUT_LIMITS, ListingBudget } from '../input-limits.js';
import { json, startServer } from '../testing/http-server.js';
import type { TestServer } from '../testing/http-server.js';
import { paginate, resolveNextLink } from './paginate.js';
import { createServiceClient } from './service-client.js';

describe('resolveNextLink', () => {
  it.each([
    ['http://127.0.0.1:9292', '/v2/images?limit=2&marker=b', 'http://127.0.0.1:9292/v2/images?limit=2&marker=b'],
    ['http://127.0.0.1:9292/', '/v2/images?limit=2&marker=b', 'http://127.0.0.1:9292/v2/images?limit=2&marker=b'],
    ['https://h/image', '/v2/images?marker=b', 'https://h/image/v2/images?marker=b'],
    ['https://h/image/', '/v2/images?marker=b', 'https://h/image/v2/images?marker=b'],
    ['https://h/image/v2', '/v2/images?marker=b', 'https://h/image/v2/images?marker=b'],
    ['https://h:9292/v2/', '/v2/images?marker=b', 'https://h:9292/v2/images?marker=b'],
    ['https://h/image', '/image/v2/images?marker=b', 'https://h/image/v2/images?marker=b'],
    ['https://h/image', 'v2/images?marker=b', 'https://h/image/v2/images?marker=b'],
    ['https://h/image', 'https://h/image/v2/images?marker=c', 'https://h/image/v2/images?marker=c'],
  ])('%s + %s', (root, next, want) => {
    expect(resolveNextLink(root, next)).toBe(want);
  });

  it('refuses an absolute link to another origin', () => {
    expect(() => resolveNextLink('https://h/image', 'https://evil.example/v2/images?token=abcdef')).toThrow(
      /another origin: https:\/\/evil.example\/v2\/images\?token=\*\*\*/,
    );
  });
});

describe('paginate', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const extract = (body: unknown): { items: string[]; next?: string } => {
    const b = body as { images: Array<{ id: string }>; next?: string };
    return { items: b.images.map((i) => i.id), next: b.next };
  };

  /** A Glance-like list: marker/limit paging, `next` on every full page (as Glance answers). */
  async function glance(ids: string[], prefix = ''): Promise<TestServer> {
    server = await startServer((req, res) => {
      const u = new URL(req.path, 'http://x');
      const limit = Number(u.searchParams.get('limit') ?? 25);
      const marker = u.searchParams.get('marker');
      const start = marker ? ids.indexOf(marker) + 1 : 0;
      const page = ids.slice(start, start + limit);
      const body: Record<string, unknown> = { images: page.map((id) => ({ id })), first: `/v2/images?limit=${limit}`, schema: '/v2/schemas/images' };
      if (page.length === limit) body['next'] = `/v2/images?limit=${limit}&marker=${page[page.length - 1]}`;
      expect(u.pathname).toBe(`${prefix}/v2/images`);
      json(res, 200, body);
    });
    return server;
  }

  it('follows next until a short page', async () => {
    const s = await glance(['a', 'b', 'c', 'd', 'e']);
    const client = createServiceClient({ service: 'image', endpoint: s.url, transport: {}, auth: staticTokenProvider(undefined) });
    const pages: string[][] = [];
    for await (const p of paginate(client, `${s.url}/v2/images?limit=2`, extract)) pages.push(p);
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(s.requests.map((r) => r.path)).toEqual(['/v2/images?limit=2', '/v2/images?limit=2&marker=b', '/v2/images?limit=2&marker=d']);
  });

  it('stops on the empty page after a full last page', async () => {
    const s = await glance(['a', 'b', 'c', 'd']);
    const client = createServiceClient({ service: 'image', endpoint: s.url, transport: {}, auth: staticTokenProvider(undefined) });
    const pages: string[][] = [];
    for await (const p of paginate(client, `${s.url}/v2/images?limit=2`, extract)) pages.push(p);
    expect(pages).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(s.requests).toHaveLength(3);
  });

  it('re-bases next onto an endpoint with a path prefix', async () => {
    const s = await glance(['a', 'b', 'c'], '/image');
    const client = createServiceClient({ service: 'image', endpoint: `${s.url}/image/v2/`, transport: {}, auth: staticTokenProvider(undefined) });
    expect(client.endpoint).toBe(`${s.url}/image`);
    const all: string[] = [];
    for await (const p of paginate(client, `${client.endpoint}/v2/images?limit=2`, extract)) all.push(...p);
    expect(all).toEqual(['a', 'b', 'c']);
    expect(s.requests[1]?.path).toBe('/image/v2/images?limit=2&marker=b');
  });

  it('detects a next link that repeats', async () => {
    server = await startServer((_req, res) => json(res, 200, { images: [{ id: 'a' }], next: '/v2/images?limit=1&marker=a' }));
    const client = createServiceClient({ service: 'image', endpoint: server.url, transport: {}, auth: staticTokenProvider(undefined) });
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const p of paginate(client, `${server!.url}/v2/images?limit=1`, extract)) seen.push(...p);
    };
    await expect(run()).rejects.toThrow(OpenStackError);
    await expect(run()).rejects.toThrow(/pagination loop/);
    expect(seen).toEqual(['a', 'a', 'a', 'a']);
  });

  it('a next link that is new each time (one image a page) ends at the page bound, not after 100,000 pages', async () => {
    let n = 0;
    server = await startServer((_req, res) => {
      n++;
      json(res, 200, { images: [{ id: `i${n}` }], next: `/v2/images?limit=1000&marker=i${n}` });
    });
    const client = createServiceClient({ service: 'image', endpoint: server.url, transport: {}, auth: staticTokenProvider(undefined) });
    const budget = new ListingBudget({ ...DEFAULT_INPUT_LIMITS, maxImages: 500 }, 1000, 'image listing');
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const p of paginate(client, `${server!.url}/v2/images?limit=1000`, extract, { budget })) seen.push(...p);
    };
    await expect(run()).rejects.toThrow(LimitExceededError);
    expect(server.requests).toHaveLength(8); // 500 images at 100 a page, two more: 7 pages, the 8th refused
    expect(seen).toHaveLength(7);
    expect(budget.bytes).toBeGreaterThan(0);
  });

  it('early break sends no further requests', async () => {
    const s = await glance(['a', 'b', 'c', 'd', 'e']);
    const client = createServiceClient({ service: 'image', endpoint: s.url, transport: {}, auth: staticTokenProvider(undefined) });
    for await (const p of paginate(client, `${s.url}/v2/images?limit=2`, extract)) {
      expect(p).toEqual(['a', 'b']);
      break;
    }
    expect(s.requests).toHaveLength(1);
  });
});
