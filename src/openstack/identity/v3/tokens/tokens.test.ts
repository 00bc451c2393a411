import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ConfigError } from '../../../errors.js';
import { fakeKeystone } from '../../../testing/fake-keystone.js';
import { json, startServer } from '../../../testing/http-server.js';
import type { TestServer } from '../../../testing/http-server.js';
import { canonicalAuthType, tokenRequestFromAuth } from './auth-options.js';
import { createToken, tokenRequestBody } from './requests.js';
import { tokenFromResponse } from './results.js';
import { identityV3Root, tokensURL } from './urls.js';

describe('identityV3Root', () => {
  it.each([
    ['http://h:5000', 'http://h:5000/v3'],
    ['http://h:5000/', 'http://h:5000/v3'],
    ['http://h:5000/v3', 'http://h:5000/v3'],
    ['http://h:5000/v3/', 'http://h:5000/v3'],
    ['https://h/identity', 'https://h/identity/v3'],
    ['https://h/identity/v3', 'https://h/identity/v3'],
    ['https://h/identity/v2.0/', 'https://h/identity/v3'],
  ])('%s → %s', (input, want) => {
    expect(identityV3Root(input)).toBe(want);
    expect(tokensURL(identityV3Root(input))).toBe(`${want}/auth/tokens`);
  });
});

describe('tokenRequestFromAuth → body', () => {
  const body = (type: Parameters<typeof tokenRequestFromAuth>[0], auth: Record<string, string>): unknown =>
    tokenRequestBody(tokenRequestFromAuth(type, auth)).auth;

  it('password, user and project by name with domains (the shape Keystone documents)', () => {
    expect(
      body('password', { username: 'demo', password: 'demopw', user_domain_name: 'Default', project_name: 'demo', project_domain_name: 'Default' }),
    ).toEqual({
      identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'demopw' } } },
      scope: { project: { name: 'demo', domain: { name: 'Default' } } },
    });
  });

  it('password with ids, default_domain fallback, domain and system scope', () => {
    expect(body('password', { user_id: 'u1', password: 'p', project_id: 'p1' })).toEqual({
      identity: { methods: ['password'], password: { user: { id: 'u1', password: 'p' } } },
      scope: { project: { id: 'p1' } },
    });
    expect(body('password', { username: 'u', password: 'p', default_domain_id: 'default', project_name: 'x' })).toMatchObject({
      identity: { password: { user: { domain: { id: 'default' } } } },
      scope: { project: { name: 'x', domain: { id: 'default' } } },
    });
    expect(body('password', { user_id: 'u', password: 'p', domain_name: 'D' })).toMatchObject({ scope: { domain: { name: 'D' } } });
    expect(body('password', { user_id: 'u', password: 'p', system_scope: 'all' })).toMatchObject({ scope: { system: { all: true } } });
    expect(body('password', { user_id: 'u', password: 'p' })).not.toHaveProperty('scope');
  });

  it('application credential by id, or by name + user; never a scope', () => {
    expect(body('application_credential', { application_credential_id: 'ac', application_credential_secret: 's', project_name: 'ignored' })).toEqual({
      identity: { methods: ['application_credential'], application_credential: { id: 'ac', secret: 's' } },
    });
    expect(
      body('application_credential', { application_credential_name: 'n', application_credential_secret: 's', username: 'u', user_domain_id: 'd' }),
    ).toEqual({
      identity: { methods: ['application_credential'], application_credential: { name: 'n', user: { name: 'u', domain: { id: 'd' } }, secret: 's' } },
    });
  });

  it('token auth with scope', () => {
    expect(body('token', { token: 't0k3n', project_id: 'p' })).toEqual({
      identity: { methods: ['token'], token: { id: 't0k3n' } },
      scope: { project: { id: 'p' } },
    });
  });

  it('names the missing key, never a value', () => {
    expect(() => tokenRequestFromAuth('password', { username: 'u', user_domain_name: 'D' }, 'clouds.yaml')).toThrow(
      /clouds.yaml: missing required auth setting \(key: auth.password\)/,
    );
    expect(() => tokenRequestFromAuth('password', { username: 'u', password: 'p' })).toThrow(ConfigError);
    expect(() => tokenRequestFromAuth('password', { user_id: 'u', password: 'p', project_name: 'x' })).toThrow(/project_domain/);
    expect(() => tokenRequestFromAuth('application_credential', { application_credential_id: 'x' })).toThrow(/application_credential_secret/);
  });

  it('canonicalises auth types', () => {
    expect(canonicalAuthType('v3password')).toBe('password');
    expect(canonicalAuthType('v3applicationcredential')).toBe('application_credential');
    expect(canonicalAuthType('v3token')).toBe('token');
    expect(canonicalAuthType('token_endpoint')).toBe('admin_token');
    expect(canonicalAuthType('None')).toBe('none');
    expect(() => canonicalAuthType('v3oidcpassword')).toThrow(/unsupported auth_type/);
  });
});

