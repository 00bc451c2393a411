#!/usr/bin/env node
// `npm run build:exe`: the CLI as one self-contained executable (Node's single executable
// applications), which needs no Node.js on the target: src/ is bundled into one CommonJS file
// (esbuild), turned into a SEA blob with the shipped files (data/**, the package's name and
// version) as assets, and the blob is injected into a copy of the running node binary (postject).
//
//   node scripts/build-exe.mjs                 -> dist-exe/scs-images (and dist-exe/openstack-image-manager, a symlink)
//   node scripts/build-exe.mjs --out DIR       -> DIR/scs-images
//   node scripts/build-exe.mjs --cached        -> .tmp/exe/<hash>/scs-images, built only when the hash of the
//                                                 sources, data/, package*.json, this script and node's version
//                                                 is new (the integration test uses this); prints the path
//
// The executable runs on Linux with the same C library (glibc, libstdc++) as the node it was made from.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const NAME = 'scs-images';
const OIM_NAME = 'openstack-image-manager';
// the sentinel Node's SEA support looks for in its binary (documented with `node --experimental-sea-config`)
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const args = process.argv.slice(2);
const cached = args.includes('--cached');
const outArg = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const quiet = cached;
const say = (line) => {
  if (!quiet) console.error(`[build:exe] ${line}`);
};

/** Every file under `dir` (relative to the repo), sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(path.join(repo, d), { withFileTypes: true })) {
      const rel = path.posix.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.isFile()) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/** What the executable is made of: a change to any of these makes a new one. */
function sourceHash() {
  const h = createHash('sha256');
  h.update(`${process.version} ${process.arch} ${process.platform}\n`);
  const files = [
    ...filesUnder('src').filter((f) => !/\.test\.ts$|\.test-util\.ts$/.test(f)),
    ...filesUnder('data'),
    'package.json',
    'package-lock.json',
    'scripts/build-exe.mjs',
  ];
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(repo, f)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

async function build(outDir) {
  const t0 = Date.now();
  const work = `${outDir}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

  // 1. one CommonJS file: SEA runs a single script, which may require() only Node's own modules
  const esbuild = require('esbuild');
  const bundle = path.join(work, `${NAME}.cjs`);
  await esbuild.build({
    stdin: {
      contents: "import { main } from './src/cli/main.ts';\nmain(process.argv).then((code) => { process.exitCode = code; });\n",
      resolveDir: repo,
      sourcefile: 'single-executable-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outfile: bundle,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    // import.meta.url is only read outside the executable (src/inputs/package-files.ts)
    logOverride: { 'empty-import-meta': 'silent' },
  });

  // 2. the blob: the bundle (with V8's code cache, for start-up) and the shipped files as assets
  const assetsDir = path.join(work, 'assets');
  fs.mkdirSync(assetsDir);
  const manifest = path.join(assetsDir, 'package.json');
  fs.writeFileSync(manifest, `${JSON.stringify({ name: pkg.name, version: pkg.version })}\n`);
  const assets = { 'package.json': manifest };
  for (const f of filesUnder('data')) assets[f] = path.join(repo, f);
  const blob = path.join(work, 'sea-prep.blob');
  const config = path.join(work, 'sea-config.json');
  fs.writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, assets }, null, 2));
  const sea = spawnSync(process.execPath, ['--experimental-sea-config', config], { cwd: work, encoding: 'utf8' });
  if (sea.status !== 0) throw new Error(`node --experimental-sea-config failed:\n${sea.stderr}${sea.stdout}`);

  // 3. a copy of this node binary with the blob injected
  const exe = path.join(work, NAME);
  fs.copyFileSync(process.execPath, exe);
  fs.chmodSync(exe, 0o755);
  // postject's own CLI, in a child: its ELF parser prints harmless "Can't find string offset" warnings
  const postject = path.join(path.dirname(require.resolve('postject')), 'cli.js');
  const inj = spawnSync(process.execPath, [postject, exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], { encoding: 'utf8' });
  if (inj.status !== 0) throw new Error(`postject failed:\n${inj.stdout}${inj.stderr}`);

  // 4. it must start and know its version before it replaces anything
  const v = spawnSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
  if (v.status !== 0 || v.stdout.trim() !== pkg.version) throw new Error(`the executable does not start: exit ${v.status}\n${v.stderr}${v.stdout}`);

  for (const f of [bundle, blob, config]) fs.rmSync(f);
  fs.rmSync(assetsDir, { recursive: true });
  fs.symlinkSync(NAME, path.join(work, OIM_NAME));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(work, outDir);
  const size = fs.statSync(path.join(outDir, NAME)).size;
  say(
    `${path.relative(repo, path.join(outDir, NAME))}: ${pkg.name} ${pkg.version}, ${(size / 1024 / 1024).toFixed(1)} MiB, node ${process.version}, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return path.join(outDir, NAME);
}

if (cached) {
  const root = path.join(repo, '.tmp', 'exe');
  const key = sourceHash();
  const dir = path.join(root, key);
  if (!fs.existsSync(path.join(dir, NAME))) {
    // older builds are ~100 MiB each: keep only the one for the sources of now
    if (fs.existsSync(root)) for (const e of fs.readdirSync(root)) if (e !== key) fs.rmSync(path.join(root, e), { recursive: true, force: true });
    await build(dir);
  }
  console.log(path.join(dir, NAME));
} else {
  await build(path.resolve(repo, outArg ?? 'dist-exe'));
}
