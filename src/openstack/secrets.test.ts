/**
 * The promise "secrets never leak" checked the blunt way: provoke every error path with known
 * test secrets (servers even echo them back), then grep every surface a user or log could see:
 * message, String(err), stack, JSON.stringify, util.inspect (with the cause chain), debug events.
 */
import { inspect } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './client.js';
import { loadCloudConfig } from './config/clouds.js';
import type { CloudConfig } from './config/types.js';
import { AuthError, HttpError } from './errors.js';
import { resolveNextLink } from './http/paginate.js';
import { send } from './http/request.js';
import type { HttpEvent } from './http/types.js';
import { fakeKeystone } from './testing/fake-keystone.js';
import { json, startServer } from './testing/http-server.js';
import type { TestServer } from './testing/http-server.js';

const PASSWORD = 'Pa55-word-for-leak-test';
const APP_SECRET = 'app-cred-secret-for-leak-test';
const UNREGISTERED = 'never-registered-secret-value';

let server: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function surfaces(err: unknown): string[] {
  const e = err as Error;
  return [e.message, String(err), e.stack ?? '', JSON.stringify(err), inspect(err, { depth: 10, showHidden: true })];
}

function expectClean(texts: string[], secrets: string[]): void {
  expect(texts.join('\n').length).toBeGreaterThan(0);
  for (const text of texts) for (const s of secrets) expect(text, `leaked ${s}`).not.toContain(s);
}

/** A Keystone/Glance double that echoes everything it received (body and headers) in its errors. */
async function echoingCloud(issueTokens: boolean): Promise<TestServer> {
  const ks = fakeKeystone({ password: PASSWORD });
  server = await startServer((req, res) => {
    if (req.path.endsWith('/auth/tokens') && issueTokens) {
      ks.handle(req, res);
      return;
    }
    const echo = `received body ${req.body} with X-Auth-Token: ${String(req.headers['x-auth-token'])} "password": "${PASSWORD}" token=${String(req.headers['x-auth-token'])}`;
    json(res, 401, { error: { code: 401, message: echo, title: 'Unauthorized' } }, { 'X-Subject-Token': String(req.headers['x-auth-token']) });
  });
  return server;
}

async function config(url: string, auth: string): Promise<CloudConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'scs-leak-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'clouds.yaml'),
    `clouds:\n  t:\n    auth_type: ${auth.includes('application_credential_id') ? 'v3applicationcredential' : 'password'}\n    image_endpoint_override: ${url}/image\n    auth:\n      auth_url: ${url}\n${auth}`,
  );
  return loadCloudConfig({ cwd: dir, home: dir, env: {} });
}

describe('no secret reaches errors or debug events', () => {
  it('wrong password echoed back by Keystone', async () => {
    const s = await echoingCloud(false);
    const events: HttpEvent[] = [];
    const cfg = await config(s.url, `      username: demo\n      password: ${PASSWORD}\n      user_domain_name: Default\n`);
    const err = await connect(cfg, { onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expectClean([...surfaces(err), JSON.stringify(events)], [PASSWORD]);
  });

  it('application credential secret echoed back by Keystone', async () => {
    const s = await echoingCloud(false);
    const events: HttpEvent[] = [];
    const cfg = await config(s.url, `      application_credential_id: ac1\n      application_credential_secret: ${APP_SECRET}\n`);
    const err = await connect(cfg, { onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expectClean([...surfaces(err), JSON.stringify(events)], [APP_SECRET]);
  });

  it('tokens echoed back by Glance on 401, through re-authentication to AuthError', async () => {
    const s = await echoingCloud(true);
    const events: HttpEvent[] = [];
    const cfg = await config(s.url, `      username: demo\n      password: ${PASSWORD}\n      user_domain_name: Default\n`);
    const client = await connect(cfg, { onEvent: (e) => events.push(e) });
    const err = await client.image.getImage('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    const tokens = s.requests.map((r) => r.headers['x-auth-token']).filter((t): t is string => typeof t === 'string');
    expect(tokens).toHaveLength(2);
    expectClean([...surfaces(err), JSON.stringify(events)], [PASSWORD, ...tokens]);
    expect(JSON.stringify(events)).toContain('"X-Auth-Token":"***"');
    await client.close();
  });

  it('unregistered secrets by pattern: JSON keys, headers, query parameters, userinfo', async () => {
    server = await startServer((req, res) =>
      json(res, 400, {
        message: `bad: {"password": "${UNREGISTERED}", "application_credential_secret": "${UNREGISTERED}"} X-Auth-Token: ${UNREGISTERED} path ${req.path}`,
      }),
    );
    const events: HttpEvent[] = [];
    const err = await send(
      { method: 'GET', url: `${server.url}/v2/images?token=${UNREGISTERED}&password=${UNREGISTERED}` },
      { onEvent: (e) => events.push(e) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expectClean([...surfaces(err), JSON.stringify(events)], [UNREGISTERED]);

    const creds = await send(
      { method: 'GET', url: `http://user:${UNREGISTERED}@127.0.0.1:1/` },
      { retry: { maxRetries: 0 }, onEvent: (e) => events.push(e) },
    ).catch((e: unknown) => e);
    expectClean([...surfaces(creds), JSON.stringify(events)], [UNREGISTERED]);

    const next = (() => {
      try {
        return resolveNextLink('https://h/image', `https://evil.example/v2/images?token=${UNREGISTERED}`);
      } catch (e) {
        return e;
      }
    })();
    expectClean(surfaces(next), [UNREGISTERED]);
  });

  it('a YAML error on a line holding a secret does not quote the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-leak-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'secure.yaml'), `clouds:\n  t:\n    auth:\n      password: "${UNREGISTERED}\n   bad: [\n`);
    const err = await loadCloudConfig({ cwd: dir, home: dir, env: {} }).catch((e: unknown) => e);
    expectClean(surfaces(err), [UNREGISTERED]);
  });
});
