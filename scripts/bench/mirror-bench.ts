// Benchmark of `scs-images mirror` against a real local Keystone + Swift (fresh ones per run):
// the tool mirrors N versions (download from a local upstream server, hash, upload to Swift, large
// ones as segments + SLO manifest) against the plain baseline of the same files in the same run:
// `curl` each file to disk, then `swift upload --use-slo` it (python3-swiftclient). Tool and
// baseline take turns, ROUNDS times each, into fresh containers; medians are compared. Peak RSS of
// the tool comes from scripts/bench/rss-probe.mjs.
// Usage: npm run bench -- mirror [--versions 23 --mib 20 --segment-mib 8 --rounds 3 --parallel 1]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDefinitions, type TestDefinition } from '../../test/harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../../test/harness/disk-images.js';
import { startImageServer } from '../../test/harness/image-server.js';
import { startLocalCloud } from '../../test/harness/local-cloud.js';
import { startLocalSwift } from '../../test/harness/local-swift.js';
import { median } from './child.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    versions: { type: 'string', default: '23' },
    mib: { type: 'string', default: '20' },
    'segment-mib': { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    parallel: { type: 'string', default: '1' },
  },
});
const N = Number(values.versions);
const ROUNDS = Number(values.rounds);
const SEGMENT = Number(values['segment-mib']) * 2 ** 20;
const log = (s: string) => process.stderr.write(`[mirror-bench] ${s}\n`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-mirror-bench-'));
  log(`making ${N} images of ~${values.mib} MiB in ${dir}`);
  const disks: DiskImage[] = [];
  for (let i = 0; i < N; i++) disks.push(await makeDiskImage(dir, `img${i}`, { dataMiB: Number(values.mib) }));
  const totalMiB = disks.reduce((n, d) => n + d.size, 0) / 2 ** 20;
  const server = await startImageServer(dir);
  const cloud = await startLocalCloud({ verbose: false });
  const swift = await startLocalSwift(cloud);
  const account = swift.accountUrl(cloud.projectIds.admin);
  try {
    const toolS: number[] = [];
    const baseS: number[] = [];
    const rss: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const container = `bench-tool-${round}`;
      const defs: TestDefinition[] = disks.map((d, i) => ({
        name: `Distro ${i}`,
        os_distro: 'debian',
        versions: [
          { version: '1', url: `${server.url}/${d.name}`, mirror_url: `${account}/${container}/distro${i}/${d.name}`, checksum: `sha512:${d.sha512}` },
        ],
      }));
      const file = await writeDefinitions(path.join(dir, `defs-${round}.yml`), defs);
      const rssFile = path.join(dir, 'rss');
      const t0 = performance.now();
      const tool = await run(
        process.execPath,
        [
          '--import',
          pathToFileURL(path.join(repo, 'scripts/bench/rss-probe.mjs')).href,
          'bin/scs-images',
          'mirror',
          '--cloud',
          'local-admin',
          '--images',
          file,
          '--container',
          container,
          '--segment-size',
          String(SEGMENT),
          '--parallel',
          values.parallel,
        ],
        { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml, RSS_PROBE_FILE: rssFile },
      );
      toolS.push((performance.now() - t0) / 1000);
      if (tool.code !== 0) throw new Error(`mirror failed:\n${tool.out}`);
      rss.push(Number(await readFile(rssFile, 'utf8')) / 1e6);

      // baseline: the same files, curl to disk and swift upload, one after the other
      const token = await cloud.tokenFor('admin');
      const env = { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), OS_AUTH_TOKEN: token, OS_STORAGE_URL: account };
      const t1 = performance.now();
      for (const [i, d] of disks.entries()) {
        const tmp = path.join(dir, 'download.qcow2');
        const c = await run('curl', ['-sSf', '-o', tmp, `${server.url}/${d.name}`], env);
        if (c.code !== 0) throw new Error(`curl: ${c.out}`);
        const u = await run(
          'swift',
          ['upload', '--use-slo', '--segment-size', String(SEGMENT), '--object-name', `distro${i}/${d.name}`, `bench-base-${round}`, tmp],
          env,
        );
        if (u.code !== 0) throw new Error(`swift upload: ${u.out}`);
      }
      baseS.push((performance.now() - t1) / 1000);
      log(
        `round ${round + 1}: tool ${toolS.at(-1)!.toFixed(2)} s, curl + swift upload ${baseS.at(-1)!.toFixed(2)} s, tool peak RSS ${rss.at(-1)!.toFixed(0)} MB`,
      );
    }
    const med = median;
    const result = {
      versions: N,
      totalMiB: Math.round(totalMiB),
      segmentMiB: SEGMENT / 2 ** 20,
      parallel: Number(values.parallel),
      rounds: ROUNDS,
      toolS: med(toolS),
      baselineS: med(baseS),
      ratio: med(toolS) / med(baseS),
      toolMiBs: totalMiB / med(toolS),
      baselineMiBs: totalMiB / med(baseS),
      toolRuns: toolS,
      baselineRuns: baseS,
      peakRssMb: Math.max(...rss),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    await swift.stop();
    await cloud.stop({ purge: true });
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
