// Unsafe disk images are refused before anything is created in Glance: a qcow2 with a backing file,
// a qcow2 with an external data file, a VMDK descriptor pointing at other files, and an image whose
// real format differs from its declared disk_format. Crafted with qemu-img; served on loopback.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage } from '../harness/manager.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let server: ImageServer;
let clouds: string;

const def = (name: string, file: string, format?: string): TestDefinition => ({
  name,
  multi: false,
  os_distro: 'debian',
  uuid_validity: 'none',
  versions: [{ version: '1', url: `https://cloud.debian.org/images/cloud/bookworm/1/${file}`, mirror_url: `${server.url}/${file}` }],
  ...(format ? { format } : {}),
});

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-unsafe-'));
  const qemu = (...args: string[]) => execFileSync('qemu-img', args, { cwd: dir, stdio: 'pipe' });
  qemu('create', '-q', '-f', 'qcow2', 'base.qcow2', '1M');
  qemu('create', '-q', '-f', 'qcow2', '-b', '/etc/passwd', '-F', 'raw', 'backed.qcow2', '1M');
  qemu('create', '-q', '-f', 'qcow2', '-o', 'data_file=data.raw', 'external.qcow2', '1M');
  qemu('create', '-q', '-f', 'vmdk', '-o', 'subformat=monolithicFlat', 'flat.vmdk', '1M');
  qemu('create', '-q', '-f', 'raw', 'plain.raw', '1M');
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
}, 60_000);

afterAll(async () => server?.close());

async function applyOne(d: ReturnType<typeof def>) {
  const file = await writeDefinitions(path.join(dir, `${d.name}.yml`), [d]);
  return manage('apply', clouds, ['--images', file]);
}

describe('unsafe disk images are refused before import', () => {
  it.each([
    ['backed', 'backed.qcow2', undefined, /backing file/],
    ['external', 'external.qcow2', undefined, /external data file/],
    ['vmdk-flat', 'flat.vmdk', 'vmdk', /^(?![\s\S]*declared disk_format)[\s\S]*VMDK descriptor file/],
    ['qcow2-as-raw', 'base.qcow2', 'raw', /declared disk_format raw, but the image is qcow2/],
    ['raw-as-qcow2', 'plain.raw', 'qcow2', /declared disk_format qcow2, but the image is raw/],
  ])('%s: apply fails naming the reason, and no image is created', async (name, file, format, reason) => {
    const before = (await everyImage(cloud)).length;
    const run = await applyOne(def(`unsafe-${name}`, file, format));
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(reason);
    expect(run.stdout + run.stderr).toContain('nothing was created');
    const after = await everyImage(cloud);
    expect(after.length).toBe(before);
    expect(after.map((i) => i.name)).not.toContain(`unsafe-${name} 1`);
  });

  it('a safe qcow2 declared qcow2 is imported', async () => {
    const run = await applyOne(def('safe', 'base.qcow2'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await everyImage(cloud)).find((i) => i.name === 'safe 1')?.status).toBe('active');
  });
});
