// scs-images audit against the real local Glance, with a local HTTP server standing in for the
// upstream hosts (manifests shaped like Debian's SHA512SUMS and Ubuntu's SHA256SUMS): verified by
// Glance's sha512, verified by read-back (sha256, --deep), a tampered image, a manifest without the
// file, a moving folder with internal_version, OSISM's CAPI bucket (a .CHECKSUM file per image), an
// unreachable upstream, an image without properties.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import type { TestcaseResult } from '../../src/core/check/result.js';
import { glanceFetch, glanceJson } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
const NOW = '2026-11-28T12:00:00Z';

const DEB_DIR = '/images/cloud/trixie/20261120-2300';
const DEB_FILE = 'debian-13-generic-amd64-20261120-2300.qcow2';
const UBU_DIR = '/noble/20261120';
const UBU_FILE = 'noble-server-cloudimg-amd64.img';
const CAPI_DIR = '/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.33';
const CAPI_FILE = 'ubuntu-2404-kube-v1.33.9.qcow2';

const debianBytes = randomBytes(300_000);
const ubuntuBytes = randomBytes(1_200_000);
const newerUbuntuBytes = randomBytes(1_000);
const capiBytes = randomBytes(400_000);
const hex = (alg: string, data: Buffer) => createHash(alg).update(data).digest('hex');

let upstream: ImageServer;
const ids: Record<string, string> = {};

async function image(key: string, properties: Record<string, string>, data: Buffer): Promise<void> {
  const body = { ...properties, name: key, visibility: 'public', disk_format: 'raw', container_format: 'bare' };
  const created = await glanceJson<{ id: string }>(cloud, 'admin', 'POST', '/v2/images', { body });
  ids[key] = created.id;
  await glanceFetch(cloud, 'admin', 'PUT', `/v2/images/${created.id}/file`, { body: data, contentType: 'application/octet-stream', ok: [204] });
}

async function audit(args: string[], base = upstream.url) {
  const run = await runCli(
    [
      'audit',
      '--cloud',
      'local-demo',
      '--format',
      'json',
      '--now',
      NOW,
      '--base-url',
      `debian=${base}`,
      '--base-url',
      `ubuntu=${base}/ubuntu`,
      '--base-url',
      `osism-capi=${base}/capi`,
      ...args,
    ],
    {
      env,
    },
  );
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const report = JSON.parse(run.stdout) as CheckReport & { audit: { manifestFetches: number; bytesRead: number } };
  const byName = (name: string): TestcaseResult => report.subjects[0]!.testcases.find((t) => t.images[0]?.id === ids[name])!;
  return { ...run, report, byName };
}

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scs-audit-'));
  await mkdir(path.join(dir, DEB_DIR), { recursive: true });
  await mkdir(path.join(dir, 'ubuntu', UBU_DIR), { recursive: true });
  await mkdir(path.join(dir, 'ubuntu/noble/current'), { recursive: true });
  await writeFile(
    path.join(dir, DEB_DIR, 'SHA512SUMS'),
    `${hex('sha512', debianBytes)}  ${DEB_FILE}\n${hex('sha512', randomBytes(9))}  debian-13-genericcloud-amd64-20261120-2300.qcow2\n`,
  );
  await writeFile(path.join(dir, 'ubuntu', UBU_DIR, 'SHA256SUMS'), `${hex('sha256', ubuntuBytes)} *${UBU_FILE}\n`);
  // the pointer folder has moved on to a newer build
  await writeFile(path.join(dir, 'ubuntu/noble/current/SHA256SUMS'), `${hex('sha256', newerUbuntuBytes)} *${UBU_FILE}\n`);
  // OSISM's CAPI bucket: one checksum file beside each image, written by sha256sum
  await mkdir(path.join(dir, 'capi', CAPI_DIR), { recursive: true });
  await writeFile(path.join(dir, 'capi', CAPI_DIR, `${CAPI_FILE}.CHECKSUM`), `${hex('sha256', capiBytes)}  ${CAPI_FILE}\n`);
  upstream = await startImageServer(dir);

  await deleteAllImages(cloud);
  const debSource = `https://cloud.debian.org${DEB_DIR}/${DEB_FILE}`;
  await image('debian-good', { os_distro: 'debian', image_source: debSource }, debianBytes);
  await image(
    'debian-tampered',
    { os_distro: 'debian', image_source: debSource },
    Buffer.concat([debianBytes.subarray(0, 1000), Buffer.from('X'), debianBytes.subarray(1001)]),
  );
  await image(
    'debian-unlisted',
    { os_distro: 'debian', image_source: `https://cloud.debian.org${DEB_DIR}/debian-13-nocloud-amd64-20261120-2300.qcow2` },
    randomBytes(100),
  );
  await image('ubuntu-dated', { os_distro: 'ubuntu', image_source: `https://cloud-images.ubuntu.com${UBU_DIR}/${UBU_FILE}` }, ubuntuBytes);
  await image(
    'ubuntu-current',
    { os_distro: 'ubuntu', image_source: `https://cloud-images.ubuntu.com/noble/current/${UBU_FILE}`, internal_version: '20261120' },
    ubuntuBytes,
  );
  await image('ubuntu-current-unknown-build', { os_distro: 'ubuntu', image_source: `https://cloud-images.ubuntu.com/noble/current/${UBU_FILE}` }, ubuntuBytes);
  await image(
    'capi-good',
    { os_distro: 'ubuntu', os_purpose: 'k8snode', image_source: `https://nbg1.your-objectstorage.com${CAPI_DIR}/${CAPI_FILE}` },
    capiBytes,
  );
  await image('bare', {}, randomBytes(10));
}, 120_000);

