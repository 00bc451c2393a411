import { execFileSync } from 'node:child_process';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError } from '../errors.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../testing/self-signed.js';
import { send } from './request.js';
import { agentFor, tlsConnectOptions, type TlsOptions } from './tls.js';

const createTlsAgent = async (opts: TlsOptions) => agentFor(await tlsConnectOptions(opts));

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// openssl is part of Debian's base system (and the TLS integration test needs it too)
describe('TLS options against a self-signed https server', () => {
  it('has openssl', () => expect(haveOpenssl()).toBe(true));
  let tlsCert: SelfSignedCert;
  let server: Server;
  let url = '';
  beforeAll(async () => {
    tlsCert = makeSelfSignedCert();
    server = createServer({ key: tlsCert.key, cert: tlsCert.cert }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"tls":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    tlsCert.remove();
  });

  it('rejects an unknown CA by default, with a hint and without retrying', async () => {
    const sleeps: number[] = [];
    const err = (await send({ method: 'GET', url }, { sleep: async (ms) => void sleeps.push(ms) }).catch((e: unknown) => e)) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(err.message).toMatch(/check cacert, or verify: false, in clouds.yaml/);
    expect(sleeps).toEqual([]);
  });

  it('trusts the cacert bundle', async () => {
    const agent = await createTlsAgent({ cacert: tlsCert.certFile });
    expect((await send({ method: 'GET', url }, { dispatcher: agent! })).body).toEqual({ tls: true });
    await agent?.close();
  });

  it('verify: false skips verification', async () => {
    const agent = await createTlsAgent({ verify: false });
    expect((await send({ method: 'GET', url }, { dispatcher: agent! })).body).toEqual({ tls: true });
    await agent?.close();
  });
});

describe('tlsConnectOptions + agentFor', () => {
  it('returns undefined when nothing differs from the defaults', async () => {
    expect(await createTlsAgent({ verify: true })).toBeUndefined();
  });

  it('names the key of an unreadable file', async () => {
    const err = await createTlsAgent({ cacert: '/nonexistent/ca.pem' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toBe('ConfigError: cannot read cacert file /nonexistent/ca.pem (ENOENT) (key: cacert)');
  });
});
