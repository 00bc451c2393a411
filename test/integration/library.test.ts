// The package as another project meets it: the README's library example, compiled against the
// built declarations and run with plain node on a real cloud, says what `scs-images check` says;
// require() fails with a message saying the package is ESM-only; the packed files carry LICENSE.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminCloudsYaml } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const REPO = path.resolve('.');
const cloud = testCloud();
let dir: string;

/** A project next to nothing: its node_modules/scs-images is this checkout (bin, dist, package.json). */
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-library-'));
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(REPO, path.join(dir, 'node_modules', 'scs-images'), 'dir');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
});

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: dir, ...env }, timeout: 150_000 });
}

/** The first ```ts block of the README's "Library" section, as it is. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library\n'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README: no ts example in the Library section');
  return code;
}

describe('the README library example', () => {
  it('compiles against the built package and reports what `check` reports, on a real cloud', async () => {
    await deleteAllImages(cloud);
    // a bare cloud fails the mandatory images; one image with its source passes one testcase
    await createImage(cloud, 'admin', {
      name: 'Ubuntu 24.04',
      visibility: 'public',
      properties: { image_source: 'https://cloud-images.ubuntu.com/noble/current/x.img' },
    });
    const yaml = (await readFile(await adminCloudsYaml(cloud, dir), 'utf8')).replace('local-admin:', 'mycloud:');
    const clouds = path.join(dir, 'clouds.yaml');
    await writeFile(clouds, yaml, { mode: 0o600 });

    await writeFile(path.join(dir, 'example.ts'), await readmeExample());
    const tsconfig = {
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noUncheckedIndexedAccess: true,
        outDir: 'out',
        types: ['node'],
        typeRoots: [path.join(REPO, 'node_modules', '@types')],
      },
      files: ['example.ts'],
    };
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = node([path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    const run = node([path.join('out', 'example.js')], { OS_CLIENT_CONFIG_FILE: clouds });
    expect(run.status, run.stderr).toBe(0);
    const cli = await runCli(['check', '--cloud', 'mycloud', '-f', 'json'], { env: { OS_CLIENT_CONFIG_FILE: clouds } });
    expect(cli.code, cli.stderr).toBe(1);
    const report = JSON.parse(cli.stdout) as { verdict: string; subjects: { testcases: { id: string; verdict: string }[] }[] };
    const notPassing = report.subjects[0]!.testcases.filter((t) => t.verdict !== 'PASS').map((t) => `${t.verdict} ${t.id}`);
    expect(notPassing.some((l) => l.startsWith('FAIL '))).toBe(true);
    expect(report.subjects[0]!.testcases.some((t) => t.verdict === 'PASS')).toBe(true);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => l.slice(0, l.indexOf(':')))).toEqual(notPassing);
    expect(lines.at(-1)).toBe(report.verdict);
  }, 300_000); // tsc over the package's types took over 60 s on a loaded 2-core host
});

describe('CommonJS', () => {
  it("require('scs-images') fails saying the package is ESM-only; import() from CommonJS works", () => {
    const req = node(['--input-type=commonjs', '-e', "require('scs-images')"]);
    expect(req.status).toBe(1);
    expect(req.stderr).toContain("scs-images is ESM-only and cannot be loaded with require(): use `import { checkCompliance } from 'scs-images'`");
    expect(req.stderr).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    const imp = node(['--input-type=commonjs', '-e', "import('scs-images').then((m) => console.log(typeof m.checkCompliance, typeof m.runCheck))"]);
    expect(imp.stdout.trim(), imp.stderr).toBe('function function');
  });
});

describe('the package', () => {
  it('carries the Apache-2.0 LICENSE (package.json says Apache-2.0) and the CommonJS stub', async () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'cjs/index.cjs', 'dist/index.js', 'package.json']));
    const license = await readFile(path.join(REPO, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')).license).toBe('Apache-2.0');
  });
});
