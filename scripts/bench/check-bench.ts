// Benchmark of `scs-images check` against a real local Glance with 1,000 and 10,000 images.
// Wall time is compared with a floor measured in the same run (plain paging with a pre-issued
// token), both as fresh node processes; requests are counted by a pass-through proxy; peak RSS
// comes from the process itself. Usage: npm run bench [-- --sizes 1000,10000 --rounds 5]
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startFaultProxy } from '../../test/harness/fault-proxy.js';
import { startLocalCloud, type LocalCloud } from '../../test/harness/local-cloud.js';
import { createImages } from '../../test/harness/seed.js';
import { median, runChild, runProbedNode, SCS_UBUNTU_PROPERTIES } from './child.js';
import { passwordAuth } from '../../test/harness/clouds-yaml.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,10000' }, rounds: { type: 'string', default: '5' }, latency: { type: 'string', default: '200' } },
});
const sizes = values.sizes.split(',').map(Number);
const rounds = Number(values.rounds);

const opts = (env: Record<string, string>) => ({ env, inheritStderr: true, okCodes: [0, 1] });
const runNode = (args: string[], env: Record<string, string>) => runChild(process.execPath, args, opts(env));
const runProbed = (args: string[], env: Record<string, string>, probeFile: string) => runProbedNode(args, probeFile, opts(env));

async function measure(cloud: LocalCloud, dir: string, expected: number) {
  const token = await cloud.tokenFor('demo');
  const floorEnv = { GLANCE_URL: cloud.glanceUrl, TOKEN: token };
  const checkEnv = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
  const checkArgs = [
    'bin/scs-images',
    'check',
    '--cloud',
    'local-demo',
    '--spec',
    'scs-0104-v1-images-v5',
    '--format',
    'json',
    '-o',
    path.join(dir, 'report.json'),
  ];
  const scopeArgs = ['bin/scs-images', 'check', '--cloud', 'local-demo', '--now', '2026-11-28', '--format', 'json', '-o', path.join(dir, 'scope.json')];
  const floor: number[] = [];
  const check: number[] = [];
  const scope: number[] = [];
  const rss: number[] = [];
  const scopeRss: number[] = [];
  let floorRequests = 0;
  await runNode(['scripts/bench/floor.mjs'], floorEnv); // warm Glance's caches once for both
  for (let i = 0; i < rounds; i++) {
    const f = await runNode(['scripts/bench/floor.mjs'], floorEnv);
    const parsed = JSON.parse(f.stdout) as { images: number; requests: number };
    if (parsed.images !== expected) throw new Error(`floor saw ${parsed.images} images, expected ${expected}`);
    floorRequests = parsed.requests;
    floor.push(f.ms);
    const c = await runProbed(checkArgs, checkEnv, path.join(dir, 'rss'));
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { subjects: Array<{ images: { listed: number } }> };
    if (report.subjects[0]!.images.listed !== expected) throw new Error(`check listed ${report.subjects[0]!.images.listed} images, expected ${expected}`);
    check.push(c.ms);
    rss.push(c.rssBytes);
    const sc = await runProbed(scopeArgs, checkEnv, path.join(dir, 'rss'));
    scope.push(sc.ms);
    scopeRss.push(sc.rssBytes);
  }
  // requests, counted on the wire by pass-through proxies in front of Keystone and Glance
  const ks = await startFaultProxy(cloud.keystoneUrl);
  const gl = await startFaultProxy(cloud.glanceUrl);
  const demo = cloud.users.demo;
  const counted = path.join(dir, 'counted.yaml');
  await writeFile(
    counted,
    stringify({
      clouds: {
        counted: {
          auth: passwordAuth(`${ks.url}/v3`, { username: demo.name, password: demo.password, projectName: demo.projectName }),
          region_name: cloud.region,
          image_endpoint_override: gl.url,
        },
      },
    }),
  );
  await runNode(['bin/scs-images', 'check', '--cloud', 'counted', '--format', 'json', '-o', path.join(dir, 'report.json')], { OS_CLIENT_CONFIG_FILE: counted });
  const tokenRequests = ks.requests.filter((r) => r.method === 'POST').length;
  const listRequests = gl.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/images')).length;
  await ks.close();
  await gl.close();
  const clouds = await multiCloud(cloud, dir, Number(values.latency));
  return {
    floorMs: median(floor),
    checkMs: median(check),
    ratio: median(check) / median(floor),
    scopeMs: median(scope),
    scopeRatio: median(scope) / median(check),
    ...clouds,
    peakRssMb: Math.max(...rss) / 1e6,
    scopePeakRssMb: Math.max(...scopeRss) / 1e6,
    floorRequests,
    tokenRequests,
    listRequests,
    keystoneRequests: ks.requests.length,
    glanceRequests: gl.requests.length,
  };
}

