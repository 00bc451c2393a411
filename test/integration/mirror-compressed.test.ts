// `mirror` of compressed upstream files into a real Swift: the object holds the decompressed image
// (as OIM's contrib/mirror.py stores it), with both hashes in its metadata; `mirror --check`
// passes for a checksum of either side, only for the right bytes; `apply` imports from the mirror.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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

const run = promisify(execFile);
let dir: string;
let cloud: LocalCloud;
let swift: LocalSwift;
let upstream: ImageServer;
let disk: DiskImage;
let xzSha256: string;
let xzSha256Tar: string;
const CONTAINER = 'openstack-images';

const base = (): string => `${swift.accountUrl(cloud.projectIds.admin)}/${CONTAINER}`;
const defs = (): TestDefinition[] => [
  {
    name: 'Talos',
    format: 'qcow2',
    os_distro: 'talos',
    versions: [
      // Talos-like: the upstream is .raw.xz-style, the mirror_url names the decompressed file; the checksum is the content's
      { version: '1', url: `${upstream.url}/disk.qcow2.xz`, mirror_url: `${base()}/talos/1/openstack-amd64`, checksum: `sha256:${disk.sha256}` },
      // a checksum of the compressed file (as upstream manifests list it)
      { version: '2', url: `${upstream.url}/disk.tar.gz`, mirror_url: `${base()}/talos/2/disk.qcow2`, checksum: `sha256:${xzSha256Tar}` },
    ],
  },
];
const mirror = (args: string[]) =>
  runCli(['mirror', '--cloud', 'local-admin', '--container', CONTAINER, '--segment-size', String(1024 * 1024), ...args], {
    env: { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml },
    timeoutMs: 120_000,
  });

beforeAll(async () => {
  cloud = testCloud();
  dir = await mkdtemp(path.join(tmpdir(), 'scs-mirror-xz-'));
  disk = await makeDiskImage(dir, 'disk', { dataMiB: 3 });
  await run('sh', ['-c', 'xz -T1 -kc disk.qcow2 > disk.qcow2.xz && tar -czf disk.tar.gz disk.qcow2'], { cwd: dir });
  xzSha256 = createHash('sha256')
    .update(await readFile(path.join(dir, 'disk.qcow2.xz')))
    .digest('hex');
  xzSha256Tar = createHash('sha256')
    .update(await readFile(path.join(dir, 'disk.tar.gz')))
    .digest('hex');
  upstream = await startImageServer(dir);
  swift = await startLocalSwift(cloud);
  await deleteAllImages(cloud);
}, 120_000);

afterAll(async () => {
  if (cloud) await deleteAllImages(cloud);
  await upstream?.close();
  await swift?.stop();
});

describe('mirror of compressed upstream files', () => {
  it('stores the decompressed image, with both hashes in its metadata', async () => {
    const file = await writeDefinitions(path.join(dir, 'images.yml'), defs());
    const r = await mirror(['--images', file, '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { items: Array<{ version: string; outcome: string; message: string }> };
    expect(report.items.map((i) => [i.version, i.outcome])).toEqual([
      ['1', 'uploaded'],
      ['2', 'uploaded'],
    ]);
    expect(report.items[0]!.message).toMatch(/decompressed from xz/);
    for (const [object, source, from] of [
      ['talos/1/openstack-amd64', xzSha256, 'xz'],
      ['talos/2/disk.qcow2', xzSha256Tar, 'tar.gz'],
    ] as const) {
      const res = await fetch(`${base()}/${object}`, { headers: { 'X-Auth-Token': await cloud.tokenFor('admin') } });
      expect(res.status, object).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), object).toBe(disk.sha256);
      expect(res.headers.get('x-object-meta-unpacked-from')).toBe(from);
      expect(res.headers.get('x-object-meta-source-sha256')).toBe(source);
      expect(res.headers.get('x-object-meta-content-sha256')).toBe(disk.sha256);
    }
    // a second run finds both there
    const again = await mirror(['--images', file, '-f', 'json']);
    expect((JSON.parse(again.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ present: 2, uploaded: 0 });
  });

  it('--check passes for the content checksum and for the compressed file checksum, through the recorded hashes', async () => {
    const file = path.join(dir, 'images.yml');
    const r = await runCli(['mirror', '--check', '--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mirror --check: 2 ok, 0 answered without a checksum to compare, 0 failed/);
    expect(r.stdout).toMatch(/decompressed from the tar\.gz file the checksum names/);
  });

  it('apply imports version 1 from the mirror (the decompressed image, verified with the content checksum)', async () => {
    const [talos] = defs();
    const file = await writeDefinitions(path.join(dir, 'apply.yml'), [{ ...talos!, versions: talos!.versions.slice(0, 1) }]);
    const r = await manage('apply', cloud.cloudsYaml, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [img] = (await managedByName(cloud)).get('Talos') ?? [];
    expect(img).toMatchObject({ os_hash_value: disk.sha512, size: disk.size, image_source: `${upstream.url}/disk.qcow2.xz` });
  });
});
