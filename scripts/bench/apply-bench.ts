// Benchmark of `scs-images apply` against a real local Keystone + Glance (a fresh one per run):
//  1. sync of 10 definitions x 3 versions of ~20 MiB qcow2 images (web-download): wall time,
//     requests per imported version (pass-through proxies count them on the wire), peak RSS;
//  2. a run with nothing to do: requests in total and wall time;
//  3. one 1 GiB image through the streamed fallback (--no-web-download: the tool downloads and
//     stages it): staging throughput against `curl -T` of the same file to the same Glance, in the
//     same run, and peak RSS.
// Usage: npm run bench -- apply [--versions 3 --definitions 10 --mib 20 --big-mib 1024 --parallel 4]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { writeDefinitions, type TestDefinition } from '../../test/harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../../test/harness/disk-images.js';
import { startFaultProxy, type FaultProxy } from '../../test/harness/fault-proxy.js';
import { startImageServer } from '../../test/harness/image-server.js';
import { startLocalCloud, type LocalCloud } from '../../test/harness/local-cloud.js';
import { curlPut, median } from './child.js';
import { passwordAuth } from '../../test/harness/clouds-yaml.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    definitions: { type: 'string', default: '10' },
    versions: { type: 'string', default: '3' },
    mib: { type: 'string', default: '20' },
    'big-mib': { type: 'string', default: '1024' },
    parallel: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
  },
});
const DEFS = Number(values.definitions);
const VERSIONS = Number(values.versions);
const ROUNDS = Number(values.rounds);
const log = (s: string) => process.stderr.write(`[apply-bench] ${s}\n`);

interface Run {
  ms: number;
  code: number;
  rssMb: number;
  stdout: string;
  lines: { t: number; line: string }[];
}

/** The built CLI as a fresh process; stderr lines are timestamped as they arrive. */
function cli(args: string[], env: Record<string, string>, dir: string): Promise<Run> {
  const rssFile = path.join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(repo, 'scripts/bench/rss-probe.mjs')).href, 'bin/scs-images', ...args], {
      cwd: repo,
      env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), RSS_PROBE_FILE: rssFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let partial = '';
    const lines: Run['lines'] = [];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      const t = performance.now() - t0;
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push({ t, line });
    });
    child.on('error', reject);
    child.on('close', async (code) => {
      const ms = performance.now() - t0;
      resolve({ ms, code: code ?? -1, stdout, lines, rssMb: Number(await readFile(rssFile, 'utf8')) / 1e6 });
    });
  });
}

