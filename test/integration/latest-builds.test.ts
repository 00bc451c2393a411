// `version: latest` against the real local Keystone + Glance and a local upstream that sends
// Last-Modified and a SHA256SUMS: image_build_date is the upstream build's day, and a
// new upstream build is imported as a new version with rotation (as update + apply would).
import { mkdtemp, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { adminCloudsYaml, manage, managedByName } from '../harness/manager.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const NOW = '2026-03-01T00:00:00Z';
let dir: string;
let clouds: string;
let server: http.Server;
let base: string;
let current: { disk: DiskImage; bytes: Buffer; lastModified: string };
const builds: DiskImage[] = [];
/** What upstream publishes now: build i, with this Last-Modified. */
async function publish(i: number, lastModified: string): Promise<void> {
  current = { disk: builds[i]!, bytes: await readFile(builds[i]!.file), lastModified };
}

const props = async (name: string) => {
  const found = (await managedByName(cloud)).get(name) ?? [];
  expect(found, name).toHaveLength(1);
  return found[0] as unknown as Record<string, unknown>;
};

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-latest-'));
  builds.push(await makeDiskImage(dir, 'build1', { virtualMiB: 20 }), await makeDiskImage(dir, 'build2', { virtualMiB: 21 }));
  await publish(0, 'Sat, 10 Jan 2026 06:00:00 GMT');
  server = http.createServer((req, res) => {
    if (req.url === '/noble/SHA256SUMS') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`${current.disk.sha256} *noble.img\n`);
    if (req.url === '/noble/noble.img') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': current.bytes.length, 'last-modified': current.lastModified });
      return void res.end(req.method === 'HEAD' ? undefined : current.bytes);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clouds = await adminCloudsYaml(cloud, dir);
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('version: latest', () => {
  it('dates the image by Last-Modified, and imports a new upstream build as a new version with rotation', async () => {
    const defs = await writeDefinitions(path.join(dir, 'latest.yml'), [
      {
        name: 'Ubuntu 24.04',
        os_version: '24.04',
        versions: [{ version: 'latest', url: `${base}/noble/noble.img`, checksums_url: `${base}/noble/SHA256SUMS`, build_date: '2024-01-01' }],
      },
    ]);
    const first = await manage('apply', clouds, ['--images', defs, '--now', NOW]);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(await props('Ubuntu 24.04')).toMatchObject({ internal_version: '20260110', image_build_date: '2026-01-10', upstream_checksum: builds[0]!.sha256 });

    const same = await manage('apply', clouds, ['--images', defs, '--now', NOW]);
    expect(same.stdout).toMatch(/Nothing to do/);

    await publish(1, 'Tue, 10 Feb 2026 06:00:00 GMT');
    const next = await manage('apply', clouds, ['--images', defs, '--now', NOW]);
    expect(next.code, next.stderr + next.stdout).toBe(0);
    expect(await props('Ubuntu 24.04')).toMatchObject({ internal_version: '20260210', image_build_date: '2026-02-10', upstream_checksum: builds[1]!.sha256 });
    expect(await props('Ubuntu 24.04 (20260110)')).toMatchObject({ internal_version: '20260110', os_hidden: true });
  });
});
