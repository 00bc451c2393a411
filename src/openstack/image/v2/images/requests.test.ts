import { afterEach, describe, expect, it } from 'vitest';
import { staticTokenProvider } from '../../../auth/session.js';
import { ConflictError, NotFoundError, ServerError } from '../../../errors.js';
import { createServiceClient } from '../../../http/service-client.js';
import { RequestStats } from '../../../http/stats.js';
import { fakeGlance } from '../../../testing/fake-glance.js';
import type { FakeGlance } from '../../../testing/fake-glance.js';
import { json, startServer } from '../../../testing/http-server.js';
import type { TestServer } from '../../../testing/http-server.js';
import { ImageClient } from '../client.js';
import { importBody } from '../imageimport/requests.js';
import { createImageBody } from './requests.js';

let server: TestServer | undefined;
afterEach(async () => server?.close());

async function glance(prefix = ''): Promise<{ g: FakeGlance; client: ImageClient; s: TestServer; stats: RequestStats }> {
  const g = fakeGlance(prefix);
  server = await startServer((req, res) => void g.handle(req, res));
  const stats = new RequestStats();
  const service = createServiceClient({
    service: 'image',
    endpoint: `${server.url}${prefix}`,
    transport: { stats, sleep: async () => undefined },
    auth: staticTokenProvider('tok-abcdef'),
  });
  return { g, client: new ImageClient(service), s: server, stats };
}

const seed = (g: FakeGlance, n: number, extra: Record<string, unknown> = {}): void => {
  for (let i = 0; i < n; i++)
    g.images.push({ id: `id-${String(i).padStart(3, '0')}`, name: `img-${i}`, status: 'active', visibility: 'public', tags: i % 2 ? ['odd'] : [], ...extra });
};

