// The partitioned listing (created_at ranges, several pagers at once) against the real local
// Glance: id for id and in the same order as serial paging, on catalogues of 0, 1, 999, 1,000,
// 1,001 and 10,000 images, many of them sharing one created_at to the microsecond, and on a
// catalogue that lies within one second (where it must fall back to one pager).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import type { OpenStackClient } from '../../src/openstack/client.js';
import { openCloud } from '../../src/openstack/open-cloud.js';
import { listAllPartitioned } from '../../src/openstack/partitioned-listing.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { dbTime, removeImagesFromDb, seedImagesInDb, type DbImage } from '../harness/seed-db.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
const seeded: string[] = [];
let client: OpenStackClient;

// 2026-01-01T00:00:00Z; seven images a second, the first three of each second at the same microsecond
const T0 = Date.UTC(2026, 0, 1) * 1000;
const spread = (i: number): DbImage => ({ name: `part-${i}`, createdAt: dbTime(T0 + Math.floor(i / 7) * 1_000_000 + (i % 7 < 3 ? 0 : (i % 7) * 1000)) });

async function grow(to: number): Promise<void> {
  const from = seeded.length;
  seeded.push(
    ...(await seedImagesInDb(
      cloud,
      'admin',
      Array.from({ length: to - from }, (_, k) => spread(from + k)),
    )),
  );
}

const serial = async (): Promise<string[]> => (await client.image.listAllImages({ memberStatus: 'all' })).map((i) => i.id);
const partitioned = async (streams: number, limit?: number, trace?: (l: string) => void): Promise<string[]> =>
  (await listAllPartitioned(client.image, { memberStatus: 'all', ...(limit ? { limit } : {}) }, { streams, trace })).map((i) => i.id);

beforeAll(async () => {
  // one DELETE at a time: a Glance with several workers on sqlite answers concurrent deletes with 500 (database locked)
  await deleteAllImages(cloud, { concurrency: 1 });
  client = await openCloud({ cloud: 'local-demo', env, timeoutMs: 60_000, insecure: false });
});

afterAll(async () => {
  await client?.close();
  await removeImagesFromDb(cloud, seeded);
});

describe('partitioned listing = serial listing, id for id', () => {
  it('a catalogue within one second falls back to one pager and lists every image once', { timeout: 120_000 }, async () => {
    const same = dbTime(T0 - 3_600_000_000);
    const ids = await seedImagesInDb(
      cloud,
      'admin',
      Array.from({ length: 1500 }, (_, i) => ({ name: `same-${i}`, createdAt: same })),
    );
    try {
      const expected = await serial();
      expect(expected).toHaveLength(1500);
      const lines: string[] = [];
      expect(await partitioned(2, undefined, (l) => lines.push(l))).toEqual(expected);
      expect(lines).toContain('debug: image listing: serial (what follows the first page lies within its oldest second, or an image has no created_at)');
      expect(await partitioned(4, 100)).toEqual(expected);
    } finally {
      await removeImagesFromDb(cloud, ids);
    }
  });

  for (const size of [0, 1, 999, 1000, 1001, 10_000]) {
    it(`${size} images`, { timeout: 240_000 }, async () => {
      await grow(size);
      const expected = await serial();
      expect(expected).toHaveLength(size);
      expect(new Set(expected).size).toBe(size);
      const lines: string[] = [];
      expect(await partitioned(2, undefined, (l) => lines.push(l))).toEqual(expected);
      // under a full page is one request; a full page of 1,000 has a next link (Glance cannot know
      // it is the last), and what follows it, nothing or one image of the first page's oldest
      // second, stays serial; 10,000 are split
      if (size < 1000) expect(lines).toEqual([]);
      if (size === 1000 || size === 1001)
        expect(lines).toEqual(['debug: image listing: serial (what follows the first page lies within its oldest second, or an image has no created_at)']);
      // two ranges per stream: a stream that is done takes the next range
      if (size === 10_000) expect(lines[0]).toMatch(/^debug: image listing: 4 created_at ranges, 2 at a time/);
      expect(await partitioned(3)).toEqual(expected);
      if (size <= 1001) {
        // small pages: many ranges whose first page runs into the next range and is cut there
        expect(await partitioned(4, 50)).toEqual(expected);
        expect(await partitioned(1, 50)).toEqual(expected);
      }
    });
  }

  it('check --debug shows the ranges and lists the catalogue once', { timeout: 120_000 }, async () => {
    const run = await runCli(['check', '--cloud', 'local-demo', '--debug', '--spec', 'scs-0104-v1-images-v5', '--format', 'json'], { env });
    expect([0, 1], run.stderr).toContain(run.code);
    expect(run.stderr).toMatch(
      /debug: image listing: 4 created_at ranges, 2 at a time: \[2026-01-01T\d\d:\d\d:\d\dZ, \+inf\), (\[2026-01-01T\d\d:\d\d:\d\dZ, 2026-01-01T\d\d:\d\d:\d\dZ\), ){2}\[-inf, 2026-01-01T\d\d:\d\d:\d\dZ\)/,
    );
    expect(run.stderr).toMatch(/debug: image listing: range \[-inf, [^)]+\): \d+ images in \d+ pages/);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.subjects[0]!.images.listed).toBe(10_000);
    const serialRun = await runCli(
      ['check', '--cloud', 'local-demo', '--debug', '--list-streams', '1', '--spec', 'scs-0104-v1-images-v5', '--format', 'json'],
      { env },
    );
    expect(serialRun.stderr).toMatch(/debug: image listing: serial \(--list-streams 1\)/);
    expect((JSON.parse(serialRun.stdout) as CheckReport).subjects[0]!.testcases.map((t) => t.verdict)).toEqual(
      report.subjects[0]!.testcases.map((t) => t.verdict),
    );
  });
});