describe('tokenFromResponse', () => {
  it('reads token, expiry, scope, roles and catalog', () => {
    const t = tokenFromResponse(
      'gAAAAAtoken',
      {
        token: {
          methods: ['password'],
          user: { id: 'u', name: 'demo', domain: { id: 'default', name: 'Default' } },
          project: { id: 'p', name: 'demo', domain: { id: 'default', name: 'Default' } },
          roles: [{ id: 'r', name: 'member' }],
          expires_at: '2026-11-28T11:09:20.000000Z',
          catalog: [
            {
              type: 'image',
              name: 'glance',
              id: 'i',
              endpoints: [{ id: 'e', interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://127.0.0.1:9292' }],
            },
          ],
        },
      },
      'u',
    );
    expect(t.token).toBe('gAAAAAtoken');
    expect(t.expiresAt?.toISOString()).toBe('2026-11-28T11:09:20.000Z');
    expect(t.project).toEqual({ id: 'p', name: 'demo', domain: { id: 'default', name: 'Default' } });
    expect(t.roles).toEqual([{ id: 'r', name: 'member' }]);
    expect(t.catalog[0]?.endpoints[0]).toEqual({ id: 'e', interface: 'public', region: 'RegionOne', url: 'http://127.0.0.1:9292' });
  });

  it('requires the X-Subject-Token header', () => {
    expect(() => tokenFromResponse(null, { token: {} }, 'u')).toThrow(/X-Subject-Token/);
  });
});

describe('createToken against a local Keystone', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs the body and returns the subject token', async () => {
    const ks = fakeKeystone({ password: 'pw-123456' });
    server = await startServer((req, res) => void ks.handle(req, res));
    const req = tokenRequestFromAuth('password', { username: 'demo', password: 'pw-123456', user_domain_name: 'Default', project_id: 'p1' });
    const t = await createToken(`${server.url}/v3`, req);
    expect(t.token).toBe(ks.issued[0]);
    expect(server.requests[0]?.path).toBe('/v3/auth/tokens');
    expect(JSON.parse(server.requests[0]!.body)).toEqual(tokenRequestBody(req));
  });

  it('turns 401 into AuthError naming the user', async () => {
    const ks = fakeKeystone({ password: 'right-pass' });
    server = await startServer((req, res) => void ks.handle(req, res));
    const req = tokenRequestFromAuth('password', { username: 'demo', password: 'wrong-pass', user_domain_name: 'Default' });
    const err = await createToken(`${server.url}/v3`, req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(String(err)).toMatch(/authentication of user demo at .*\/v3\/auth\/tokens failed \(HTTP 401\): The request you have made requires authentication/);
  });

  it('retries the token POST on 503', async () => {
    let first = true;
    const ks = fakeKeystone();
    server = await startServer((req, res) => {
      if (first) {
        first = false;
        json(res, 503, {});
        return;
      }
      ks.handle(req, res);
    });
    const req = tokenRequestFromAuth('token', { token: 'abcdefgh' });
    await createToken(`${server.url}/v3`, req, { sleep: async () => undefined });
    expect(server.requests).toHaveLength(2);
  });
});
