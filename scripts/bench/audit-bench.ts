// Benchmark of `scs-images audit` against a real local Keystone + Glance (a fresh one per run):
//  1. --deep read-back of one image (default 512 MiB, sha256 manifest as Ubuntu publishes it):
//     throughput against a plain streamed `curl GET /v2/images/{id}/file` of the same image, the
//     two taking turns ROUNDS times in the same run (medians compared), and the audit's peak RSS;
//  2. metadata-only audit of N images (default 1,000) whose image_source names 5 manifests:
//     Glance requests (listing pages) and upstream requests (one per distinct manifest).
// Usage: npm run bench -- audit [--mib 512 --images 1000 --rounds 3]
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startFaultProxy } from '../../test/harness/fault-proxy.js';
import { startImageServer } from '../../test/harness/image-server.js';
import { startLocalCloud } from '../../test/harness/local-cloud.js';
import { curlPut, median, runChild, runProbedNode } from './child.js';
import { passwordAuth } from '../../test/harness/clouds-yaml.js';

const { values } = parseArgs({
  options: { mib: { type: 'string', default: '512' }, images: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } },
});
const MIB = Number(values.mib);
const IMAGES = Number(values.images);
const ROUNDS = Number(values.rounds);
// argv: url, token; prints the milliseconds from request to digest
const NODE_GET_SHA256 = `
const { request } = require('undici');
const h = require('node:crypto').createHash('sha256');
const t = performance.now();
request(process.argv[1], { headers: { 'X-Auth-Token': process.argv[2] }, highWaterMark: 1 << 20 }).then(async (res) => {
  for await (const c of res.body) h.update(c);
  h.digest('hex');
  process.stdout.write(String(performance.now() - t));
});`;
const log = (s: string) => process.stderr.write(`[audit-bench] ${s}\n`);

