// Clouds that do not offer web-download: a second real Glance with only glance-direct (the tool
// streams the download into the staging area), and a third with no import method at all (plain
// upload). `file:` sources take the streamed path everywhere.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { startLocalCloud, type LocalCloud } from '../harness/local-cloud.js';
import { adminCloudsYaml, everyImage, manage, managedByName } from '../harness/manager.js';

let dir: string;
let server: ImageServer;
const disk: Record<string, DiskImage> = {};
const clouds: { cloud: LocalCloud; yaml: string }[] = [];

const defs = (): TestDefinition[] => [
  {
    name: 'Debian 12',
    os_distro: 'debian',
    os_version: '12',
    versions: [
      {
        version: '20260101',
        url: 'https://cloud.debian.org/images/cloud/bookworm/20260101/debian-12-genericcloud-amd64.qcow2',
        mirror_url: `${server.url}/d1.qcow2`,
        checksum: `sha256:${disk['d1']!.sha256}`,
      },
    ],
  },
  {
    name: 'Local',
    multi: false,
    os_distro: 'cirros',
    os_purpose: 'minimal',
    versions: [{ version: '1', url: 'file:disks/local.qcow2', source: 'https://example.org/local', checksum: `sha256:${disk['local']!.sha256}` }],
  },
];

async function cloudWith(methods: string[]): Promise<{ cloud: LocalCloud; yaml: string }> {
  const cloud = await startLocalCloud({ enabledImportMethods: methods, verbose: false });
  const entry = { cloud, yaml: await adminCloudsYaml(cloud, dir, { name: `clouds-${methods.join('-') || 'none'}` }) };
  clouds.push(entry);
  return entry;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-manager-fallback-'));
  disk['d1'] = await makeDiskImage(dir, 'd1', { dataMiB: 3 });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(dir, 'disks'));
  disk['local'] = await makeDiskImage(path.join(dir, 'disks'), 'local', { virtualMiB: 90 });
  server = await startImageServer(dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
  for (const c of clouds) await c.cloud.stop({ purge: true });
});

describe.each([
  [['glance-direct'], 'glance-direct', /the cloud does not offer web-download; streaming the download through this tool/],
  [[], 'upload', /uploading into .* \(the cloud offers neither web-download nor glance-direct\)/],
])('a cloud with import methods %j', (methods, how, message) => {
  let c: { cloud: LocalCloud; yaml: string };
  beforeAll(async () => {
    c = await cloudWith(methods);
  }, 120_000);

  it(`imports by ${how}, verified against the bytes the tool streamed`, async () => {
    const file = await writeDefinitions(path.join(dir, 'defs.yml'), defs());
    const r = await manage('apply', c.yaml, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(new RegExp(`imported by ${how}; sha256 of the downloaded bytes matches the definition`));
    const images = await managedByName(c.cloud);
    expect(images.get('Debian 12')?.[0]).toMatchObject({
      status: 'active',
      visibility: 'public',
      os_hash_value: disk['d1']!.sha512,
      image_source: expect.stringMatching(/^https:\/\/cloud\.debian\.org/),
    });
    expect(images.get('Local 1')?.[0]).toMatchObject({ status: 'active', image_source: 'https://example.org/local', os_hash_value: disk['local']!.sha512 });
    expect((await everyImage(c.cloud)).filter((i) => i.status !== 'active')).toEqual([]);
    const again = await manage('apply', c.yaml, ['--images', file]);
    expect(again.stdout).toMatch(/Nothing to do; 4 API requests/);
  });
});
