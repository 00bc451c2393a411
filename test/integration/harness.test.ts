// Proves the integration harness itself: the local cloud's identities, visibility rules the checks
// rely on, the fault proxy, bulk seeding + Glance pagination, and cleanup between test files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { glanceFetch, glanceJson, listAllImages, type GlanceImage, type ImagePage } from '../harness/glance-rest.js';
import { CLOUD_USERS } from '../harness/local-cloud.js';
import { createImage, createImages, deleteAllImages, shareImage } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();

beforeAll(async () => {
  await deleteAllImages(cloud);
});
afterAll(async () => {
  await deleteAllImages(cloud);
});

describe('local cloud identities', () => {
  it.each(CLOUD_USERS)('%s gets a token that glance accepts', async (user) => {
    const res = await glanceFetch(cloud, user, 'GET', '/v2/images');
    expect(res.status).toBe(200);
    expect((await res.json()) as ImagePage).toMatchObject({ images: expect.any(Array), first: '/v2/images' });
  });

  it('lists the image endpoint in the catalog and writes clouds.yaml', async () => {
    const res = await fetch(`${cloud.keystoneUrl}/v3/auth/catalog`, { headers: { 'X-Auth-Token': await cloud.tokenFor('demo') } });
    const body = (await res.json()) as { catalog: Array<{ type: string; endpoints: Array<{ url: string; interface: string; region_id: string }> }> };
    const image = body.catalog.find((s) => s.type === 'image');
    expect(image?.endpoints).toEqual([expect.objectContaining({ url: cloud.glanceUrl, interface: 'public', region_id: 'RegionOne' })]);
    const { readFile } = await import('node:fs/promises');
    const yaml = await readFile(cloud.cloudsYaml, 'utf8');
    for (const c of ['local-admin', 'local-demo', 'local-other']) expect(yaml).toContain(`${c}:`);
  });

  it('rejects a bad token with 401', async () => {
    const res = await fetch(`${cloud.glanceUrl}/v2/images`, { headers: { 'X-Auth-Token': 'bogus', Accept: 'application/json' } });
    expect(res.status).toBe(401);
  });
});

describe('visibility between projects', () => {
  let community: GlanceImage;
  let otherPrivate: GlanceImage;
  beforeAll(async () => {
    community = await createImage(cloud, 'demo', { name: 'h-demo-community', visibility: 'community', properties: { os_distro: 'cirros' } });
    otherPrivate = await createImage(cloud, 'other', { name: 'h-other-private', visibility: 'private' });
  });

  it('demo sees its own community image, not the other project private one', async () => {
    const seen = (await listAllImages(cloud, 'demo', 'visibility=all')).map((i) => i.id);
    expect(seen).toContain(community.id);
    expect(seen).not.toContain(otherPrivate.id);
    await expect(glanceFetch(cloud, 'demo', 'GET', `/v2/images/${otherPrivate.id}`)).rejects.toMatchObject({ status: 404 });
    expect(community).toMatchObject({ owner: cloud.projectIds.demo, os_distro: 'cirros', status: 'queued' });
  });

  it('community images of others appear only with visibility=community', async () => {
    expect((await listAllImages(cloud, 'other')).map((i) => i.id)).not.toContain(community.id);
    expect((await listAllImages(cloud, 'other', 'visibility=community')).map((i) => i.id)).toContain(community.id);
  });

  it('members cannot create public images', async () => {
    await expect(createImage(cloud, 'demo', { name: 'h-demo-public', visibility: 'public' })).rejects.toMatchObject({ status: 403 });
  });

  it('shares an image and the member sees it after accepting', async () => {
    const shared = await createImage(cloud, 'admin', { name: 'h-shared', visibility: 'shared' });
    expect((await listAllImages(cloud, 'other')).map((i) => i.id)).not.toContain(shared.id);
    await shareImage(cloud, 'admin', shared.id, 'other');
    expect((await listAllImages(cloud, 'other')).map((i) => i.id)).toContain(shared.id);
  });
});

