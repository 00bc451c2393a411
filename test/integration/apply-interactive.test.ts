// `apply` as a Terraform user expects it, against the real local Keystone +
// Glance: on a terminal it asks before changing anything (a pseudo-terminal here), without one it
// never asks; results name image, version and id in the order they ended, never a plan key;
// `--format json` gives CI one document; Ctrl-C during an import exits 130 and leaves no
// half-made image unmarked, and the next run finishes the job.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyJson } from '../../src/reporters/apply-json.js';
import type { ValidateJson } from '../../src/reporters/validate-json.js';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import type { GlanceImage } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage } from '../harness/manager.js';
import { pollUntil } from '../harness/poll.js';
import { runCliInPty } from '../harness/pty.js';
import { cliEnv, runCli } from '../harness/run-cli.js';
import { recordCliOutput } from '../harness/output-log.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));
const PROMPT = "Only 'yes' goes ahead";
let dir: string;
let server: ImageServer;
let clouds: string;
let file: string;
const disk: Record<string, DiskImage> = {};

const def = (versions: string[]): TestDefinition => ({
  name: 'Ubuntu 24.04',
  os_version: '24.04',
  versions: versions.map((v) => ({
    version: v,
    url: `https://cloud-images.ubuntu.com/noble/${v}/noble-server-cloudimg-amd64.img`,
    mirror_url: `${server.url}/${v}.qcow2`,
    checksum: `sha512:${disk[v]!.sha512}`,
  })),
});
const images = async (): Promise<GlanceImage[]> => (await everyImage(cloud)).filter((i) => !i.tags.includes('scs-images-lease'));
/** Half-made images a run left without the marker, or marked ones that are not private: there must be none. */
const unmarkedHalfMade = (all: GlanceImage[]) =>
  all.filter((i) => ('scs_images_importing' in i ? i.visibility !== 'private' : i.status !== 'active' && i.status !== 'deactivated'));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-apply-tty-'));
  disk['20261101'] = await makeDiskImage(dir, '20261101', { virtualMiB: 70 });
  disk['20261204'] = await makeDiskImage(dir, '20261204', { dataMiB: 3 });
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
  file = await writeDefinitions(path.join(dir, 'ubuntu.yml'), [def(['20261101'])]);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await deleteAllImages(cloud);
});

const env = () => ({ OS_CLIENT_CONFIG_FILE: clouds });
const applyArgs = (...more: string[]) => ['apply', '--cloud', 'local-admin', '--images', file, '--progress', 'plain', '--no-color', ...more];

