// `scs-images init` as a user runs it: the built CLI writes definitions for a bundled spec, the
// files validate (with `validate` and the loader), existing files are refused unless --force,
// --dry-run writes nothing. No cloud is needed; applying them is the ensure test's job.
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/inputs/load-definitions.js';
import { runCli } from '../harness/run-cli.js';

let root: string;
let n = 0;
const freshDir = () => path.join(root, `out-${++n}`);

async function cli(args: string[]) {
  const run = await runCli(args, { cwd: root });
  expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at .*:\d+:\d+/);
  return run;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'scs-init-'));
});

describe('init --spec scs-0104-v1-images-v5 --out DIR', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    dir = freshDir();
    first = await cli(['init', '--spec', 'scs-0104-v1-images-v5', '--out', dir, '--date', '2026-11-28']);
  });

  it('writes one file per family and says which entries they cover', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['capi.yml', 'debian.yml', 'ubuntu.yml']);
    expect(first.stdout).toContain(`validated ${dir}: 3 file(s), 3 image definition(s), 3 version(s): valid`);
    expect(first.stdout).toMatch(/covered:\n\s+mandatory\s+Ubuntu 24\.04 .*\n\s+by Ubuntu 24\.04/);
    expect(first.stdout).toMatch(/recommended\s+Debian 12 .*\n\s+by Debian 12/);
    expect(first.stdout).toMatch(/recommended\s+ubuntu-capi-image \(name_scheme ubuntu-capi-image-v.*\n\s+by ubuntu-capi-image-v\d+\.\d+\.\d+/);
    // optional entries are listed as left out, which does not fail the command
    expect(first.stdout).toMatch(/not covered:\n\s+optional\s+Ubuntu 22\.04 .*\n\s+optional entry \(--all/);
  });

  it('the files validate: `scs-images validate` and the loader', async () => {
    const run = await cli(['validate', '--images', dir, '--now', '2026-05-01T00:00:00Z']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const set = await loadDefinitions(dir);
    expect(set.images.map((d) => d.name)).toEqual(['ubuntu-capi-image', 'Debian 12', 'Ubuntu 24.04']);
    expect(set.warnings).toEqual([]);
  });

  it("Debian 12's provided_until is the end of Debian LTS (2028-06-30), not of regular support (2026-06-10)", async () => {
    expect(first.stderr).not.toMatch(/provided_until .* has passed|end of support/);
    expect(await readFile(path.join(dir, 'debian.yml'), 'utf8')).toMatch(/provided_until: 2028-06-30/);
    const run = await cli(['validate', '--images', dir, '--now', '2026-11-28T12:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/provided_until/);
  });

  it('refuses to overwrite without --force and leaves the files as they were', async () => {
    const file = path.join(dir, 'ubuntu.yml');
    await writeFile(file, `# edited by hand\n${await readFile(file, 'utf8')}`);
    const before = await readFile(file, 'utf8');
    const run = await cli(['init', '--spec', 'scs-0104-v1-images-v5', '--out', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: exists; not overwritten (use --force to replace it)`);
    expect(run.stderr).toContain(`${path.join(dir, 'capi.yml')}: exists`);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('--force replaces them', async () => {
    const run = await cli(['init', '--spec', 'scs-0104-v1-images-v5', '--out', dir, '--force', '--capi-version', 'v1.34.3', '--capi-version', 'v1.35.5']);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'ubuntu.yml'), 'utf8')).not.toContain('# edited by hand');
    const capi = await readFile(path.join(dir, 'capi.yml'), 'utf8');
    expect(capi).toContain('ubuntu-2404-kube-v1.34/ubuntu-2404-kube-v1.34.3.qcow2');
    expect(run.stdout).toMatch(/by ubuntu-capi-image-v1\.34\.3, ubuntu-capi-image-v1\.35\.5/);
  });
});

describe('more ways to run it', () => {
  it('--dry-run prints the files and writes nothing', async () => {
    const dir = freshDir();
    const run = await cli(['init', '--spec', 'scs-0104-v1-images', '--out', dir, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`# ==> ${path.join(dir, 'capi.yml')} <==`);
    expect(run.stdout).toContain("separator: ' '");
    expect(run.stderr).toMatch(/dry run: nothing written/);
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it("--standard scs-0104-v2 --all --base-url: the draft's distros for the date, downloads from the mirror", async () => {
    const dir = freshDir();
    const run = await cli([
      'init',
      '--standard',
      'scs-0104-v2',
      '--date',
      '2026-11-28',
      '--all',
      '--out',
      dir,
      '--base-url',
      'debian=http://127.0.0.1:8080/debian',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/mandatory\s+Ubuntu 26\.04 .*latest Ubuntu LTS/);
    const debian = await readFile(path.join(dir, 'debian.yml'), 'utf8');
    expect(debian).toContain('name: Debian 13');
    expect(debian).toContain('mirror_url: http://127.0.0.1:8080/debian/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2');
    expect(debian).toContain('url: https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2');
    expect((await loadDefinitions(dir)).images).toHaveLength(5);
  });

  it('an entry init cannot write: the others are written, exit 1 names it', async () => {
    const dir = freshDir();
    const spec = path.join(root, 'fedora.yaml');
    await writeFile(
      spec,
      'images:\n- name: "Fedora 40"\n  source: https://download.fedoraproject.org/\n  status: mandatory\n- name: "Debian 13"\n  source: https://cloud.debian.org/images/cloud/trixie/\n  status: mandatory\n',
    );
    const run = await cli(['init', '--spec', spec, '--out', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/not covered:\n\s+mandatory\s+Fedora 40 .*\n\s+init writes Ubuntu, Debian and SCS CAPI images only/);
    expect(run.stderr).toContain('not covered');
    expect(await readdir(dir)).toEqual(['debian.yml']);
  });

  it('bad options: exit 2 naming the option', async () => {
    const run = await cli(['init', '--spec', 'scs-0104-v1-images-v5', '--out', freshDir(), '--base-url', 'fedora=http://x/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: --base-url: 'fedora=http:\/\/x\/': expected FAMILY=URL/);
  });
});