const run = (cmd: string, args: string[], env: Record<string, string> = {}) => runChild(cmd, args, { env });

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-audit-bench-'));
  const cloud = await startLocalCloud({ verbose: false });
  const upstreamDir = path.join(dir, 'up');
  try {
    // one image of MIB random MiB, written and hashed chunk by chunk
    const file = path.join(dir, 'disk.img');
    const sha256 = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on('error', reject);
      let left = MIB;
      const write = (): void => {
        while (left > 0) {
          const chunk = randomBytes(2 ** 20);
          sha256.update(chunk);
          left--;
          if (!out.write(chunk)) return void out.once('drain', write);
        }
        out.end(resolve);
      };
      write();
    });
    await mkdir(path.join(upstreamDir, 'ubuntu/noble/20261120'), { recursive: true });
    await writeFile(path.join(upstreamDir, 'ubuntu/noble/20261120/SHA256SUMS'), `${sha256.digest('hex')} *noble-server-cloudimg-amd64.img\n`);
    for (let m = 0; m < 5; m++) {
      await mkdir(path.join(upstreamDir, `images/cloud/trixie/2026112${m}-1`), { recursive: true });
      await writeFile(
        path.join(upstreamDir, `images/cloud/trixie/2026112${m}-1/SHA512SUMS`),
        `${'a'.repeat(128)}  debian-13-generic-amd64-2026112${m}-1.qcow2\n`,
      );
    }
    const upstream = await startImageServer(upstreamDir);
    const token = await cloud.tokenFor('admin');
    const glance = async (method: string, p: string, body?: unknown) =>
      fetch(`${cloud.glanceUrl}${p}`, {
        method,
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const { id } = (await (
      await glance('POST', '/v2/images', {
        name: 'Ubuntu 24.04',
        visibility: 'public',
        disk_format: 'raw',
        container_format: 'bare',
        os_distro: 'ubuntu',
        image_source: 'https://cloud-images.ubuntu.com/noble/20261120/noble-server-cloudimg-amd64.img',
      })
    ).json()) as { id: string };
    await curlPut(file, `${cloud.glanceUrl}/v2/images/${id}/file`, token);

    const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
    const probeFile = path.join(dir, 'rss');
    const auditArgs = ['bin/scs-images', 'audit', '--cloud', 'local-admin', '--deep', '--format', 'json', '--base-url', `ubuntu=${upstream.url}/ubuntu`];
    const toolRates: number[] = [];
    const wholeRates: number[] = [];
    const hashRates: number[] = [];
    const curlRates: number[] = [];
    const nodeHashRates: number[] = [];
    const rss: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const tool = await runProbedNode(auditArgs, probeFile, { env });
      const report = JSON.parse(tool.stdout) as { audit: { bytesRead: number }; subjects: { testcases: { verdict: string }[] }[] };
      if (report.subjects[0]?.testcases[0]?.verdict !== 'PASS' || report.audit.bytesRead !== MIB * 2 ** 20)
        throw new Error(`audit did not verify the image:\n${tool.stdout}\n${tool.stderr}`);
      // the read-back itself (its own line on stderr); the whole run, with start and listing, apart
      const line = /read back .* in ([\d.]+) s/.exec(tool.stderr);
      toolRates.push(MIB / Number(line?.[1] ?? tool.ms / 1000));
      wholeRates.push(MIB / (tool.ms / 1000));
      rss.push(tool.rssBytes / 1e6);
      const curl = await run('curl', ['-sS', '-o', '/dev/null', '-H', `X-Auth-Token: ${token}`, `${cloud.glanceUrl}/v2/images/${id}/file`]);
      curlRates.push(MIB / (curl.ms / 1000));
      const hashed = await run('sh', ['-c', `curl -sS -H "X-Auth-Token: ${token}" ${cloud.glanceUrl}/v2/images/${id}/file | sha256sum >/dev/null`]);
      hashRates.push(MIB / (hashed.ms / 1000));
      // the least Node can do for the same work: one undici GET, chunks into sha256, in a fresh process
      const nodeHash = await run(process.execPath, ['-e', NODE_GET_SHA256, `${cloud.glanceUrl}/v2/images/${id}/file`, token]);
      nodeHashRates.push(MIB / (Number(nodeHash.stdout) / 1000));
    }
    const med = median;
    const deep = {
      sizeMiB: MIB,
      rounds: ROUNDS,
      readBackMiBs: med(toolRates),
      curlGetMiBs: med(curlRates),
      ratio: med(toolRates) / med(curlRates),
      curlSha256sumMiBs: med(hashRates),
      ratioToCurlSha256sum: med(toolRates) / med(hashRates),
      nodeGetSha256MiBs: med(nodeHashRates),
      ratioToNodeGetSha256: med(toolRates) / med(nodeHashRates),
      wholeRunMiBs: med(wholeRates),
      toolRates,
      curlRates,
      peakRssMb: Math.max(...rss),
    };
    log(`--deep: ${JSON.stringify(deep)}`);

    // 2. metadata only: IMAGES images over 5 manifests, requests counted on the wire
    await glance('DELETE', `/v2/images/${id}`);
    const created = Array.from({ length: IMAGES }, (_, i) => i);
    for (let i = 0; i < created.length; i += 8) {
      await Promise.all(
        created.slice(i, i + 8).map((n) =>
          glance('POST', '/v2/images', {
            name: `Debian 13 ${n}`,
            visibility: 'public',
            disk_format: 'raw',
            container_format: 'bare',
            os_distro: 'debian',
            image_source: `https://cloud.debian.org/images/cloud/trixie/2026112${n % 5}-1/debian-13-generic-amd64-2026112${n % 5}-1.qcow2`,
          }),
        ),
      );
    }
    const gl = await startFaultProxy(cloud.glanceUrl);
    const a = cloud.users.admin;
    const yaml = path.join(dir, 'counted.yaml');
    await writeFile(
      yaml,
      stringify({
        clouds: {
          counted: {
            auth: passwordAuth(`${cloud.keystoneUrl}/v3`, { username: a.name, password: a.password, projectName: a.projectName }),
            region_name: cloud.region,
            image_endpoint_override: gl.url,
          },
        },
      }),
    );
    upstream.requests.length = 0;
    const meta = await run(process.execPath, ['bin/scs-images', 'audit', '--cloud', 'counted', '--format', 'json', '--base-url', `debian=${upstream.url}`], {
      OS_CLIENT_CONFIG_FILE: yaml,
    });
    const metaReport = JSON.parse(meta.stdout) as { audit: { manifestFetches: number }; subjects: { images: { considered: number } }[] };
    const metadata = {
      images: metaReport.subjects[0]?.images.considered,
      glanceRequests: gl.requests.length,
      listingPages: Math.ceil(IMAGES / 1000) + (IMAGES % 1000 === 0 ? 1 : 0),
      upstreamRequests: upstream.requests.length,
      distinctManifests: 5,
      wallS: meta.ms / 1000,
    };
    log(`metadata-only: ${JSON.stringify(metadata)}`);
    process.stdout.write(`${JSON.stringify({ deep, metadata }, null, 2)}\n`);
    await gl.close();
    await upstream.close();
  } finally {
    await cloud.stop({ purge: true });
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
