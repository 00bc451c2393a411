// The single executable (`npm run build:exe`) on a PATH without node: its version, an offline
// check (the bundled scope, specs and release data come from its SEA assets), OIM's --check-only,
// and OSISM's invocation shape against the real local cloud: cwd holding clouds.yaml and an empty
// secure.yml, `openstack-image-manager --cloud NAME --images=DIR --dry-run`. The executable is built
// once per source state (scripts/build-exe.mjs --cached keys it by a hash of the sources and the
// lock file), so the suite rebuilds it only after a change.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminCloudsYaml } from '../harness/manager.js';
import { recordCliOutput } from '../harness/output-log.js';
import { cliEnv, runCli, type CliRun } from '../harness/run-cli.js';
import { testCloud } from '../harness/test-clouds.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const EXPORT = path.join(REPO, 'test/fixtures/glance-export/images.json');
// OIM's etc/images: shared/ lies beside the clone (CI) or at /work/shared (the workplace)
const OIM_IMAGES = [path.resolve(REPO, '../shared/data/oim-images'), '/work/shared/data/oim-images'].find((d) => existsSync(d)) as string;
const NOW = '2026-06-01T00:00:00Z';

let bin: string;

/** Runs a program of `bin` by name, with PATH = `bin` only (no node, no shell tools). */
function runExe(name: string, args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const env = { ...cliEnv(), PATH: bin };
  return new Promise((resolve, reject) => {
    const child = spawn(name, args, { env, cwd: opts.cwd ?? REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      recordCliOutput([`(${name})`, ...args], stdout, stderr);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

beforeAll(async () => {
  const t0 = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO, 'scripts/build-exe.mjs'), '--cached'], { cwd: REPO, timeout: 170_000 });
  const exe = stdout.trim();
  // a build must stay well under a minute (a cached one is instant)
  expect(Date.now() - t0).toBeLessThan(60_000);
  bin = await mkdtemp(path.join(tmpdir(), 'scs-exe-path-'));
  const target = path.join(bin, 'scs-images');
  try {
    linkSync(exe, target);
  } catch {
    copyFileSync(exe, target); // another file system: a copy
  }
  symlinkSync('scs-images', path.join(bin, 'openstack-image-manager'));
}, 180_000);

describe('the single executable', () => {
  it('runs where PATH holds only it and its openstack-image-manager symlink (no node)', async () => {
    expect(readdirSync(bin).sort()).toEqual(['openstack-image-manager', 'scs-images']);
    await expect(runExe('node', ['-e', '0'])).rejects.toMatchObject({ code: 'ENOENT' });
    const v = await runExe('scs-images', ['--version']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toBe(`${VERSION}\n`);
    expect(v.stderr).toBe('');
    const oimV = await runExe('openstack-image-manager', ['--version']);
    expect(oimV.stdout).toBe(`${VERSION}\n`);
  });

  it('check --images-file: the same report as the npm package (bundled scope, specs and release data from its assets)', async () => {
    const args = ['check', '--images-file', EXPORT, '--now', '2026-02-01T00:00:00Z', '--format', 'json'];
    const exe = await runExe('scs-images', args);
    expect(exe.code, exe.stderr).toBe(0);
    const npm = await runCli(args);
    expect(npm.code).toBe(0);
    const report = JSON.parse(exe.stdout) as { compliant: boolean };
    expect(report.compliant).toBe(true);
    expect(report).toEqual(JSON.parse(npm.stdout));
    const text = await runExe('scs-images', ['check', '--images-file', EXPORT, '--now', '2026-02-01T00:00:00Z', '--standard', 'scs-0104-v2']);
    expect(text.stdout).toMatch(/scs-0104-v2/);
  });

  it("manage --check-only, and OIM's own command name, on OIM's etc/images", async () => {
    const valid = /^12 file\(s\), 29 image definition\(s\) \(17 disabled\), 36 version\(s\): valid$/m;
    const manage = await runExe('scs-images', ['manage', '--check-only', '--images', OIM_IMAGES, '--now', NOW]);
    expect(manage.code, manage.stderr).toBe(0);
    expect(manage.stdout).toMatch(valid);
    const oim = await runExe('openstack-image-manager', ['--check-only', `--images=${OIM_IMAGES}`, '--now', NOW]);
    expect(oim.code, oim.stderr).toBe(0);
    expect(oim.stdout).toBe(manage.stdout);
    const help = await runExe('openstack-image-manager', ['--help']);
    expect(help.stdout).toMatch(/--share-image/);
  });

  it("OSISM's invocation: clouds.yaml and an empty secure.yml in the cwd, openstack-image-manager --cloud NAME --images=DIR --dry-run", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'scs-osism-task-'));
    await adminCloudsYaml(testCloud(), cwd); // cwd/clouds.yaml with the cloud local-admin
    writeFileSync(path.join(cwd, 'secure.yml'), '');
    const images = path.join(cwd, 'images');
    mkdirSync(images);
    copyFileSync(path.join(OIM_IMAGES, 'cirros.yml'), path.join(images, 'cirros.yml'));
    const r = await runExe('openstack-image-manager', ['--cloud', 'local-admin', `--images=${images}`, '--dry-run', '--now', NOW], { cwd, timeoutMs: 180_000 });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^\s*\+ create\s+Cirros 0\.6\.3/m);
    expect(r.stdout).toMatch(/Dry run: nothing was changed/);
    expect(r.stderr).not.toMatch(/time-budget/);

    // what python-osism writes is `{}` (yaml.dump({})): the same
    writeFileSync(path.join(cwd, 'secure.yml'), '{}\n');
    // OSISM's task limit: within an hour, nothing to say; over a tight budget, a warning with the
    // numbers (no network here: both Cirros versions of unknown size, assumed 1 GiB each)
    const hour = await runExe('openstack-image-manager', ['--cloud', 'local-admin', `--images=${images}`, '--dry-run', '--now', NOW, '--time-budget', '3600'], {
      cwd,
    });
    expect(hour.code, hour.stderr).toBe(0);
    expect(hour.stderr).not.toMatch(/time-budget/);
    const tight = ['--cloud', 'local-admin', `--images=${images}`, '--dry-run', '--now', NOW, '--time-budget=60'];
    const warned = await runExe('openstack-image-manager', tight, { cwd });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(
      /warning: the imports may not fit --time-budget 60 s \(1 min\): 2 import\(s\), 3 at a time \(--parallel\), sizes unknown, assumed 1\.0 GiB each; estimated 1 min/,
    );
    expect(warned.stdout).toMatch(/Dry run: nothing was changed/);
    const strict = await runExe('openstack-image-manager', [...tight, '--strict-budget'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error: the imports may not fit --time-budget \(--strict-budget\): nothing was changed/);
    expect(strict.stdout).not.toMatch(/\+ create/);
  });
});
