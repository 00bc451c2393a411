import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './client.js';
import type { OpenStackClient } from './client.js';
import { loadCloudConfig } from './config/clouds.js';
import type { CloudConfig } from './config/types.js';
import { AuthError, ConfigError, EndpointNotFoundError } from './errors.js';
import { memoryTokenStore } from './auth/session.js';
import { fakeGlance } from './testing/fake-glance.js';
import type { FakeGlance } from './testing/fake-glance.js';
import { fakeKeystone } from './testing/fake-keystone.js';
import type { FakeKeystone } from './testing/fake-keystone.js';
import { json, startServer } from './testing/http-server.js';
import type { TestServer } from './testing/http-server.js';

let server: TestServer | undefined;
let client: OpenStackClient | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Cloud {
  url: string;
  ks: FakeKeystone;
  glance: FakeGlance;
  server: TestServer;
}

/** Keystone at /identity/v3 and Glance at /image on one server; catalog with two regions. */
async function cloud(opts: { withImage?: boolean } = {}): Promise<Cloud> {
  let url = '';
  const catalog = (): unknown[] => [
    { type: 'identity', name: 'keystone', endpoints: [{ interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `${url}/identity/v3` }] },
    ...(opts.withImage === false
      ? []
      : [
          {
            type: 'image',
            name: 'glance',
            endpoints: [
              { interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `${url}/image` },
              { interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: `${url}/two/image/v2` },
            ],
          },
        ]),
  ];
  const ks = fakeKeystone({ password: 'pw-123456', catalog });
  const glance = fakeGlance('/image');
  const two = fakeGlance('/two/image');
  server = await startServer((req, res) => {
    if (ks.handle(req, res)) return;
    const token = req.headers['x-auth-token'];
    if (token !== undefined && token !== 'admin-tok-1' && !ks.isValid(token)) {
      json(res, 401, { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } });
      return;
    }
    if (!glance.handle(req, res) && !two.handle(req, res)) json(res, 404, {});
  });
  url = server.url;
  glance.images.push({ id: 'one-1', name: 'in-region-one', status: 'active', visibility: 'public', tags: [] });
  two.images.push({ id: 'two-1', name: 'in-region-two', status: 'active', visibility: 'public', tags: [] });
  return { url, ks, glance, server };
}