describe('confirmation on a terminal', () => {
  it("shows the plan and asks; anything but 'yes' cancels with nothing changed (exit 1)", async () => {
    const r = await runCliInPty(applyArgs(), { env: env(), prompt: PROMPT, answer: 'y\r' });
    expect(r.output).toContain('+ create     Ubuntu 24.04 (version 20261101)');
    expect(r.output).toContain(`Make these changes to cloud local-admin (project ${cloud.projectIds.admin})? Only 'yes' goes ahead, anything else cancels:`);
    expect(r.output).toContain('Apply cancelled: nothing was changed');
    expect(r.code).toBe(1);
    expect(await everyImage(cloud)).toEqual([]); // not even the lease is left
  });

  it("'yes' applies; --auto-approve and --yes skip the question", async () => {
    const yes = await runCliInPty(applyArgs(), { env: env(), prompt: PROMPT, answer: 'yes\r' });
    expect(yes.code, yes.output).toBe(0);
    expect((await images()).map((i) => [i.name, i.visibility])).toEqual([['Ubuntu 24.04', 'public']]);
    await deleteAllImages(cloud);
    for (const flag of ['--auto-approve', '--yes']) {
      const r = await runCliInPty(applyArgs(flag), { env: env(), prompt: '', answer: '' });
      expect(r.code, r.output).toBe(0);
      expect(r.output).not.toContain(PROMPT);
      await deleteAllImages(cloud);
    }
  });

  it('Ctrl-C at the question ends with exit 130 and nothing changed', async () => {
    const r = await runCliInPty(applyArgs(), { env: env(), prompt: PROMPT, answer: '\x03' });
    expect(r.code).toBe(130);
    expect(r.output).toContain('nothing was changed');
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('--format json on a terminal cannot ask: a usage error (exit 2) unless --auto-approve', async () => {
    const r = await runCliInPty(applyArgs('--format', 'json'), { env: env(), prompt: '', answer: '' });
    expect(r.code).toBe(2);
    expect(r.output).toContain('--format json cannot ask for confirmation on a terminal: add --auto-approve, or apply a plan file');
    expect(await everyImage(cloud)).toEqual([]);
  });
});

describe('without a terminal', () => {
  it('never asks; results name image, version and id in the order they ended, never a plan key', async () => {
    expect((await manage('apply', clouds, ['--images', file])).code).toBe(0);
    const next = await writeDefinitions(path.join(dir, 'two.yml'), [def(['20261101', '20261204'])]);
    const r = await manage('apply', clouds, ['--images', next, '--no-color']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain(PROMPT);
    const byName = new Map((await images()).map((i) => [i.name, i.id]));
    const results = r.stdout.slice(r.stdout.indexOf('Results, in the order they ended:')).split('\n');
    // the old image leaves the bare name (and is hidden) before the new one takes it: the order they ended in
    expect(results.slice(1, 3)).toEqual([
      expect.stringMatching(new RegExp(`^  done +hide +Ubuntu 24\\.04 \\(version 20261101\\) \\[${byName.get('Ubuntu 24.04 (20261101)')}\\]: hidden$`)),
      expect.stringMatching(new RegExp(`^  done +create +Ubuntu 24\\.04 \\(version 20261204\\) \\[${byName.get('Ubuntu 24.04')}\\]: web-download, sha512 `)),
    ]);
    expect(r.stdout).toContain('once Ubuntu 24.04 (version 20261204) is imported'); // the plan's "requires", by name
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/(import|update|delete):[A-Za-z0-9]/);
  });

  it('--format json: one document on stdout for CI, the plan and progress on stderr', async () => {
    const r = await manage('apply', clouds, ['--images', file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ApplyJson;
    const id = (await images())[0]!.id;
    expect(doc).toMatchObject({
      formatVersion: '1.0',
      command: 'apply',
      status: 'applied',
      cloud: { name: 'local-admin', projectId: cloud.projectIds.admin },
      tag: 'managed_by_osism',
      planned: [{ action: 'create', name: 'Ubuntu 24.04', definition: 'Ubuntu 24.04', version: '20261101' }],
      results: [{ action: 'create', name: 'Ubuntu 24.04', version: '20261101', imageId: id, outcome: 'done' }],
      summary: { done: 1, failed: 0, skipped: 0, interrupted: 0 },
    });
    expect(doc.requests!.requests).toBeGreaterThan(3);
    expect(r.stderr).toContain('Plan: 1 to create.');
    const again = JSON.parse((await manage('apply', clouds, ['--images', file, '--format', 'json'])).stdout) as ApplyJson;
    expect(again).toMatchObject({ status: 'no-changes', planned: [] });
    // a run that stops with an error still gives a document (and says why on stderr)
    const down = await runCli(['apply', '--cloud', 'nowhere', '--images', file, '--format', 'json'], { env: { OS_CLIENT_CONFIG_FILE: clouds } });
    expect(down.code).toBe(2);
    expect(JSON.parse(down.stdout)).toMatchObject({ command: 'apply', status: 'error', error: expect.stringContaining('nowhere') });
    expect(down.stderr).toContain('nowhere');
    // two clouds are a fleet: one document with an entry per cloud, the failed one says why
    const fleet = await manage('apply', clouds, ['--images', file, '--format', 'json', '--cloud', 'nowhere']);
    expect(fleet.code).toBe(2);
    expect(JSON.parse(fleet.stdout)).toMatchObject({
      exitCode: 2,
      fleet: [
        { cloud: 'local-admin', exitCode: 0, document: { command: 'apply', status: 'no-changes' } },
        { cloud: 'nowhere', exitCode: 2, outcome: 'bad input', errors: [expect.stringContaining('Cloud "nowhere" was not found')] },
      ],
    });
  });
});

describe('validate --format json', () => {
  it('valid definitions: the counts; invalid ones: every error with its place (exit 2), stdout stays one document', async () => {
    const ok = await runCli(['validate', '--images', file, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ formatVersion: '1.0', command: 'validate', valid: true, files: [file], images: 1, versions: 1, errors: [] });
    const bad = path.join(dir, 'bad.yml');
    await writeFile(bad, 'images:\n  - name: Broken\n    enable: true\n    format: qcow3\n');
    const r = await runCli(['validate', '--images', bad, '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as ValidateJson;
    expect(doc.valid).toBe(false);
    expect(doc.errors).toContainEqual({ file: bad, line: 4, column: 13, field: 'images[0].format', message: expect.stringContaining("'qcow3' is not one of") });
    expect(r.stderr).toContain('bad.yml:4:13 (images[0].format)');
  });
});

describe('Ctrl-C during an import', () => {
  it('exits 130, leaves nothing unmarked or visible half-made, and the next run finishes the import', async () => {
    const slow = await writeDefinitions(path.join(dir, 'slow.yml'), [def(['20261204'])]);
    server.set('/20261204.qcow2', { bytesPerSecond: 256 * 1024 }); // ~12 s for Glance to fetch it
    const child = spawn(process.execPath, [BIN, 'apply', '--cloud', 'local-admin', '--images', slow, '--progress', 'plain'], {
      env: cliEnv({ OS_CLIENT_CONFIG_FILE: clouds }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let code: number | null;
    const started = Date.now();
    try {
      await pollUntil(async () => ((await images()).some((i) => i.status === 'importing') ? true : undefined), {
        timeoutMs: 60_000,
        what: 'an import under way',
      });
      child.kill('SIGINT');
      code = await exited;
    } finally {
      child.kill('SIGKILL');
      server.set('/20261204.qcow2', undefined);
    }
    recordCliOutput(['apply (SIGINT)'], stdout, stderr);
    expect(code, stdout + stderr).toBe(130);
    expect(Date.now() - started).toBeLessThan(30_000); // it did not wait for the download to end
    expect(stderr).toContain('interrupted; finishing the current requests');
    expect(stdout).toMatch(
      / {2}interrupted +create +Ubuntu 24\.04 \(version 20261204\): interrupted while Glance imports it: \S+ stays private with the import marker/,
    );
    expect(stdout).toContain('Apply interrupted: 0 done, 0 failed, 0 skipped, 1 interrupted');
    const left = await everyImage(cloud);
    expect(left.filter((i) => i.tags.includes('scs-images-lease'))).toEqual([]); // the lease was given back
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ visibility: 'private', scs_images_importing: '20261204' });
    expect(unmarkedHalfMade(left)).toEqual([]);

    const rerun = await manage('apply', clouds, ['--images', slow]);
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/\+ resume\s+Ubuntu 24\.04 \(version 20261204\)/);
    const end = await images();
    expect(end.map((i) => [i.id, i.name, i.status, i.visibility])).toEqual([[left[0]!.id, 'Ubuntu 24.04', 'active', 'public']]);
    expect(end[0]).not.toHaveProperty('scs_images_importing');
  }, 120_000);
});
