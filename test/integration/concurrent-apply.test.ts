// Two applies started at the same moment on the same cloud, project and tag (cron jobs overlap):
// the lease (src/apply/lease.ts) lets one change the cloud; the other stops with exit 1 and a
// message, or with --lock-timeout waits and then finds nothing to do. 20 seeded runs, each from a
// bare cloud with random start offsets: no duplicate, no orphan, no lease left, and the end state
// of one apply alone (which the plan-based tests show to be converged). RELIABILITY.md records a run.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions } from '../harness/definitions-yaml.js';
import { makeDiskImage } from '../harness/disk-images.js';
import type { GlanceImage } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage, TAG } from '../harness/manager.js';
import { seededRandom } from '../../src/util/seeded-random.test-util.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let server: ImageServer;
let clouds: string;
let defs: string;
let reference: string[];

const shape = (i: GlanceImage): string =>
  `${i.name} | v${String(i['internal_version'] ?? '')} | ${i.status} | ${i.visibility} | hidden ${String(i['os_hidden'] ?? false)}`;
const state = async (): Promise<{ all: GlanceImage[]; managed: string[] }> => {
  const all = await everyImage(cloud);
  return {
    all,
    managed: all
      .filter((i) => i.tags.includes(TAG))
      .map(shape)
      .sort(),
  };
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-concurrent-'));
  await makeDiskImage(dir, 'v1', { virtualMiB: 16 });
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
  const version = (v: string) => ({ version: v, url: `https://cloud-images.ubuntu.com/noble/${v}/x.img`, mirror_url: `${server.url}/v${v}.qcow2` });
  defs = await writeDefinitions(path.join(dir, 'defs.yml'), [
    { name: 'Ubuntu 24.04', multi: true, os_version: '24.04', uuid_validity: 'last-2', versions: ['1'].map(version) },
  ]);
  await deleteAllImages(cloud);
  const alone = await manage('apply', clouds, ['--images', defs]);
  expect(alone.code, alone.stderr).toBe(0);
  reference = (await state()).managed;
}, 120_000);

afterAll(async () => server?.close());

const figures = { runs: 0, bothApplied: 0, oneStopped: 0, duplicates: 0, orphans: 0, leasesLeft: 0 };

describe('two applies at the same moment', () => {
  it('the reference: one apply alone imports the image once', () => {
    expect(reference).toEqual([expect.stringMatching(/^Ubuntu 24\.04 \| v1 \| active \| public/)]);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('seeded run %i', async (seed) => {
    const random = seededRandom(seed);
    // every fourth run waits for the other instead of stopping
    const wait = seed % 4 === 0 ? ['--lock-timeout', '120'] : [];
    await deleteAllImages(cloud);
    const offsets = [Math.floor(random() * 100), Math.floor(random() * 100)];
    const [a, b] = await Promise.all(offsets.map(async (ms) => (await sleep(ms), manage('apply', clouds, ['--images', defs, ...wait]))));
    const runs = [a!, b!];
    for (const r of runs) {
      if (r.code === 0) continue;
      // the only acceptable failure: the other run held the lease, and this one changed nothing
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(/another apply is running for this project and tag: scs-images on .*nothing was changed/);
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
    if (wait.length > 0) expect(runs.map((r) => r.code)).toEqual([0, 0]);

    const { all, managed } = await state();
    const names = all.filter((i) => i.tags.includes(TAG)).map((i) => i.name);
    figures.duplicates += names.length - new Set(names).size;
    const orphans = all.filter((i) => i.status !== 'active' && i.status !== 'deactivated');
    figures.orphans += orphans.length;
    figures.leasesLeft += all.filter((i) => i.tags.includes('scs-images-lease')).length;
    expect(orphans.map((i) => `${i.name} ${i.status}`)).toEqual([]);
    expect(managed).toEqual(reference);
    figures.runs++;
    if (runs.every((r) => r.code === 0)) figures.bothApplied++;
    else figures.oneStopped++;
  });

  it('in all: no duplicate, no orphan, no lease left', () => {
    process.stderr.write(`[concurrent-apply] ${JSON.stringify(figures)}\n`);
    expect(figures).toMatchObject({ runs: 20, duplicates: 0, orphans: 0, leasesLeft: 0 });
  });
});