async function configFor(c: Cloud, extra = '', authUrlPath = '/identity'): Promise<(o?: { region?: string }) => Promise<CloudConfig>> {
  const dir = mkdtempSync(join(tmpdir(), 'scs-connect-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'clouds.yaml'),
    `clouds:\n  t:\n    auth:\n      auth_url: ${c.url}${authUrlPath}\n      username: demo\n      password: pw-123456\n      user_domain_name: Default\n      project_name: demo\n      project_domain_id: default\n    regions: [RegionOne, RegionTwo]\n${extra}`,
  );
  return (o = {}) => loadCloudConfig({ cloud: 't', cwd: dir, home: dir, env: {}, ...o });
}

describe('connect', () => {
  it('authenticates at the v3 root of a bare auth_url and binds Glance from the catalog', async () => {
    const c = await cloud();
    client = await connect(await (await configFor(c))());
    expect(c.server.requests[0]?.path).toBe('/identity/v3/auth/tokens');
    expect(client.identity).toMatchObject({
      authUrl: `${c.url}/identity/v3`,
      user: { name: 'demo' },
      project: { id: 'p1', name: 'demo' },
      roles: ['member', 'reader'],
    });
    expect(client.image.endpoint).toBe(`${c.url}/image`);
    expect((await client.image.listAllImages()).map((i) => i.name)).toEqual(['in-region-one']);
    expect(client.stats.snapshot().byService).toEqual({ identity: { POST: 1 }, image: { GET: 1 } });
  });

  it('accepts an auth_url that already ends in /v3', async () => {
    const c = await cloud();
    client = await connect(await (await configFor(c, '', '/identity/v3/'))());
    expect(c.server.requests[0]?.path).toBe('/identity/v3/auth/tokens');
  });

  it('picks the region endpoint (and strips its version suffix)', async () => {
    const c = await cloud();
    client = await connect(await (await configFor(c))({ region: 'RegionTwo' }));
    expect(client.region).toBe('RegionTwo');
    expect(client.image.endpoint).toBe(`${c.url}/two/image`);
    expect((await client.image.listAllImages()).map((i) => i.name)).toEqual(['in-region-two']);
  });

  it('image_endpoint_override bypasses the catalog', async () => {
    const c = await cloud({ withImage: false });
    client = await connect(await (await configFor(c, `    image_endpoint_override: ${c.url}/two/image\n`))());
    expect(client.image.endpoint).toBe(`${c.url}/two/image`);
  });

  it('fails with EndpointNotFoundError when the catalog has no image service', async () => {
    const c = await cloud({ withImage: false });
    await expect(connect(await (await configFor(c))())).rejects.toBeInstanceOf(EndpointNotFoundError);
  });

  it('a wrong password fails at connect with AuthError', async () => {
    const c = await cloud();
    const cfg = await (await configFor(c))();
    cfg.auth['password'] = 'wrong-password';
    await expect(connect(cfg)).rejects.toBeInstanceOf(AuthError);
  });

  it('a planted bad token (tokenStore) leads to one re-authentication on Glance 401', async () => {
    const c = await cloud();
    const cfg = await (await configFor(c))();
    client = await connect(cfg);
    const good = (await client.session!.tokenStore.get())!;
    const store = memoryTokenStore({ ...good, token: 'gAAAAABplantedbadtokenxxxxxxx' });
    await client.close();
    client = await connect(cfg, { tokenStore: store });
    expect(client.session!.authentications).toBe(0);
    expect(await client.image.getImage('one-1')).toMatchObject({ name: 'in-region-one' });
    expect(client.session!.authentications).toBe(1);
  });

  it('auth_type none needs an override and sends no token; admin_token sends the given one', async () => {
    const c = await cloud();
    const base = await (await configFor(c))();
    await expect(connect({ ...base, authType: 'none' })).rejects.toBeInstanceOf(ConfigError);
    client = await connect({ ...base, authType: 'none', imageEndpointOverride: `${c.url}/image` });
    await client.image.getImage('one-1');
    expect(c.server.requests.at(-1)?.headers['x-auth-token']).toBeUndefined();
    const admin = await connect({ ...base, authType: 'admin_token', auth: { token: 'admin-tok-1' }, imageEndpointOverride: `${c.url}/image` });
    await admin.image.getImage('one-1');
    expect(c.server.requests.at(-1)?.headers['x-auth-token']).toBe('admin-tok-1');
    await admin.close();
  });

  it('rejects unsupported auth types and a missing auth_url with ConfigError naming the key', async () => {
    const c = await cloud();
    const base = await (await configFor(c))();
    await expect(connect({ ...base, authType: 'v3oidcpassword' })).rejects.toThrow(/unsupported auth_type "v3oidcpassword".*\(key: auth_type\)/);
    await expect(connect({ ...base, auth: {} })).rejects.toThrow(/key: clouds.t.auth.auth_url/);
  });

  it('uses api_timeout from the config', async () => {
    const c = await cloud();
    const cfg = await (await configFor(c))();
    const hanging = await startServer(() => undefined); // a Keystone that never answers
    try {
      const err = await connect({ ...cfg, apiTimeoutSeconds: 0.05, auth: { ...cfg.auth, auth_url: hanging.url } }, { retry: { maxRetries: 0 } }).catch(
        (e: unknown) => e,
      );
      expect(String(err)).toMatch(/TimeoutError: POST .*\/v3\/auth\/tokens failed: no answer within 0.05 s/);
    } finally {
      await hanging.close();
    }
  });
});
