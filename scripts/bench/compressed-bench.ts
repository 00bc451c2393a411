// Benchmark of a compressed import (issue 26): one `.qcow2.xz` of about --mib MiB decompressed
// (a realistic mix: a third random, the rest compressible) through `scs-images apply` into the
// local Glance (the tool downloads it from a loopback server, runs `xz -dc`, hashes both sides
// with sha256 + sha512, inspects and stages it), against the shell pipeline
// `xz -dc FILE | curl -T - <Glance's stage URL>` on the same file and Glance, taking turns,
// --rounds times each; the medians are compared. Also the tool's peak RSS.
// Usage: npm run bench -- compressed [--mib 512 --rounds 3]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDefinitions } from '../../test/harness/definitions-yaml.js';
import { startImageServer } from '../../test/harness/image-server.js';
import { startLocalCloud } from '../../test/harness/local-cloud.js';
import { median, repo, runChild } from './child.js';

const { values } = parseArgs({ options: { mib: { type: 'string', default: '512' }, rounds: { type: 'string', default: '3' } } });
const MIB = Number(values.mib);
const ROUNDS = Number(values.rounds);
const log = (s: string) => process.stderr.write(`[compressed-bench] ${s}\n`);

/** The built CLI with the RSS probe; stderr lines timestamped as they arrive. */
function cli(
  args: string[],
  env: Record<string, string>,
  dir: string,
): Promise<{ ms: number; code: number; rssMb: number; cpuS: number; lines: { t: number; line: string }[] }> {
  const rssFile = path.join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(repo, 'scripts/bench/rss-probe.mjs')).href, 'bin/scs-images', ...args], {
      cwd: repo,
      env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), RSS_PROBE_FILE: rssFile, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let partial = '';
    const lines: { t: number; line: string }[] = [];
    child.stderr.on('data', (d: Buffer) => {
      const t = performance.now() - t0;
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push({ t, line });
    });
    child.on('error', reject);
    child.on('close', async (code) => {
      resolve({
        ms: performance.now() - t0,
        code: code ?? -1,
        lines,
        rssMb: Number(await readFile(rssFile, 'utf8')) / 1e6,
        cpuS: Number(await readFile(`${rssFile}.cpu`, 'utf8')),
      });
    });
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-compressed-bench-'));
  log(`making a ~${MIB} MiB qcow2 (a third random) and its .xz in ${dir}`);
  const raw = path.join(dir, 'mix.raw');
  const text = Buffer.from('GNU/Linux cloud image, a line of text that repeats with small changes 0123456789\n'.repeat(9000)).subarray(0, 768 * 1024);
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < MIB; i++) yield Buffer.concat([randomBytes(256 * 1024), text]);
      })(),
    ),
    createWriteStream(raw),
  );
  await runChild('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, path.join(dir, 'mix.qcow2')]);
  await rm(raw);
  const qcow2 = path.join(dir, 'mix.qcow2');
  const xz = `${qcow2}.xz`;
  await runChild('sh', ['-c', `xz -T2 -3 -kc ${qcow2} > ${xz}`]);
  const contentBytes = (await stat(qcow2)).size;
  const packedBytes = (await stat(xz)).size;
  const sha256 = (await runChild('sha256sum', [qcow2])).stdout.split(' ')[0] as string;
  await rm(qcow2); // only the .xz is upstream
  log(`content ${(contentBytes / 2 ** 20).toFixed(0)} MiB, xz ${(packedBytes / 2 ** 20).toFixed(0)} MiB`);
  const server = await startImageServer(dir);
  const cloud = await startLocalCloud({ verbose: false });
  try {
    const file = await writeDefinitions(path.join(dir, 'xz.yml'), [
      {
        name: 'Packed',
        multi: false,
        os_distro: 'debian',
        versions: [{ version: '1', url: `${server.url}/mix.qcow2.xz`, checksum: `sha256:${sha256}` }],
      },
    ]);
    const token = await cloud.tokenFor('admin');
    const glance = (method: string, p: string, body?: unknown) =>
      fetch(`${cloud.glanceUrl}${p}`, {
        method,
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const toolRates: number[] = [];
    const shellRates: number[] = [];
    const rss: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = await cli(['apply', '--cloud', 'local-admin', '--images', file, '--progress', 'plain'], { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml }, dir);
      if (r.code !== 0) throw new Error(`apply failed:\n${r.lines.map((l) => l.line).join('\n')}`);
      const start = r.lines.find((l) => l.line.includes('staging'))?.t ?? 0;
      const end = r.lines.find((l) => /100% of|status /.test(l.line) && l.t > start)?.t ?? r.ms;
      toolRates.push(contentBytes / 2 ** 20 / ((end - start) / 1000));
      rss.push(r.rssMb);
      cpu.push(r.cpuS);
      const listed = (await (await glance('GET', '/v2/images?name=Packed%201')).json()) as { images: { id: string }[] };
      for (const img of listed.images) await glance('DELETE', `/v2/images/${img.id}`);

      const { id } = (await (await glance('POST', '/v2/images', { name: 'shell', disk_format: 'qcow2', container_format: 'bare' })).json()) as { id: string };
      const shell = await runChild('sh', [
        '-c',
        `xz -dc ${xz} | curl -sS -o /dev/null -w '%{http_code}' -T - -H 'X-Auth-Token: ${token}' -H 'Content-Type: application/octet-stream' ${cloud.glanceUrl}/v2/images/${id}/stage`,
      ]);
      if (shell.stdout.trim() !== '204') throw new Error(`xz | curl -> ${shell.stdout} ${shell.stderr}`);
      shellRates.push(contentBytes / 2 ** 20 / (shell.ms / 1000));
      await glance('DELETE', `/v2/images/${id}`);
      log(
        `round ${round + 1}: tool ${toolRates.at(-1)?.toFixed(1)} MiB/s, xz | curl ${shellRates.at(-1)?.toFixed(1)} MiB/s, peak RSS ${r.rssMb.toFixed(0)} MB`,
      );
    }
    const result = {
      contentMiB: contentBytes / 2 ** 20,
      xzMiB: packedBytes / 2 ** 20,
      rounds: ROUNDS,
      toolMiBs: median(toolRates),
      xzCurlMiBs: median(shellRates),
      ratio: median(toolRates) / median(shellRates),
      toolRates,
      shellRates,
      toolCpuS: median(cpu),
      peakRssMb: Math.max(...rss),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    await cloud.stop({ purge: true });
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
