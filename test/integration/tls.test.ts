// TLS against a self-signed front on loopback: verification is on by default (refusal, exit 3),
// clouds.yaml's `cacert` makes it succeed, `verify: false` / `--insecure` only when asked, with a
// warning. The front terminates TLS for both Keystone and Glance and forwards to the real cloud.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CheckReport } from '../../src/core/check/report.js';
import { CERT_DAYS, openssl } from '../harness/certificates.js';
import { runCli } from '../harness/run-cli.js';
import { randomBytes } from 'node:crypto';
import { ConnectionError } from '../../src/openstack/errors.js';
import { openCloud } from '../../src/openstack/open-cloud.js';
import { glanceFetch } from '../harness/glance-rest.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
const fronts: https.Server[] = [];
/** The Connection header of every request the fronts forwarded. */
const connectionHeaders: { path: string; connection: string | undefined }[] = [];

/** An HTTPS server on 127.0.0.1 that forwards every request to `target` (plain HTTP). */
async function tlsFront(target: string, key: Buffer, cert: Buffer): Promise<string> {
  const upstream = new URL(target);
  const server = https.createServer({ key, cert }, (req, res) => {
    connectionHeaders.push({ path: req.url ?? '', connection: req.headers.connection });
    const fwd = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (r) => {
        // Keystone's catalog still names the plain-HTTP Glance; the clouds.yaml below overrides it
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    fwd.on('error', () => res.writeHead(502).end());
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fronts.push(server);
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function cloudsYaml(name: string, keystone: string, glance: string, extra: Record<string, unknown>): Promise<string> {
  const demo = cloud.users.demo;
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(
    file,
    stringify({
      clouds: {
        [name]: {
          auth: {
            auth_url: `${keystone}/v3`,
            username: demo.name,
            password: demo.password,
            project_name: demo.projectName,
            user_domain_name: 'Default',
            project_domain_name: 'Default',
          },
          region_name: cloud.region,
          image_endpoint_override: glance,
          ...extra,
        },
      },
    }),
  );
  return file;
}

let keystone: string;
let glance: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-tls-'));
  // a CA and a server certificate for 127.0.0.1 signed by it
  const ossl = (...args: string[]) => openssl(args, dir);
  ossl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', ...CERT_DAYS, '-subj', '/CN=scs-images test CA');
  ossl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  await writeFile(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ossl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', ...CERT_DAYS, '-extfile', 'san.ext');
  const key = await readFile(path.join(dir, 'server.key'));
  const cert = await readFile(path.join(dir, 'server.pem'));
  keystone = await tlsFront(cloud.keystoneUrl, key, cert);
  glance = await tlsFront(cloud.glanceUrl, key, cert);
  await deleteAllImages(cloud);
  await createImage(cloud, 'admin', {
    name: 'Ubuntu 24.04',
    visibility: 'public',
    properties: { image_source: 'https://cloud-images.ubuntu.com/noble/x.img' },
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(fronts.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

const check = (file: string, name: string, args: string[] = []) =>
  runCli(['check', '--cloud', name, '--spec', 'scs-0104-v1-images-v5', '--format', 'json', '--timeout', '5', ...args], {
    env: { OS_CLIENT_CONFIG_FILE: file },
  });

describe('TLS', () => {
  it('refuses a certificate it cannot verify (exit 3, a clear reason, no verdict)', async () => {
    const run = await check(await cloudsYaml('untrusted', keystone, glance, {}), 'untrusted');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/certificate|self[- ]signed|UNABLE_TO_VERIFY|SELF_SIGNED/i);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
  });

  it('succeeds with the CA from clouds.yaml (cacert)', async () => {
    const run = await check(await cloudsYaml('trusted', keystone, glance, { cacert: path.join(dir, 'ca.pem') }), 'trusted');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.verdict).toBe('PASS');
    expect(run.code).toBe(0);
  });

  it('skips verification only when asked (verify: false or --insecure), with a warning for --insecure', async () => {
    const off = await check(await cloudsYaml('noverify', keystone, glance, { verify: false }), 'noverify');
    expect(off.code).toBe(0);
    const insecure = await check(await cloudsYaml('insecure', keystone, glance, {}), 'insecure', ['--insecure']);
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toContain('--insecure: TLS certificates are not verified');
  });

  it('reads image data back over TLS with the same settings (the reused-buffer reader): cacert trusted, unknown CA refused', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5);
    const image = await createImage(cloud, 'demo', { name: 'tls read-back', diskFormat: 'raw', containerFormat: 'bare' });
    await glanceFetch(cloud, 'demo', 'PUT', `/v2/images/${image.id}/file`, { body: data, contentType: 'application/octet-stream', ok: [204] });
    const open = async (file: string, name: string) => openCloud({ cloud: name, env: { OS_CLIENT_CONFIG_FILE: file }, timeoutMs: 10_000, insecure: false });
    const trusted = await open(await cloudsYaml('readback', keystone, glance, { cacert: path.join(dir, 'ca.pem') }), 'readback');
    try {
      const parts: Buffer[] = [];
      const bytes = await trusted.image.readImageData(image.id, (c) => void parts.push(Buffer.from(c)));
      expect(bytes).toBe(data.length);
      expect(Buffer.concat(parts).equals(data)).toBe(true);
      // the reused-buffer reader asked (it opens a connection per read; undici would keep it alive)
      expect(connectionHeaders.filter((h) => h.path.endsWith(`/v2/images/${image.id}/file`)).map((h) => h.connection)).toEqual(['close']);
    } finally {
      await trusted.close();
    }
    // the token comes from a trusted Keystone; only the Glance front is unknown here
    const mixed = await open(await cloudsYaml('mixed', cloud.keystoneUrl, glance, {}), 'mixed');
    try {
      const err = (await mixed.image.readImageData(image.id, () => undefined).catch((e: unknown) => e)) as ConnectionError;
      expect(err).toBeInstanceOf(ConnectionError);
      expect(err.message).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|self[- ]signed|unable to (verify|get)/i);
      expect(err.message).toContain('check cacert, or verify: false, in clouds.yaml');
    } finally {
      await mixed.close();
    }
  });

  it('a cacert that is not the issuer is refused too', async () => {
    const other = path.join(dir, 'other');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${other}.key`, '-out', `${other}.pem`, ...CERT_DAYS, '-subj', '/CN=someone else']);
    const run = await check(await cloudsYaml('wrongca', keystone, glance, { cacert: `${other}.pem` }), 'wrongca');
    expect(run.code).toBe(3);
  });
});
