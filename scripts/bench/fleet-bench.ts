// Several clouds at once, each its own Keystone + Glance (separate processes, as separate clouds
// are): `check` of one cloud against `check` of all N together, alternating, same run. The
// machine's core count is printed next to the ratio: here every Glance, every Keystone and the
// tool share the same cores, so a ratio above 1 is the CPU shared, not the tool serialising.
// Usage: npm run bench -- fleet [--clouds 3 --images 2000 --rounds 3]
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startLocalCloud, type LocalCloud } from '../../test/harness/local-cloud.js';
import { dbTime, seedImagesInDb } from '../../test/harness/seed-db.js';
import { median, runChild } from './child.js';
import { passwordAuth } from '../../test/harness/clouds-yaml.js';

const { values } = parseArgs({
  options: { clouds: { type: 'string', default: '3' }, images: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' } },
});
const n = Number(values.clouds);
const images = Number(values.images);
const rounds = Number(values.rounds);

const timed = async (args: string[], env: Record<string, string>): Promise<number> =>
  (await runChild(process.execPath, args, { env, inheritStderr: true, okCodes: [0, 1] })).ms;

const dir = await mkdtemp(path.join(os.tmpdir(), 'scs-bench-fleet-'));
const clouds: LocalCloud[] = [];
try {
  for (let i = 0; i < n; i++) clouds.push(await startLocalCloud({ dir: path.join(dir, `cloud${i + 1}`), verbose: false }));
  const t0 = Date.UTC(2026, 10, 1) * 1000;
  for (const c of clouds)
    await seedImagesInDb(
      c,
      'admin',
      Array.from({ length: images }, (_, i) => ({ name: `bench-${i}`, createdAt: dbTime(t0 + i * 3_000_000) })),
    );
  const entries = Object.fromEntries(
    clouds.map((c, i) => [
      `c${i + 1}`,
      {
        auth: passwordAuth(c.authUrl, { username: 'demo', password: c.users.demo.password, projectName: 'demo' }),
        region_name: c.region,
      },
    ]),
  );
  const file = path.join(dir, 'clouds.yaml');
  await writeFile(file, stringify({ clouds: entries }), { mode: 0o600 });
  const env = { OS_CLIENT_CONFIG_FILE: file };
  const check = (names: string[]) => [
    'bin/scs-images',
    'check',
    ...names.flatMap((x) => ['--cloud', x]),
    '--concurrency',
    String(n),
    '--spec',
    'scs-0104-v1-images-v5',
    '--format',
    'json',
    '-o',
    path.join(dir, 'r.json'),
  ];
  const all = clouds.map((_, i) => `c${i + 1}`);
  await timed(check(all), env); // warm every Glance once
  const one: number[] = [];
  const many: number[] = [];
  for (let r = 0; r < rounds; r++) {
    one.push(await timed(check(['c1']), env));
    many.push(await timed(check(all), env));
    process.stderr.write(`round ${r + 1}: 1 cloud ${one.at(-1)!.toFixed(0)} ms, ${n} clouds ${many.at(-1)!.toFixed(0)} ms\n`);
  }
  console.log(
    `\nseveral clouds (${os.cpus().length} cores x ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${n} separate Keystone + Glance, ${images} images each, median of ${rounds} rounds, load average ${os.loadavg()[0]!.toFixed(1)})\n`,
  );
  console.log(`| cores | clouds | images per cloud | 1 cloud (ms) | ${n} clouds together (ms) | ratio ${n}:1 |`);
  console.log('|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${os.cpus().length} | ${n} | ${images} | ${median(one).toFixed(0)} | ${median(many).toFixed(0)} | ${(median(many) / median(one)).toFixed(2)} |`,
  );
} finally {
  for (const c of clouds) await c.stop({ purge: true });
}