afterAll(async () => {
  await upstream?.close();
});

describe('scs-images audit', () => {
  it('without --deep: sha512 decided from Glance, a tampered image is a mismatch (exit 1), the rest unverifiable with the reason', async () => {
    const r = await audit([]);
    expect(r.code).toBe(1);
    expect(r.byName('debian-good')).toMatchObject({ verdict: 'PASS', requirement: 'mandatory' });
    expect(r.byName('debian-good').findings[0]!.message).toMatch(/sha512 of Glance's os_hash_value matches the manifest/);
    const tampered = r.byName('debian-tampered');
    expect(tampered).toMatchObject({ verdict: 'FAIL', requirement: 'mandatory' });
    expect(tampered.findings[0]).toMatchObject({ level: 'error', expected: [`sha512:${hex('sha512', debianBytes)}`] });
    expect(tampered.findings[0]!.message).toContain(`does not hold the bytes of https://cloud.debian.org${DEB_DIR}/${DEB_FILE}`);
    const unverifiable = (name: string) => {
      const tc = r.byName(name);
      expect(tc, name).toMatchObject({ verdict: 'FAIL', requirement: 'recommended' });
      return tc.findings[0]!.message;
    };
    expect(unverifiable('debian-unlisted')).toMatch(/SHA512SUMS does not list debian-13-nocloud-amd64-20261120-2300\.qcow2/);
    expect(unverifiable('ubuntu-dated')).toMatch(/the manifest has sha256, Glance stores sha512.*--deep/);
    expect(unverifiable('bare')).toMatch(/has no image_source/);
    // one fetch per distinct manifest, whatever the number of images
    expect(unverifiable('capi-good')).toMatch(/the manifest has sha256, Glance stores sha512.*--deep/);
    expect(r.report.audit).toEqual({ manifestFetches: 4, bytesRead: 0 });
    expect(r.report.modules.map((m) => m.id)).toEqual(['audit']);
  });

  it('--deep reads the data back and verifies sha256; a moving folder is resolved by internal_version, never called a mismatch', async () => {
    const r = await audit(['--deep', '--parallel', '2']);
    expect(r.byName('ubuntu-dated')).toMatchObject({ verdict: 'PASS' });
    expect(r.byName('ubuntu-dated').findings[0]!.message).toMatch(/sha256 of the data read back from Glance matches the manifest \(1200000 bytes read back\)/);
    expect(r.byName('ubuntu-current')).toMatchObject({ verdict: 'PASS' });
    expect(r.byName('ubuntu-current').findings[0]!.message).toContain(`/noble/20261120/SHA256SUMS`);
    // without internal_version the pointer folder now names another build: unverifiable, not a mismatch
    const moved = r.byName('ubuntu-current-unknown-build');
    expect(moved).toMatchObject({ verdict: 'FAIL', requirement: 'recommended' });
    expect(moved.findings[0]!.message).toMatch(/now names another build/);
    // OSISM's CAPI image against the .CHECKSUM file beside it
    expect(r.byName('capi-good')).toMatchObject({ verdict: 'PASS' });
    expect(r.byName('capi-good').findings[0]!.message).toContain(`${CAPI_FILE}.CHECKSUM`);
    expect(r.report.audit.bytesRead).toBe(3 * ubuntuBytes.length + capiBytes.length);
    expect(r.stderr).toMatch(/read back 1\.1 MiB of 'ubuntu-dated'/);
    expect(r.code).toBe(1); // the tampered Debian image
  });

  it('--strict makes unverifiable images fail; the text report names the verdict per image', async () => {
    const text = await runCli(
      ['audit', '--cloud', 'local-demo', '--now', NOW, '--base-url', `debian=${upstream.url}`, '--base-url', `ubuntu=${upstream.url}/ubuntu`],
      { env },
    );
    expect(text.stdout).toMatch(/PASS\s+audit-\S+\s+'debian-good' holds the upstream bytes/);
    expect(text.stdout).toMatch(/FAIL\s+audit-\S+\s+'debian-tampered'/);
  });

  it('an unreachable upstream decides nothing: ABORT and exit 3, never a PASS', async () => {
    const r = await audit([], 'http://127.0.0.1:9');
    expect(r.code).toBe(3);
    for (const name of ['debian-good', 'debian-tampered', 'ubuntu-dated']) {
      expect(r.byName(name), name).toMatchObject({ verdict: 'ABORT' });
      expect(r.byName(name).findings[0]!.message, name).toMatch(/^upstream unreachable: /);
    }
    expect(r.byName('bare')).toMatchObject({ verdict: 'FAIL', requirement: 'recommended' });
    expect(r.stderr).toMatch(/could not finish/);
  });

  it('bad input: --deep with --images-file, an unknown --base-url distribution (exit 2, no stack)', async () => {
    const deep = await runCli(['audit', '--images-file', 'x.json', '--deep'], { env });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/--deep reads image data from a cloud/);
    const base = await runCli(['audit', '--cloud', 'local-demo', '--base-url', 'fedora=http://x'], { env });
    expect(base.code).toBe(2);
    expect(base.stderr).toMatch(/unknown distribution 'fedora'/);
  });
});
