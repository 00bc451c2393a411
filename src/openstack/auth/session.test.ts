import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, UnauthorizedError } from '../errors.js';
import { createServiceClient } from '../http/service-client.js';
import type { ServiceClient } from '../http/service-client.js';
import { createToken } from '../identity/v3/tokens/requests.js';
import { tokenRequestFromAuth } from '../identity/v3/tokens/auth-options.js';
import type { TokenInfo } from '../identity/v3/tokens/types.js';
import { fakeKeystone } from '../testing/fake-keystone.js';
import type { FakeKeystone } from '../testing/fake-keystone.js';
import { json, startServer } from '../testing/http-server.js';
import type { TestServer } from '../testing/http-server.js';
import { AuthSession, memoryTokenStore } from './session.js';

let server: TestServer | undefined;
afterEach(async () => server?.close());

interface Cloud {
  ks: FakeKeystone;
  server: TestServer;
  session: AuthSession;
  service: ServiceClient;
  clock: { now: number };
  serviceCalls: () => number;
}

/** Keystone's token endpoint plus a "service" at /svc that accepts only valid tokens. */
async function cloud(opts: { alwaysReject?: boolean; authDelayMs?: number; seed?: TokenInfo } = {}): Promise<Cloud> {
  const clock = { now: Date.parse('2026-11-28T10:00:00Z') };
  const ks = fakeKeystone({ password: 'pw-abcdef', now: () => clock.now, expiresInMs: 3_600_000 });
  server = await startServer(async (req, res) => {
    if (req.path.endsWith('/v3/auth/tokens')) {
      if (opts.authDelayMs) await new Promise((r) => setTimeout(r, opts.authDelayMs));
      ks.handle(req, res);
      return;
    }
    if (opts.alwaysReject || !ks.isValid(req.headers['x-auth-token'])) {
      json(res, 401, { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } });
      return;
    }
    json(res, 200, { ok: true });
  });
  const s = server;
  const req = tokenRequestFromAuth('password', {
    username: 'demo',
    password: 'pw-abcdef',
    user_domain_name: 'Default',
    project_name: 'demo',
    project_domain_name: 'Default',
  });
  const session = new AuthSession({
    authenticate: () => createToken(`${s.url}/v3`, req),
    tokenStore: memoryTokenStore(opts.seed),
    now: () => clock.now,
  });
  const service = createServiceClient({ service: 'svc', endpoint: s.url, transport: {}, auth: session });
  return { ks, server: s, session, service, clock, serviceCalls: () => s.requests.filter((r) => r.path === '/svc').length };
}

const get = (c: Cloud): Promise<unknown> => c.service.request({ method: 'GET', url: `${c.server.url}/svc` }).then((r) => r.body);

describe('AuthSession', () => {
  it('reuses the token across requests', async () => {
    const c = await cloud();
    await get(c);
    await get(c);
    await get(c);
    expect(c.session.authentications).toBe(1);
    expect(c.ks.issued).toHaveLength(1);
  });

  it('re-authenticates only when the token is within 60 s of expiry', async () => {
    const c = await cloud();
    await get(c);
    c.clock.now += 3_600_000 - 61_000;
    await get(c);
    expect(c.session.authentications).toBe(1);
    c.clock.now += 2_000; // 59 s left
    await get(c);
    expect(c.session.authentications).toBe(2);
  });

  it('shares one in-flight authentication between concurrent callers', async () => {
    const c = await cloud({ authDelayMs: 50 });
    const results = await Promise.all(Array.from({ length: 8 }, () => get(c)));
    expect(results).toHaveLength(8);
    expect(c.session.authentications).toBe(1);
    expect(c.ks.issued).toHaveLength(1);
  });

  it('on 401 with a planted bad token: re-authenticates once and repeats the request once', async () => {
    const seed: TokenInfo = {
      token: 'gAAAAABrevokedrevokedrevoked',
      methods: ['password'],
      roles: [],
      catalog: [],
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    };
    const c = await cloud({ seed });
    expect(await get(c)).toEqual({ ok: true });
    expect(c.session.authentications).toBe(1);
    expect(c.serviceCalls()).toBe(2);
    expect(c.server.requests.filter((r) => r.path === '/svc').map((r) => r.headers['x-auth-token'])).toEqual([seed.token, c.ks.issued[0]]);
    expect((await c.session.tokenStore.get())?.token).toBe(c.ks.issued[0]);
  });

  it('concurrent 401s trigger a single re-authentication', async () => {
    const seed: TokenInfo = { token: 'gAAAAABrevokedrevokedrevoked', methods: [], roles: [], catalog: [] };
    const c = await cloud({ seed, authDelayMs: 30 });
    await Promise.all(Array.from({ length: 6 }, () => get(c)));
    expect(c.session.authentications).toBe(1);
  });

  it('a second 401 with a fresh token is an AuthError', async () => {
    const c = await cloud({ alwaysReject: true });
    const err = await get(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(String(err)).toMatch(/freshly issued token was rejected/);
    expect(c.serviceCalls()).toBe(2);
    expect(c.session.authentications).toBe(2);
  });

  it('does not replay a streamed body after a 401', async () => {
    const seed: TokenInfo = { token: 'gAAAAABrevokedrevokedrevoked', methods: [], roles: [], catalog: [] };
    const c = await cloud({ seed });
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('data');
    }
    const err = await c.service.request({ method: 'PUT', url: `${c.server.url}/svc`, body: body() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(c.serviceCalls()).toBe(1);
    // the bad token was dropped: the next call authenticates
    expect(await get(c)).toEqual({ ok: true });
  });
});