async function countingClouds(cloud: LocalCloud, dir: string): Promise<{ yaml: string; ks: FaultProxy; gl: FaultProxy }> {
  const ks = await startFaultProxy(cloud.keystoneUrl);
  const gl = await startFaultProxy(cloud.glanceUrl);
  const a = cloud.users.admin;
  const yaml = path.join(dir, 'counted.yaml');
  await writeFile(
    yaml,
    stringify({
      clouds: {
        counted: {
          auth: passwordAuth(`${ks.url}/v3`, { username: a.name, password: a.password, projectName: a.projectName }),
          region_name: cloud.region,
          image_endpoint_override: gl.url,
        },
      },
    }),
  );
  return { yaml, ks, gl };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-apply-bench-'));
  log(`making ${DEFS * VERSIONS} images of ~${values.mib} MiB and one of ${values['big-mib']} MiB in ${dir}`);
  const disks: DiskImage[] = [];
  for (let i = 0; i < DEFS * VERSIONS; i++) disks.push(await makeDiskImage(dir, `img${i}`, { dataMiB: Number(values.mib) }));
  const big = await makeDiskImage(dir, 'big', { dataMiB: Number(values['big-mib']) });
  const server = await startImageServer(dir);
  const cloud = await startLocalCloud({ verbose: false });
  const { yaml, ks, gl } = await countingClouds(cloud, dir);
  const env = { OS_CLIENT_CONFIG_FILE: yaml };
  try {
    const defs: TestDefinition[] = Array.from({ length: DEFS }, (_, d) => ({
      name: `Distro ${d}`,
      os_distro: 'debian',
      os_version: String(d),
      versions: Array.from({ length: VERSIONS }, (_, v) => {
        const disk = disks[d * VERSIONS + v] as DiskImage;
        return {
          version: `2026010${v + 1}`,
          url: `https://cloud.example.org/${d}/${v}.qcow2`,
          mirror_url: `${server.url}/${disk.name}`,
          checksum: `sha512:${disk.sha512}`,
        };
      }),
    }));
    const file = await writeDefinitions(path.join(dir, 'defs.yml'), defs);
    const args = ['apply', '--cloud', 'counted', '--images', file, '--progress', 'plain', '--parallel', values.parallel];

    const sync = await cli(args, env, dir);
    if (sync.code !== 0) throw new Error(`sync failed:\n${sync.stdout}\n${sync.lines.map((l) => l.line).join('\n')}`);
    const imported = DEFS * VERSIONS;
    const syncGlance = gl.requests.length;
    const counts: Record<string, number> = {};
    for (const r of gl.requests) counts[r.method] = (counts[r.method] ?? 0) + 1;
    const byMethod = Object.entries(counts);
    const perVersion = (syncGlance - 2) / imported; // minus the two listings
    const result1 = {
      imported,
      wallS: sync.ms / 1000,
      glanceRequests: syncGlance,
      keystoneRequests: ks.requests.length,
      perVersion,
      byMethod,
      peakRssMb: sync.rssMb,
    };
    log(`sync: ${JSON.stringify(result1)}`);

    gl.reset();
    ks.reset();
    const again = await cli(args, env, dir);
    const result2 = {
      wallS: again.ms / 1000,
      requests: gl.requests.length + ks.requests.length,
      writes: gl.requests.filter((r) => r.method !== 'GET').length,
      peakRssMb: again.rssMb,
    };
    log(`no-change: ${JSON.stringify(result2)}`);

    // 3. 1 GiB through the tool: download from the local server, hash, stage (glance-direct)
    const bigDef: TestDefinition = {
      name: 'Big',
      multi: false,
      os_distro: 'debian',
      versions: [{ version: '1', url: 'https://cloud.example.org/big.qcow2', mirror_url: `${server.url}/${big.name}`, checksum: `sha512:${big.sha512}` }],
    };
    const bigFile = await writeDefinitions(path.join(dir, 'big.yml'), [bigDef]);
    // straight to Glance, as curl: the counting proxy would carry every byte. Tool and curl take
    // turns, ROUNDS times each, and the medians are compared (other load on the host is noisy).
    const token = await cloud.tokenFor('admin');
    const glance = (method: string, p: string, body?: unknown) =>
      fetch(`${cloud.glanceUrl}${p}`, {
        method,
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const toolRates: number[] = [];
    const curlRates: number[] = [];
    const rss: number[] = [];
    let applyWallS = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const streamed = await cli(
        ['apply', '--cloud', 'local-admin', '--images', bigFile, '--progress', 'plain', '--no-web-download'],
        { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml },
        dir,
      );
      if (streamed.code !== 0) throw new Error(`1 GiB apply failed:\n${streamed.stdout}`);
      const start = streamed.lines.find((l) => l.line.includes('staging'))?.t ?? 0;
      const end = streamed.lines.find((l) => /100% of/.test(l.line))?.t ?? streamed.ms;
      toolRates.push(big.size / 2 ** 20 / ((end - start) / 1000));
      rss.push(streamed.rssMb);
      applyWallS = streamed.ms / 1000;
      const listed = (await (await glance('GET', '/v2/images?name=Big%201')).json()) as { images: { id: string }[] };
      for (const img of listed.images) await glance('DELETE', `/v2/images/${img.id}`);
      const { id } = (await (await glance('POST', '/v2/images', { name: 'curl', disk_format: 'qcow2', container_format: 'bare' })).json()) as { id: string };
      curlRates.push(big.size / 2 ** 20 / ((await curlPut(big.file, `${cloud.glanceUrl}/v2/images/${id}/stage`, token)) / 1000));
      await glance('DELETE', `/v2/images/${id}`);
    }
    const med = median;
    const result3 = {
      sizeMiB: big.size / 2 ** 20,
      rounds: ROUNDS,
      toolStageMiBs: med(toolRates),
      curlStageMiBs: med(curlRates),
      ratio: med(toolRates) / med(curlRates),
      toolRates,
      curlRates,
      applyWallS,
      peakRssMb: Math.max(...rss),
    };
    log(`1 GiB streamed: ${JSON.stringify(result3)}`);
    process.stdout.write(`${JSON.stringify({ sync: result1, noChange: result2, streamed: result3 }, null, 2)}\n`);
  } finally {
    await ks.close();
    await gl.close();
    await server.close();
    await cloud.stop({ purge: true });
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
