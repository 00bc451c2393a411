// Crash safety, systematically: an apply that imports new versions, rotates names, hides and
// deactivates old ones is killed with SIGKILL after its k-th line of output, for every k the run
// has (create, import, wait, patch, rename, hide, deactivate ...). After each kill a second apply
// must converge: no duplicate image, no orphaned queued/importing image, the image the tool does
// not manage untouched, and a plan afterwards empty. RELIABILITY.md records a run.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { connectLocalCloud } from '../harness/local-cloud.js';
import { adminCloudsYaml, everyImage, manage } from '../harness/manager.js';
import { createImage, deleteAllImages } from '../harness/seed.js';

const cloud = connectLocalCloud(inject('localCloud'));
const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));
let dir: string;
let server: ImageServer;
let clouds: string;
let before: string;
let after: string;

const version = (v: string) => ({ version: v, url: `https://cloud-images.ubuntu.com/noble/${v}/x.img`, mirror_url: `${server.url}/v${v}.qcow2` });
const defs = (versions: string[]): TestDefinition[] => [
  { name: 'Ubuntu 24.04', multi: true, os_version: '24.04', uuid_validity: 'last-2', versions: versions.map(version) },
  { name: 'Debian 12', multi: true, os_distro: 'debian', os_version: '12', uuid_validity: 'none', versions: versions.map(version) },
  { name: 'cirros', multi: false, os_distro: 'cirros', os_purpose: 'minimal', uuid_validity: 'none', versions: versions.slice(-1).map(version) },
];

/** Run apply and SIGKILL it after `k` lines of output; returns whether it was killed before finishing. */
function applyKilledAfter(k: number): Promise<{ killed: boolean; lines: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--cloud', 'local-admin', '--images', after, '--progress', 'plain', '--deactivate'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, OS_CLIENT_CONFIG_FILE: clouds },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let killed = false;
    const onData = (d: Buffer) => {
      lines += d.toString().split('\n').length - 1;
      if (!killed && lines >= k) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (_code, signal) => resolve({ killed: signal === 'SIGKILL', lines }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-crash-'));
  for (const [i, v] of ['1', '2', '3'].entries()) {
    const img = await makeDiskImage(dir, `v${v}`, { virtualMiB: 20 + i });
    expect(img.file).toContain(`v${v}.qcow2`);
  }
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
  before = await writeDefinitions(path.join(dir, 'before.yml'), defs(['1']));
  after = await writeDefinitions(path.join(dir, 'after.yml'), defs(['1', '2', '3']));
}, 60_000);

afterAll(async () => server?.close());

const results: Array<{ k: number; killed: boolean; converged: boolean }> = [];

describe('SIGKILL at every step of an apply, then a re-run converges', () => {
  // an uninterrupted run prints about 166 lines (the plan, then every step): 24 kill points spread
  // over it hit the plan, creates, imports, waits, patches, renames, hiding and deactivation
  const POINTS = Array.from({ length: 24 }, (_, i) => Math.round(((i + 1) * 160) / 25));

  it.each(POINTS)('killed after output line %i', async (k) => {
    await deleteAllImages(cloud);
    expect((await manage('apply', clouds, ['--images', before])).code).toBe(0);
    const stranger = await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', properties: { image_source: 'https://elsewhere/' } });
    const strangerBefore = (await everyImage(cloud)).find((i) => i.id === stranger.id)!;

    const { killed } = await applyKilledAfter(k);
    const rerun = await manage('apply', clouds, ['--images', after, '--deactivate']);
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);

    const all = await everyImage(cloud);
    const managed = all.filter((i) => i.tags.includes('managed_by_osism'));
    const names = managed.map((i) => i.name);
    expect(new Set(names).size, `duplicates after kill at ${k}: ${names.join(', ')}`).toBe(names.length);
    // the stranger has no data (queued) and is not ours; every image the tool made must be settled
    expect(
      all.filter((i) => i.id !== stranger.id && !['active', 'deactivated'].includes(i.status)),
      'orphaned images',
    ).toEqual([]);
    expect(
      managed.filter((i) => 'scs_images_importing' in i),
      'unfinished imports',
    ).toEqual([]);
    const strangerAfter = all.find((i) => i.id === stranger.id)!;
    expect(strangerAfter).toEqual(strangerBefore);
    expect((await manage('plan', clouds, ['--images', after, '--deactivate', '--detailed-exitcode'])).code).toBe(0);
    results.push({ k, killed, converged: true });
  });

  it('killed at least 20 different points of the run', () => {
    const killedAt = results.filter((r) => r.killed).length;
    process.stderr.write(`[crash-safety] ${results.length} runs, ${killedAt} killed mid-run, all converged\n`);
    expect(killedAt).toBeGreaterThanOrEqual(20);
  });
});