describe('fault proxy in front of glance', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(cloud.glanceUrl);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('injects 503 once, then passes through', async () => {
    proxy.reset();
    proxy.addRule({ method: 'GET', path: /^\/v2\/images(\?|$)/, sequence: [{ kind: 'status', status: 503 }] });
    const first = await glanceFetch(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url, ok: [503] });
    expect(first.status).toBe(503);
    await first.body?.cancel();
    const second = await glanceJson<ImagePage>(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url });
    expect(second.images).toEqual(expect.any(Array));
    expect(proxy.requests.map((r) => [r.method, r.status, r.action])).toEqual([
      ['GET', 503, 'status'],
      ['GET', 200, 'pass'],
    ]);
    expect(proxy.counts).toMatchObject({ total: 2, passed: 1, faulted: 1, byStatus: { 503: 1, 200: 1 } });
  });

  it('answers 429 with Retry-After, resets connections, truncates bodies, delays', async () => {
    proxy.reset();
    proxy.addRule({
      path: /^\/v2\/images/,
      sequence: [{ kind: 'rate-limit', retryAfter: 2 }, { kind: 'reset' }, { kind: 'truncate', bytes: 10 }, { kind: 'delay', ms: 150 }],
    });
    const limited = await glanceFetch(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url, ok: [429] });
    expect(limited.headers.get('retry-after')).toBe('2');
    await limited.body?.cancel();
    await expect(glanceFetch(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url })).rejects.toThrow();
    await expect(glanceJson(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url })).rejects.toThrow();
    const t0 = performance.now();
    await glanceJson(cloud, 'demo', 'GET', '/v2/images', { baseUrl: proxy.url });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(proxy.requests.map((r) => r.action)).toEqual(['rate-limit', 'reset', 'truncate', 'delay']);
    expect(proxy.counts.byStatus).toEqual({ 429: 1, 0: 1, 200: 2 });
  });

  it('applies probabilistic faults reproducibly for a seed', async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const p = await startFaultProxy(cloud.glanceUrl, {
        seed,
        rules: [{ path: /^\/healthcheck/, probability: 0.5, action: { kind: 'status', status: 502 } }],
      });
      try {
        for (let i = 0; i < 12; i++) await (await fetch(`${p.url}/healthcheck`)).body?.cancel();
        return p.requests.map((r) => r.status);
      } finally {
        await p.close();
      }
    };
    const a = await pattern(42);
    expect(await pattern(42)).toEqual(a);
    expect(a).toContain(502);
    expect(a).toContain(200);
  });
});

// Paging over more than 1,000 images is proven with the tool itself (check-cloud.test.ts); here small
// pages show Glance's `next` rules cheaply.
describe('bulk seeding, pagination and cleanup', () => {
  const COUNT = 12;
  beforeAll(async () => {
    await deleteAllImages(cloud);
    const t0 = performance.now();
    await createImages(cloud, 'demo', COUNT, (i) => ({ name: `h-bulk-${String(i).padStart(4, '0')}`, visibility: 'private', tags: ['bulk'] }));
    const s = (performance.now() - t0) / 1000;
    console.log(`created ${COUNT} images in ${s.toFixed(1)} s (${(COUNT / s).toFixed(0)}/s)`);
  }, 300_000);

  async function pages(limit: number): Promise<ImagePage[]> {
    const out: ImagePage[] = [];
    let path: string | undefined = `/v2/images?limit=${limit}`;
    while (path && out.length < 10) {
      const page: ImagePage = await glanceJson<ImagePage>(cloud, 'demo', 'GET', path);
      out.push(page);
      path = page.next;
    }
    return out;
  }

  it('a full page carries `next`, a short page does not', async () => {
    const ps = await pages(5);
    expect(ps.map((p) => p.images.length)).toEqual([5, 5, 2]);
    expect(ps[0]!.next).toMatch(new RegExp(`^/v2/images\\?limit=5&marker=${ps[0]!.images[4]!.id}$`));
    expect(ps[2]!.next).toBeUndefined();
    expect(new Set(ps.flatMap((p) => p.images.map((i) => i.id))).size).toBe(COUNT);
  });

  it('a full last page still carries `next`, which yields an empty page', async () => {
    const ps = await pages(6);
    expect(ps.map((p) => p.images.length)).toEqual([6, 6, 0]);
    expect(ps[1]!.next).toBeDefined();
    expect(ps[2]!.next).toBeUndefined();
  });

  it("deleteAllImages removes hidden, community, shared and other projects' images too", async () => {
    await createImage(cloud, 'other', { name: 'h-hidden', visibility: 'private', hidden: true });
    await createImage(cloud, 'other', { name: 'h-community', visibility: 'community' });
    await createImage(cloud, 'admin', { name: 'h-public-protected', visibility: 'public', protected: true });
    const pending = await createImage(cloud, 'admin', { name: 'h-pending', visibility: 'shared' });
    await shareImage(cloud, 'admin', pending.id, 'demo', { accept: false });
    const t0 = performance.now();
    const n = await deleteAllImages(cloud);
    console.log(`deleted ${n} images in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(n).toBe(COUNT + 4);
    for (const user of CLOUD_USERS) {
      for (const hidden of ['true', 'false']) {
        expect(await listAllImages(cloud, user, `visibility=all&member_status=all&os_hidden=${hidden}`)).toEqual([]);
      }
    }
  }, 300_000);
});
