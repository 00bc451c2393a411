// Faults between apply and Glance (a fault-injecting proxy on loopback, seeded schedules): apply
// either finishes or fails cleanly (exit 0 or 1, a message, no crash), and a re-run without faults
// converges with no duplicate and no orphaned image, and an empty plan afterwards.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage } from '../harness/disk-images.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../harness/fault-proxy.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage } from '../harness/manager.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let server: ImageServer;
let direct: string;
let proxied: string;
let proxy: FaultProxy;
let defsFile: string;

const version = (v: string) => ({ version: v, url: `https://cloud-images.ubuntu.com/noble/${v}/x.img`, mirror_url: `${server.url}/v${v}.qcow2` });
const defs = (): TestDefinition[] => [
  { name: 'Ubuntu 24.04', multi: true, os_version: '24.04', uuid_validity: 'last-2', versions: ['1', '2'].map(version) },
  { name: 'Debian 12', multi: true, os_distro: 'debian', os_version: '12', uuid_validity: 'none', versions: ['1', '2'].map(version) },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-apply-faults-'));
  for (const [i, v] of ['1', '2'].entries()) await makeDiskImage(dir, `v${v}`, { virtualMiB: 30 + i });
  server = await startImageServer(dir);
  proxy = await startFaultProxy(cloud.glanceUrl, { seed: 7 });
  direct = await adminCloudsYaml(cloud, dir, { name: 'direct' });
  proxied = await adminCloudsYaml(cloud, dir, { name: 'proxied', imageEndpoint: proxy.url });
  defsFile = await writeDefinitions(path.join(dir, 'defs.yml'), defs());
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** name, rules, and the faulty run's --timeout (default 10 s) */
const SCHEDULES: Array<[string, FaultRule[], string?]> = [
  // the first create is the lease's (src/apply/lease.ts), the second one an image's
  ['503 on the lease create', [{ method: 'POST', path: /^\/v2\/images$/, sequence: [{ kind: 'status', status: 503 }] }]],
  ['503 on the first image create', [{ method: 'POST', path: /^\/v2\/images$/, sequence: [{ kind: 'pass' }, { kind: 'status', status: 503 }] }]],
  ['reset on every import call once', [{ method: 'POST', path: /\/import$/, sequence: [{ kind: 'reset' }, { kind: 'reset' }] }]],
  // the first PATCH marks the lease held
  [
    '500 on the publishing PATCHes',
    [{ method: 'PATCH', sequence: [{ kind: 'pass' }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }] }],
  ],
  ['429 with Retry-After on listings', [{ method: 'GET', path: /^\/v2\/images\?/, sequence: [{ kind: 'rate-limit', retryAfter: 1 }] }]],
  [
    '20 % of all requests reset or 502 (seeded)',
    [
      { probability: 0.1, action: { kind: 'reset' } },
      { probability: 0.1, action: { kind: 'status', status: 502 } },
    ],
  ],
  ['truncated answers to image GETs', [{ method: 'GET', path: /^\/v2\/images\/[0-9a-f-]+$/, action: { kind: 'truncate' }, times: 4 }]],
  // a slow Glance: answers later than --timeout, and a body that trickles in
  ['two image GETs answered later than --timeout', [{ method: 'GET', path: /^\/v2\/images\/[0-9a-f-]+$/, action: { kind: 'delay', ms: 2500 }, times: 2 }], '1'],
  [
    'an image GET whose answer trickles in slower than --timeout',
    [{ method: 'GET', path: /^\/v2\/images\/[0-9a-f-]+$/, sequence: [{ kind: 'trickle', chunkBytes: 100, intervalMs: 200 }] }],
    '1',
  ],
];

describe('a slow Glance', () => {
  it('listings slower than --timeout: exit 3 naming the slow request, nothing changed', async () => {
    await deleteAllImages(cloud);
    proxy.reset();
    proxy.setRules([{ method: 'GET', path: /^\/v2\/images\?/, action: { kind: 'delay', ms: 2500 } }]);
    const run = await manage('apply', proxied, ['--images', defsFile, '--timeout', '1']);
    proxy.setRules([]);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v2\/images\?\S* failed: no answer within 1 s \(--timeout\)/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
    expect(await everyImage(cloud)).toEqual([]);
  });
});

describe('apply with faults from Glance, then a re-run without them', () => {
  it.each(SCHEDULES)('%s: ends cleanly, and the re-run converges', async (_name, rules, timeout = '10') => {
    await deleteAllImages(cloud);
    proxy.reset();
    proxy.setRules(rules);
    const faulty = await manage('apply', proxied, ['--images', defsFile, '--timeout', timeout]);
    await proxy.settled();
    const faulted = proxy.counts.faulted;
    proxy.setRules([]);
    expect(faulted, 'the schedule injected faults').toBeGreaterThan(0);
    expect([0, 1], faulty.stdout + faulty.stderr).toContain(faulty.code);
    expect(faulty.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);

    const rerun = await manage('apply', direct, ['--images', defsFile]);
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const all = await everyImage(cloud);
    const names = all.map((i) => i.name);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    expect(
      all.filter((i) => i.status !== 'active'),
      'orphaned images',
    ).toEqual([]);
    expect(
      all.filter((i) => 'scs_images_importing' in i),
      'unfinished imports',
    ).toEqual([]);
    expect(names.sort()).toEqual(['Debian 12', 'Debian 12 (1)', 'Ubuntu 24.04', 'Ubuntu 24.04 (1)']);
    expect((await manage('plan', direct, ['--images', defsFile, '--detailed-exitcode'])).code).toBe(0);
  });
});
