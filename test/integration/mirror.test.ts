// `scs-images mirror` into a real Swift (Debian's swift-* packages, started for this file only and
// registered in the worker cloud's Keystone), from a local upstream server; `mirror --check`.
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import type { LocalCloud } from '../harness/local-cloud.js';
import { startLocalSwift, type LocalSwift } from '../harness/local-swift.js';
import { manage, managedByName } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

let dir: string;
let cloud: LocalCloud;
let swift: LocalSwift;
let upstream: ImageServer;
const disk: Record<string, DiskImage> = {};
const CONTAINER = 'openstack-images';
const SEGMENT = 1024 * 1024;

const base = (): string => `${swift.accountUrl(cloud.projectIds.admin)}/${CONTAINER}`;
const mirrorUrl = (object: string): string => `${base()}/${object}`;

const defs = (): TestDefinition[] => [
  {
    name: 'Small',
    os_distro: 'cirros',
    versions: [
      { version: '1', url: `${upstream.url}/small.qcow2`, mirror_url: mirrorUrl('small/1-small.qcow2'), checksum: `sha256:${disk['small']!.sha256}` },
      { version: '2', url: `${upstream.url}/nomirror.qcow2`, checksum: `sha256:${disk['small']!.sha256}` },
    ],
  },
  {
    name: 'Large',
    os_distro: 'debian',
    versions: [
      // sha512: no Glance in between to compare it, so the mirror hashes it itself
      {
        version: '20260101',
        url: `${upstream.url}/large.qcow2`,
        mirror_url: mirrorUrl('large/20260101-large.qcow2'),
        checksum: `sha512:${disk['large']!.sha512}`,
      },
    ],
  },
];

const bad = (): TestDefinition => ({
  name: 'Wrong',
  os_distro: 'ubuntu',
  versions: [{ version: '1', url: `${upstream.url}/small.qcow2`, mirror_url: mirrorUrl('wrong/1-wrong.qcow2'), checksum: `sha256:${'0'.repeat(64)}` }],
});

const mirror = (args: string[]) =>
  runCli(['mirror', '--cloud', 'local-admin', '--container', CONTAINER, '--segment-size', String(SEGMENT), ...args], {
    env: { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml },
    timeoutMs: 120_000,
  });

async function sha256Of(url: string): Promise<{ status: number; sha256?: string; slo?: string | null }> {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    return { status: res.status };
  }
  return {
    status: res.status,
    sha256: createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex'),
  };
}

beforeAll(async () => {
  cloud = testCloud();
  dir = await mkdtemp(path.join(tmpdir(), 'scs-mirror-'));
  disk['small'] = await makeDiskImage(dir, 'small', { virtualMiB: 70 });
  disk['large'] = await makeDiskImage(dir, 'large', { dataMiB: 3 }); // ~3 MiB: 4 segments of 1 MiB
  disk['large2'] = await makeDiskImage(dir, 'large2', { dataMiB: 2 }); // a rebuild under the same name: 3 segments
  upstream = await startImageServer(dir);
  swift = await startLocalSwift(cloud);
  await deleteAllImages(cloud);
}, 120_000);

afterAll(async () => {
  if (cloud) await deleteAllImages(cloud);
  await upstream?.close();
  await swift?.stop();
});

const token = () => cloud.tokenFor('admin');
async function segmentNames(): Promise<string[]> {
  const res = await fetch(`${swift.accountUrl(cloud.projectIds.admin)}/${CONTAINER}_segments`, { headers: { 'X-Auth-Token': await token() } });
  return (await res.text()).split('\n').filter(Boolean);
}

