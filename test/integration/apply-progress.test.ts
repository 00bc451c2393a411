// What apply shows while an import takes long, against the real local Glance: web-download (Glance
// fetches the file itself, slowly here) prints a timestamped line per --progress-interval with
// Glance's status and the time since the import began, so a CI log never goes quiet for minutes;
// the read-back that verifies a sha256 checksum (Glance stores sha512) reports its bytes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage } from '../harness/manager.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let server: ImageServer;
let clouds: string;
let disk: DiskImage;

const slowDefinition = (checksum: string): TestDefinition => ({
  name: 'Debian Slow',
  multi: false,
  os_distro: 'debian',
  uuid_validity: 'none',
  versions: [
    {
      version: '1',
      url: 'https://cloud.debian.org/images/cloud/bookworm/1/debian-12-genericcloud-amd64.qcow2',
      mirror_url: `${server.url}/slow.qcow2`,
      checksum,
    },
  ],
});

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-progress-'));
  disk = await makeDiskImage(dir, 'slow', { dataMiB: 6 });
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('apply progress while Glance imports', () => {
  it('plain mode: a timestamped line per interval during web-download, then the sha256 read-back in 10 % steps', async () => {
    const file = await writeDefinitions(path.join(dir, 'slow.yml'), [slowDefinition(`sha256:${disk.sha256}`)]);
    server.set('/slow.qcow2', { bytesPerSecond: 2 * 1024 * 1024 }); // Glance needs ~3 s to fetch it
    const started = Date.now();
    const r = await manage('apply', clouds, ['--images', file, '--progress-interval', '1']);
    const ended = Date.now();
    server.set('/slow.qcow2', undefined);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Debian Slow 1 \(version 1\): web-download from /);

    const waiting = [...r.stderr.matchAll(/^(\S+) {2}Debian Slow 1 \(version 1\): Glance: (\w+)(?: \(to [\w, ]+\))?, (\d+)s since the import began$/gm)];
    expect(waiting.length, r.stderr).toBeGreaterThanOrEqual(2);
    // real times of this run, in order, the elapsed seconds growing
    const times = waiting.map((m) => Date.parse(m[1] as string));
    for (const t of times) expect(t).toBeGreaterThanOrEqual(started - 1000), expect(t).toBeLessThanOrEqual(ended + 1000);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const secs = waiting.map((m) => Number(m[3]));
    expect(secs.at(-1)).toBeGreaterThan(secs[0] as number);
    expect(waiting.every((m) => ['queued', 'importing', 'active'].includes(m[2] as string))).toBe(true);
    // nothing about Glance's import once the read-back began
    const readStart = r.stderr.indexOf('back from Glance to verify');
    expect(waiting.every((m) => (m.index ?? 0) < readStart)).toBe(true);

    // the verification reads the image back (sha256 against Glance's sha512) with its own progress
    const [image] = await everyImage(cloud);
    expect(image).toMatchObject({ name: 'Debian Slow 1', status: 'active' });
    const readBack = r.stderr.slice(r.stderr.indexOf(`reading ${image!.id} back from Glance to verify its sha256`));
    expect(readBack.length, r.stderr).toBeLessThan(r.stderr.length);
    expect(readBack).toMatch(/Debian Slow 1 \(version 1\): 100% of \d+\.\d MiB/);
    expect(r.stderr).toMatch(/^done: Debian Slow 1 \(version 1\)/m);
  });

  it('a bad --progress-interval is refused before the cloud is contacted (exit 2)', async () => {
    const file = await writeDefinitions(path.join(dir, 'slow2.yml'), [slowDefinition(`sha256:${disk.sha256}`)]);
    const before = server.requests.length;
    const r = await manage('apply', clouds, ['--images', file, '--progress-interval', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--progress-interval: 'soon' is not a positive number of seconds/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(server.requests.length).toBe(before);
  });
});
