// Crash safety, systematically (RELIABILITY.md): an apply that imports new versions, rotates names,
// hides, deactivates or deletes old ones is killed with SIGKILL at points spread over the steps it
// reports (create, import, wait, publish, rename, hide, deactivate/delete), and once before the
// first step. After each kill:
//   - nothing the finished run keeps is gone, and nothing the tool does not manage changed;
//   - one re-run converges to exactly the state of one uninterrupted run (same images, names,
//     versions, statuses; so exactly the images that should be deleted are gone), with no
//     duplicate, no orphaned queued/importing image, no unfinished import, and an empty plan after.
// Two files use it, so the two modes run side by side on two clouds: crash-safety.test.ts
// (--deactivate) and crash-safety-delete.test.ts (--delete --yes-i-really-know-what-i-do).
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from './definitions-yaml.js';
import { makeDiskImage } from './disk-images.js';
import type { GlanceImage } from './glance-rest.js';
import { startImageServer, type ImageServer } from './image-server.js';
import { adminCloudsYaml, everyImage, manage, TAG } from './manager.js';
import { createImage, deleteAllImages } from './seed.js';
import { testCloud } from './test-clouds.js';
import { cliEnv } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));
const IMPORT_MARKER = 'scs_images_importing';

export interface CrashMode {
  /** Shown in the test names. */
  label: string;
  /** What the apply under test is told besides --images. */
  flags: string[];
}

/** An image as far as the end state is concerned (ids differ between runs). */
const shape = (i: GlanceImage): string =>
  `${i.name} | v${String(i['internal_version'] ?? '')} | ${i.status} | ${i.visibility} | hidden ${String(i['os_hidden'] ?? false)} | ${String(i['os_purpose'] ?? '')}`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Which version of which definition an image holds (names change with rotation, ids between runs). */
const versionKey = (i: GlanceImage): string => `${String(i['os_distro'] ?? '')}:${String(i['internal_version'] ?? '')}`;

/** Run apply; SIGKILL it once the plan is printed (k = 0) or after its k-th progress line. */
function applyKilledAt(k: number, args: string[], env: NodeJS.ProcessEnv): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--cloud', 'local-admin', '--progress', 'plain', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let progress = 0;
    let out = '';
    let sent = false;
    const kill = (): void => {
      if (sent) return;
      sent = true;
      child.kill('SIGKILL');
    };
    // the plan goes to stdout before the first change; every step reports on stderr
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (k === 0 && /^Plan: /m.test(out)) kill();
    });
    child.stderr.on('data', (d: Buffer) => {
      progress += d.toString().split('\n').length - 1;
      if (k > 0 && progress >= k) kill();
    });
    child.on('close', (_code, signal) => resolve({ killed: signal === 'SIGKILL' }));
  });
}