describe('mirror', () => {
  it('--dry-run before anything is there: every mirrored version would be uploaded; nothing is downloaded or created', async () => {
    const file = await writeDefinitions(path.join(dir, 'images.yml'), [...defs(), bad()]);
    const before = upstream.requests.length;
    const r = await mirror(['--images', file, '--dry-run', '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      dryRun: boolean;
      containerCreated: boolean;
      items: Array<Record<string, unknown>>;
      summary: Record<string, number>;
    };
    expect(report).toMatchObject({ dryRun: true, containerCreated: true, summary: { 'would-upload': 3, uploaded: 0, present: 0, failed: 0, skipped: 1 } });
    expect(report.items.find((i) => i['definition'] === 'Large')).toMatchObject({
      outcome: 'would-upload',
      message: expect.stringMatching(/^not mirrored yet/),
    });
    expect(upstream.requests.slice(before)).toEqual([]);
    const head = await fetch(base(), { method: 'HEAD', headers: { 'X-Auth-Token': await token() } });
    expect(head.status).toBe(404);
    const text = await mirror(['--images', file, '--dry-run']);
    expect(text.stdout).toMatch(/\(would be created, public read\).*\(dry run\)/);
    expect(text.stdout).toMatch(/mirror \(dry run\): 3 to upload, 0 already there, 0 failed, 1 skipped; nothing changed/);
    expect((await mirror(['--images', file, '--dry-run', '--check'])).code).toBe(2);
  });

  it('copies each mirrored version once, verified, large ones as segments + SLO; a wrong checksum stores nothing', async () => {
    const file = await writeDefinitions(path.join(dir, 'images.yml'), [...defs(), bad()]);
    const r = await mirror(['--images', file, '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      status: string;
      containerCreated: boolean;
      readAcl: string;
      items: Array<Record<string, unknown>>;
      summary: Record<string, number>;
    };
    expect(report).toMatchObject({ status: 'failed', containerCreated: true, readAcl: '.r:*', summary: { uploaded: 2, present: 0, failed: 1, skipped: 1 } });
    const by = (d: string) => report.items.find((i) => i['definition'] === d && i['outcome'] !== 'skipped');
    expect(by('Small')).toMatchObject({ outcome: 'uploaded', object: 'small/1-small.qcow2', segments: 0, bytes: disk['small']!.size });
    expect(by('Large')).toMatchObject({ outcome: 'uploaded', segments: Math.ceil(disk['large']!.size / SEGMENT), bytes: disk['large']!.size });
    expect(by('Wrong')).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/checksum mismatch: .* nothing was stored/) });
    expect(report.items.find((i) => i['outcome'] === 'skipped')).toMatchObject({ definition: 'Small', version: '2', message: 'no mirror_url' });

    // anonymous reads (as Glance's web-download does) serve exactly the upstream bytes
    expect(await sha256Of(mirrorUrl('small/1-small.qcow2'))).toEqual({ status: 200, sha256: disk['small']!.sha256 });
    expect(await sha256Of(mirrorUrl('large/20260101-large.qcow2'))).toEqual({ status: 200, sha256: disk['large']!.sha256 });
    expect((await sha256Of(mirrorUrl('wrong/1-wrong.qcow2'))).status).toBe(404);
    // the large object is a manifest; the failed one left no segment behind
    const token = await cloud.tokenFor('admin');
    const head = await fetch(mirrorUrl('large/20260101-large.qcow2'), { method: 'HEAD', headers: { 'X-Auth-Token': token } });
    expect(head.headers.get('x-static-large-object')).toBe('True');
    expect(head.headers.get('x-object-meta-checksum')).toBe(`sha512:${disk['large']!.sha512}`);
    const segs = await fetch(`${swift.accountUrl(cloud.projectIds.admin)}/${CONTAINER}_segments`, { headers: { 'X-Auth-Token': token } });
    const names = (await segs.text()).split('\n').filter(Boolean);
    expect(names).toHaveLength(Math.ceil(disk['large']!.size / SEGMENT));
    expect(names.every((n) => n.startsWith('large/20260101-large.qcow2/slo/'))).toBe(true);
  });

  it('a second run downloads nothing that is already there with the same checksum', async () => {
    const file = await writeDefinitions(path.join(dir, 'good.yml'), defs());
    const before = upstream.requests.length;
    const r = await mirror(['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/present {2}Small 1 -> small\/1-small\.qcow2: already mirrored/);
    expect(r.stdout).toMatch(/mirror: 0 uploaded \(0 bytes\), 2 already there, 0 failed, 1 skipped/);
    expect(upstream.requests.slice(before)).toEqual([]);
  });

  it('a rebuild under the same object name replaces it and removes the old segments; a dry run says so first', async () => {
    const rebuilt = defs().map((d) =>
      d.name === 'Large'
        ? { ...d, versions: d.versions.map((v) => ({ ...v, url: `${upstream.url}/large2.qcow2`, checksum: `sha512:${disk['large2']!.sha512}` })) }
        : d,
    );
    const file = await writeDefinitions(path.join(dir, 'rebuilt.yml'), rebuilt);
    const oldSegments = await segmentNames();
    expect(oldSegments).toHaveLength(Math.ceil(disk['large']!.size / SEGMENT));

    const dry = await mirror(['--images', file, '--dry-run']);
    expect(dry.stdout).toMatch(
      new RegExp(`would-upload Large 20260101 -> large/20260101-large\\.qcow2: there with sha512:${disk['large']!.sha512}, not the definition's`),
    );
    expect(await segmentNames()).toEqual(oldSegments);

    const r = await mirror(['--images', file, '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { items: Array<Record<string, unknown>> };
    expect(report.items.find((i) => i['definition'] === 'Large')).toMatchObject({
      outcome: 'uploaded',
      segments: Math.ceil(disk['large2']!.size / SEGMENT),
      removedSegments: oldSegments.length,
      message: expect.stringContaining(`removed the ${oldSegments.length} segments of the object it replaced`),
    });
    const now = await segmentNames();
    expect(now).toHaveLength(Math.ceil(disk['large2']!.size / SEGMENT));
    expect(now.filter((n) => oldSegments.includes(n))).toEqual([]);
    expect(await sha256Of(mirrorUrl('large/20260101-large.qcow2'))).toEqual({ status: 200, sha256: disk['large2']!.sha256 });

    // and back: the original bytes, the rebuild's segments gone in turn
    const back = await mirror(['--images', await writeDefinitions(path.join(dir, 'good.yml'), defs())]);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(await segmentNames()).toHaveLength(oldSegments.length);
    expect(await sha256Of(mirrorUrl('large/20260101-large.qcow2'))).toEqual({ status: 200, sha256: disk['large']!.sha256 });
  });

  it('--check: every mirror_url answers with the bytes its checksum names, else exit 1 naming file:line', async () => {
    const good = await writeDefinitions(path.join(dir, 'good.yml'), defs());
    const ok = await runCli(['mirror', '--check', '--images', good]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/mirror --check: 2 ok, 0 answered without a checksum to compare, 0 failed/);

    const broken = await writeDefinitions(path.join(dir, 'broken.yml'), [...defs(), bad()]);
    const r = await runCli(['mirror', '--check', '--images', broken, '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { items: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(report.summary).toEqual({ ok: 2, unverified: 0, failed: 1 });
    expect(report.items.find((i) => i['outcome'] === 'failed')).toMatchObject({
      definition: 'Wrong',
      message: expect.stringMatching(/HTTP 404/),
      location: expect.stringMatching(/broken\.yml:\d+/),
    });
  });
});

// apply: Glance reads the Swift mirror; a broken mirror_url fails the version unless
// --mirror-fallback lets apply import it from the upstream url, and the output says so.
describe('apply with a mirror', () => {
  const small = (mirror: string, name = 'Mirrored'): TestDefinition => ({
    name,
    os_distro: 'cirros',
    versions: [{ version: '1', url: `${upstream.url}/small.qcow2`, mirror_url: mirror, checksum: `sha256:${disk['small']!.sha256}` }],
  });

  it('imports from the mirror: the upstream is not read, image_source stays the upstream url', async () => {
    const file = await writeDefinitions(path.join(dir, 'apply-ok.yml'), [small(mirrorUrl('small/1-small.qcow2'))]);
    const before = upstream.requests.length;
    const r = await manage('apply', cloud.cloudsYaml, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(upstream.requests.slice(before)).toEqual([]);
    expect((await managedByName(cloud)).get('Mirrored')?.[0]).toMatchObject({
      status: 'active',
      os_hash_value: disk['small']!.sha512,
      image_source: `${upstream.url}/small.qcow2`,
    });
  });

  it.each([
    ['answers 404 (not mirrored yet)', () => mirrorUrl('small/missing.qcow2'), /HTTP 404|404/],
    ['serves other bytes', () => mirrorUrl('large/20260101-large.qcow2'), /checksum mismatch/],
  ])('a mirror that %s fails the version without --mirror-fallback, and falls back to the upstream url with it', async (_what, url, why) => {
    await deleteAllImages(cloud);
    const file = await writeDefinitions(path.join(dir, 'apply-broken.yml'), [small(url(), 'Broken')]);
    const refused = await manage('apply', cloud.cloudsYaml, ['--images', file]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/the upstream url was not tried \(--mirror-fallback allows it\)/);
    expect(refused.stdout + refused.stderr).toMatch(why);
    expect((await managedByName(cloud)).get('Broken')).toBeUndefined();

    const before = upstream.requests.length;
    const r = await manage('apply', cloud.cloudsYaml, ['--images', file, '--mirror-fallback', '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/the mirror failed \(.*\); importing from the upstream url http:\/\/127\.0\.0\.1:\d+\/small\.qcow2 instead \(--mirror-fallback\)/);
    const report = JSON.parse(r.stdout) as { results: Array<{ action: string; outcome: string; message: string }> };
    expect(report.results.find((x) => x.action === 'create')).toMatchObject({
      outcome: 'done',
      message: expect.stringMatching(/from the upstream url \(the mirror failed: /),
    });
    expect(upstream.requests.slice(before).some((q) => q.path === '/small.qcow2' && q.status === 200)).toBe(true);
    expect((await managedByName(cloud)).get('Broken')?.[0]).toMatchObject({ status: 'active', os_hash_value: disk['small']!.sha512 });
  });
});