describe('listing', () => {
  it('collects all pages with limit and sends the token', async () => {
    const { g, client, s, stats } = await glance();
    seed(g, 7);
    const all = await client.listAllImages({ limit: 3 });
    expect(all.map((i) => i.name)).toEqual(['img-0', 'img-1', 'img-2', 'img-3', 'img-4', 'img-5', 'img-6']);
    expect(s.requests.map((r) => r.path)).toEqual(['/v2/images?limit=3', '/v2/images?limit=3&marker=id-002', '/v2/images?limit=3&marker=id-005']);
    expect(s.requests.every((r) => r.headers['x-auth-token'] === 'tok-abcdef')).toBe(true);
    expect(stats.count('image', 'GET')).toBe(3);
  });

  it('default limit 1000: 1000 images take two requests (full page, then empty)', async () => {
    const { g, client, s } = await glance();
    seed(g, 1000);
    expect(await client.listAllImages()).toHaveLength(1000);
    expect(s.requests).toHaveLength(2);
  });

  it('keeps filters on every page and works under a path prefix', async () => {
    const { g, client, s } = await glance('/image');
    seed(g, 6);
    const names: string[] = [];
    for await (const img of client.listImages({ limit: 2, tags: ['odd'] })) names.push(img.name);
    expect(names).toEqual(['img-1', 'img-3', 'img-5']);
    expect(s.requests.map((r) => r.path)).toEqual(['/image/v2/images?limit=2&tag=odd', '/image/v2/images?limit=2&tag=odd&marker=id-003']);
  });

  it('asks for a page on a connection of its own when told to, and reuses connections otherwise', async () => {
    const { g, client, s } = await glance();
    seed(g, 3);
    await client.listImagePage({ limit: 2, newConnection: true });
    await client.listImagePage({ limit: 2 });
    expect(s.requests.map((r) => r.headers['connection'])).toEqual(['close', 'keep-alive']);
    expect(s.requests[0]?.path).toBe('/v2/images?limit=2');
  });

  it('yields pages', async () => {
    const { g, client } = await glance();
    seed(g, 5);
    const sizes: number[] = [];
    for await (const page of client.listImagePages({ limit: 2 })) sizes.push(page.length);
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('single-image calls', () => {
  it('create → 201 with custom string properties at the root', async () => {
    const { client, s } = await glance();
    const img = await client.createImage({
      name: 'n',
      diskFormat: 'raw',
      containerFormat: 'bare',
      tags: ['t'],
      minDisk: 1,
      hidden: false,
      properties: { os_distro: 'debian' },
    });
    expect(img).toMatchObject({ name: 'n', diskFormat: 'raw', tags: ['t'], minDisk: 1, hidden: false, properties: { os_distro: 'debian' } });
    expect(JSON.parse(s.requests[0]!.body)).toEqual({
      name: 'n',
      disk_format: 'raw',
      container_format: 'bare',
      tags: ['t'],
      min_disk: 1,
      os_hidden: false,
      os_distro: 'debian',
    });
    expect(s.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('create validates property values and names before sending', () => {
    expect(() => createImageBody({ name: 'n', properties: { os_version: 12 as unknown as string } })).toThrow(/must be a string/);
    expect(() => createImageBody({ name: 'n', properties: { min_disk: '1' } })).toThrow(/collides/);
  });

  it('create is not retried on 503', async () => {
    server = await startServer((_req, res) => json(res, 503, { message: 'busy' }));
    const client = new ImageClient(
      createServiceClient({ service: 'image', endpoint: server.url, transport: { sleep: async () => undefined }, auth: staticTokenProvider(undefined) }),
    );
    await expect(client.createImage({ name: 'n' })).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('get, patch with the json-patch content type, delete', async () => {
    const { g, client, s } = await glance();
    seed(g, 1, { image_source: 'x' });
    expect((await client.getImage('id-000')).properties).toEqual({ image_source: 'x' });
    const updated = await client.updateImage('id-000', [
      { op: 'replace', path: '/tags', value: ['a', 'b'] },
      { op: 'add', path: '/os_distro', value: 'ubuntu' },
      { op: 'remove', path: '/image_source' },
    ]);
    expect(updated).toMatchObject({ tags: ['a', 'b'], properties: { os_distro: 'ubuntu' } });
    const patchReq = s.requests.find((r) => r.method === 'PATCH')!;
    expect(patchReq.headers['content-type']).toBe('application/openstack-images-v2.1-json-patch');
    expect(JSON.parse(patchReq.body)).toEqual([
      { op: 'replace', path: '/tags', value: ['a', 'b'] },
      { op: 'add', path: '/os_distro', value: 'ubuntu' },
      { op: 'remove', path: '/image_source' },
    ]);
    await expect(client.updateImage('id-000', [{ op: 'remove', path: '/gone' }])).rejects.toBeInstanceOf(ConflictError);
    expect(await client.deleteImage('id-000')).toBe(true);
    await expect(client.deleteImage('id-000')).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.deleteImage('id-000', { ignoreMissing: true })).toBe(false);
    await expect(client.getImage('id-000')).rejects.toThrow(/returned HTTP 404: No image found with ID id-000$/);
  });

  it('upload and stage send octet-stream (buffer or stream), import sends the method', async () => {
    const { g, client, s } = await glance();
    seed(g, 2);
    await client.uploadImageData('id-000', Buffer.from('hello'), { store: 'store2' });
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('par');
      yield Buffer.from('ts');
    }
    await client.stageImageData('id-001', chunks());
    await client.importImage('id-001', 'glance-direct', { stores: ['store1'] });
    const [put, stage, imp] = s.requests;
    expect(put).toMatchObject({ method: 'PUT', path: '/v2/images/id-000/file', body: 'hello' });
    expect(put?.headers['content-type']).toBe('application/octet-stream');
    expect(put?.headers['x-image-meta-store']).toBe('store2');
    expect(stage).toMatchObject({ method: 'PUT', path: '/v2/images/id-001/stage', body: 'parts' });
    expect(JSON.parse(imp!.body)).toEqual({ method: { name: 'glance-direct' }, stores: ['store1'] });
    expect(g.images.map((i) => i['status'])).toEqual(['active', 'importing']);
  });

  it('import body shapes', () => {
    expect(importBody({ name: 'web-download', uri: 'http://x/y.img' }, { allStores: true, allStoresMustSucceed: false })).toEqual({
      method: { name: 'web-download', uri: 'http://x/y.img' },
      all_stores: true,
      all_stores_must_succeed: false,
    });
    expect(importBody('copy-image', { stores: ['store2'] })).toEqual({ method: { name: 'copy-image' }, stores: ['store2'] });
  });

  it('deactivate/reactivate and import info', async () => {
    const { g, client, s } = await glance();
    seed(g, 1);
    await client.deactivateImage('id-000');
    expect(g.images[0]?.['status']).toBe('deactivated');
    await client.reactivateImage('id-000');
    expect(g.images[0]?.['status']).toBe('active');
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/images/id-000/actions/deactivate', 'POST /v2/images/id-000/actions/reactivate']);
    expect(await client.getImportInfo()).toEqual({ importMethods: ['glance-direct', 'web-download', 'copy-image'] });
  });
});