export function crashScenario(mode: CrashMode): void {
  const cloud = testCloud();
  let dir: string;
  let server: ImageServer;
  let clouds: string;
  let before: string;
  let after: string;
  let env: NodeJS.ProcessEnv;
  /** The end state of one uninterrupted run, and which versions it keeps. */
  let reference: { shapes: string[]; versions: Set<string>; progressLines: number };

  const version = (v: string) => ({ version: v, url: `https://cloud-images.ubuntu.com/noble/${v}/x.img`, mirror_url: `${server.url}/v${v}.qcow2` });
  const defs = (versions: string[]): TestDefinition[] => [
    { name: 'Ubuntu 24.04', multi: true, os_version: '24.04', uuid_validity: 'last-2', versions: versions.map(version) },
    { name: 'Debian 12', multi: true, os_distro: 'debian', os_version: '12', uuid_validity: 'none', versions: versions.map(version) },
    { name: 'cirros', multi: false, os_distro: 'cirros', os_purpose: 'minimal', uuid_validity: 'none', versions: versions.slice(-1).map(version) },
  ];
  const applyArgs = (): string[] => ['--images', after, ...mode.flags];

  /** The start state: version 1 applied, and a public image of someone else with a managed name. */
  async function reset(): Promise<{ start: GlanceImage[]; stranger: GlanceImage }> {
    await deleteAllImages(cloud);
    const first = await manage('apply', clouds, ['--images', before]);
    expect(first.code, first.stderr).toBe(0);
    const created = await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', properties: { image_source: 'https://elsewhere/' } });
    const start = await everyImage(cloud);
    return { start, stranger: start.find((i) => i.id === created.id)! };
  }

  const managedShapes = (all: GlanceImage[]): string[] =>
    all
      .filter((i) => i.tags.includes(TAG))
      .map(shape)
      .sort();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scs-crash-'));
    for (const [i, v] of ['1', '2', '3'].entries()) {
      const img = await makeDiskImage(dir, `v${v}`, { virtualMiB: 20 + i });
      expect(img.file).toContain(`v${v}.qcow2`);
    }
    server = await startImageServer(dir);
    clouds = await adminCloudsYaml(cloud, dir);
    env = cliEnv({ HOME: dir, OS_CLIENT_CONFIG_FILE: clouds });
    before = await writeDefinitions(path.join(dir, 'before.yml'), defs(['1']));
    after = await writeDefinitions(path.join(dir, 'after.yml'), defs(['1', '2', '3']));
    // the reference: one uninterrupted run from the same start
    await reset();
    const run = await manage('apply', clouds, applyArgs());
    expect(run.code, run.stderr).toBe(0);
    const end = (await everyImage(cloud)).filter((i) => i.tags.includes(TAG));
    reference = { shapes: managedShapes(end), versions: new Set(end.map(versionKey)), progressLines: run.stderr.split('\n').length - 1 };
  }, 120_000);

  afterAll(async () => server?.close());

  const results: Array<{ k: number; killed: boolean }> = [];

  describe(`SIGKILL at every phase of an apply ${mode.label}, then a re-run converges`, () => {
    // where to kill, as a share of the progress lines of an uninterrupted run (about 30 to 40: three
    // imports at a time, each create, web-download, status, verified; then hide/rename, deactivate
    // or delete); 0 = once the plan is printed, before any change
    // (the count varies a little with timing: a poll may or may not see 'importing', so the last
    // point stays clear of the end)
    const POINTS = [0, 0.1, 0.35, 0.6, 0.8];
    const lineOf = (share: number): number => (share === 0 ? 0 : Math.max(1, Math.round(share * reference.progressLines)));

    it('the uninterrupted run rotates versions and cleans up as the flags say', () => {
      expect(reference.progressLines).toBeGreaterThan(20);
      expect(reference.shapes.filter((s) => s.startsWith('Ubuntu 24.04 | v3 | active'))).toHaveLength(1);
      const cirros1 = reference.shapes.filter((s) => s.startsWith('cirros 1 |'));
      if (mode.flags.includes('--delete')) expect(cirros1).toEqual([]);
      else expect(cirros1).toEqual([expect.stringContaining('| deactivated |')]);
    });

    it.each(POINTS)('killed at %d of its steps', async (share) => {
      const k = lineOf(share);
      const { start, stranger } = await reset();
      const { killed } = await applyKilledAt(k, applyArgs(), env);

      // what the kill left: the stranger untouched, and nothing gone that the finished run keeps
      const left = await everyImage(cloud);
      expect(left.find((i) => i.id === stranger.id)).toEqual(stranger);
      const kept = new Set(reference.shapes.map((s) => s.split(' | ').slice(0, 2).join(' | ')));
      const goneTooEarly = start.filter(
        (i) => i.tags.includes(TAG) && !left.some((l) => l.id === i.id) && kept.has(shape(i).split(' | ').slice(0, 2).join(' | ')),
      );
      expect(goneTooEarly.map(shape), `deleted by the killed run although kept (k=${k})`).toEqual([]);

      const rerun = await manage('apply', clouds, applyArgs());
      expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
      const all = await everyImage(cloud);
      const managed = all.filter((i) => i.tags.includes(TAG));
      const isLease = (i: GlanceImage): boolean => i.tags.includes('scs-images-lease');
      expect(
        all.filter((i) => i.id !== stranger.id && !isLease(i) && !['active', 'deactivated'].includes(i.status)),
        'orphaned images',
      ).toEqual([]);
      // a re-run with changes takes over the killed run's lease and gives its own back; one with
      // nothing to do takes none, so the killed run's may stay (it blocks no run: its process is gone)
      const leases = all.filter(isLease);
      const rerunChanged = !/Nothing to do/.test(rerun.stdout);
      expect(leases.length, `leases after the re-run (k=${k})`).toBe(rerunChanged ? 0 : leases.length);
      for (const l of leases) expect(alive(Number(l['scs_images_lease_pid'])), `the lease of a live process is left (k=${k})`).toBe(false);
      expect(
        managed.filter((i) => IMPORT_MARKER in i),
        'unfinished imports',
      ).toEqual([]);
      expect(managedShapes(all), `end state after a kill at ${k}`).toEqual(reference.shapes);
      expect(all.find((i) => i.id === stranger.id)).toEqual(stranger);
      expect((await manage('plan', clouds, [...applyArgs(), '--detailed-exitcode'])).code).toBe(0);
      results.push({ k, killed });
    });

    it('every kill point stopped the run before it finished', () => {
      const killedAt = results.filter((r) => r.killed).length;
      process.stderr.write(`[crash-safety ${mode.label}] ${results.length} runs, ${killedAt} killed mid-run, all converged\n`);
      expect(killedAt).toBe(POINTS.length);
    });
  });
}
