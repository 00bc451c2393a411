// The partitioned listing against the serial floor: a local Glance with `workers = 2` (two API
// processes, as a deployment behind a load balancer has several), 10,000 images written into its
// database (test/harness/seed-db.ts), and in the same run, alternating: the floor (one plain
// pager, scripts/bench/floor.mjs), the check (default: two created_at ranges at once) and the
// check with --list-streams 1. Usage: npm run bench -- partition [--images 10000 --rounds 5]
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../../test/harness/local-cloud.js';
import { dbTime, seedImagesInDb } from '../../test/harness/seed-db.js';
import { median, runProbedNode, SCS_UBUNTU_PROPERTIES } from './child.js';

const { values } = parseArgs({
  options: { images: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' }, workers: { type: 'string', default: '2' } },
});
const images = Number(values.images);
const rounds = Number(values.rounds);

const runNode = (args: string[], env: Record<string, string>, probeFile: string) =>
  runProbedNode(args, probeFile, { env, inheritStderr: true, okCodes: [0, 1] });

const PROPS = SCS_UBUNTU_PROPERTIES;

const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-bench-partition-'));
const cloud = await startLocalCloud({ dir: path.join(dir, 'cloud'), verbose: false, glanceWorkers: Number(values.workers) });
try {
  // one image every 3 s over about eight hours, two of every five at the same microsecond
  const t0 = Date.UTC(2026, 10, 1) * 1000;
  await seedImagesInDb(
    cloud,
    'admin',
    Array.from({ length: images }, (_, i) => ({
      name: `bench-${i}`,
      visibility: 'public' as const,
      properties: PROPS,
      createdAt: dbTime(t0 + Math.floor(i / 5) * 15_000_000 + (i % 5 < 2 ? 0 : (i % 5) * 1000)),
    })),
  );
  const token = await cloud.tokenFor('demo');
  const floorEnv = { GLANCE_URL: cloud.glanceUrl, TOKEN: token };
  const checkEnv = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
  const report = (name: string) => path.join(dir, `${name}.json`);
  const check = (name: string, extra: string[]) => [
    'bin/scs-images',
    'check',
    '--cloud',
    'local-demo',
    '--spec',
    'scs-0104-v1-images-v5',
    ...extra,
    '--format',
    'json',
    '-o',
    report(name),
  ];
  const verdicts = async (name: string) => {
    const r = JSON.parse(await readFile(report(name), 'utf8')) as {
      subjects: Array<{ images: { listed: number }; testcases: Array<{ id: string; verdict: string }> }>;
    };
    if (r.subjects[0]!.images.listed !== images) throw new Error(`${name} listed ${r.subjects[0]!.images.listed} images, expected ${images}`);
    return JSON.stringify(r.subjects[0]!.testcases.map((t) => [t.id, t.verdict]));
  };
  const floor: number[] = [];
  const parted: number[] = [];
  const serial: number[] = [];
  const rss: number[] = [];
  const cpu: { floor: number[]; parted: number[] } = { floor: [], parted: [] };
  let sameVerdicts = true;
  await runNode(['scripts/bench/floor.mjs'], floorEnv, path.join(dir, 'rss')); // warm both Glance workers' caches
  await runNode(['scripts/bench/floor.mjs'], floorEnv, path.join(dir, 'rss'));
  for (let i = 0; i < rounds; i++) {
    const f = await runNode(['scripts/bench/floor.mjs'], floorEnv, path.join(dir, 'rss'));
    if ((JSON.parse(f.stdout) as { images: number }).images !== images) throw new Error('the floor missed images');
    floor.push(f.ms);
    cpu.floor.push(f.cpuSeconds);
    const p = await runNode(check('parted', []), checkEnv, path.join(dir, 'rss'));
    parted.push(p.ms);
    rss.push(p.rssBytes);
    cpu.parted.push(p.cpuSeconds);
    const s = await runNode(check('serial', ['--list-streams', '1']), checkEnv, path.join(dir, 'rss'));
    serial.push(s.ms);
    sameVerdicts &&= (await verdicts('parted')) === (await verdicts('serial'));
    process.stderr.write(`round ${i + 1}: floor ${f.ms.toFixed(0)} ms, check ${p.ms.toFixed(0)} ms, check --list-streams 1 ${s.ms.toFixed(0)} ms\n`);
  }
  const model = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\npartitioned listing (${os.cpus().length} cores x ${model}, Glance workers = ${values.workers}, ${images} images, median of ${rounds} rounds, load average ${os.loadavg()[0]!.toFixed(1)})\n`,
  );
  console.log('| images | serial floor (ms) | check, 2 ranges (ms) | ratio to floor | check --list-streams 1 (ms) | ratio | peak RSS (MB) | same verdicts |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---|');
  console.log(
    `| ${images} | ${median(floor).toFixed(0)} | ${median(parted).toFixed(0)} | ${(median(parted) / median(floor)).toFixed(2)} | ${median(serial).toFixed(0)} | ${(median(serial) / median(floor)).toFixed(2)} | ${(Math.max(...rss) / 1e6).toFixed(0)} | ${sameVerdicts ? 'yes' : 'NO'} |`,
  );
  // the client's own CPU shares the cores with the Glance workers: on a small host it bounds the gain
  console.log(`\nclient CPU (user + system, median): floor ${median(cpu.floor).toFixed(2)} s, check ${median(cpu.parted).toFixed(2)} s`);
} finally {
  await cloud.stop({ purge: true });
}