/**
 * Several clouds at once. Every cloud here is the same local Glance, which is CPU-bound in one
 * process, so three listings at once cannot be faster than three in a row on the server side.
 * Real clouds are remote: each sits behind a pass-through proxy that adds `latencyMs` per request
 * (a WAN round trip), and the figure is 3 clouds checked together against 1 alone.
 */
async function multiCloud(cloud: LocalCloud, dir: string, latencyMs: number) {
  const demo = cloud.users.demo;
  const auth = passwordAuth(cloud.authUrl, { username: demo.name, password: demo.password, projectName: demo.projectName });
  const proxies = await Promise.all([1, 2, 3].map(() => startFaultProxy(cloud.glanceUrl, { rules: [{ action: { kind: 'delay', ms: latencyMs } }] })));
  const file = path.join(dir, 'multi.yaml');
  const clouds = Object.fromEntries(proxies.map((p, i) => [`remote${i + 1}`, { auth, region_name: cloud.region, image_endpoint_override: p.url }]));
  await writeFile(file, stringify({ clouds }));
  const args = (names: string[]) => [
    'bin/scs-images',
    'check',
    ...names.flatMap((n) => ['--cloud', n]),
    '--spec',
    'scs-0104-v1-images-v5',
    '--format',
    'json',
    '-o',
    path.join(dir, 'multi.json'),
  ];
  const one: number[] = [];
  const three: number[] = [];
  for (let i = 0; i < rounds; i++) {
    one.push((await runNode(args(['remote1']), { OS_CLIENT_CONFIG_FILE: file })).ms);
    three.push((await runNode(args(['remote1', 'remote2', 'remote3']), { OS_CLIENT_CONFIG_FILE: file })).ms);
  }
  await Promise.all(proxies.map((p) => p.close()));
  return { oneCloudMs: median(one), threeCloudsMs: median(three), cloudsRatio: median(three) / median(one) };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-bench-'));
const cloud = await startLocalCloud({ dir: path.join(dir, 'cloud'), verbose: false });
const results: Array<Record<string, number>> = [];
try {
  let seeded = 0;
  for (const size of sizes) {
    const t0 = performance.now();
    await createImages(cloud, 'admin', size - seeded, (i) => ({
      name: `bench-${seeded + i}`,
      visibility: 'public',
      properties: SCS_UBUNTU_PROPERTIES,
    }));
    process.stderr.write(`seeded ${size - seeded} images in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    seeded = size;
    const r = await measure(cloud, dir, size);
    results.push({ images: size, ...r });
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }
} finally {
  await cloud.stop({ purge: true });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nscs-images check benchmark (${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, median of ${rounds} rounds)\n`,
);
console.log(
  '| images | floor (ms) | check scs-0104 (ms) | ratio to floor | peak RSS (MB) | full scope v5.1 (ms) | ratio to scs-0104 | peak RSS scope (MB) | token requests | list requests (check / floor) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r['images']} | ${r['floorMs']!.toFixed(0)} | ${r['checkMs']!.toFixed(0)} | ${r['ratio']!.toFixed(2)} | ${r['peakRssMb']!.toFixed(0)} | ${r['scopeMs']!.toFixed(0)} | ${r['scopeRatio']!.toFixed(2)} | ${r['scopePeakRssMb']!.toFixed(0)} | ${r['tokenRequests']} | ${r['listRequests']} / ${r['floorRequests']} |`,
  );
}
console.log(`\nSeveral clouds (each behind a proxy adding ${values.latency} ms per request, like a remote cloud):\n`);
console.log('| images per cloud | 1 cloud (ms) | 3 clouds together (ms) | ratio |');
console.log('|---:|---:|---:|---:|');
for (const r of results)
  console.log(`| ${r['images']} | ${r['oneCloudMs']!.toFixed(0)} | ${r['threeCloudsMs']!.toFixed(0)} | ${r['cloudsRatio']!.toFixed(2)} |`);
