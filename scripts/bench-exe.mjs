#!/usr/bin/env node
// The single executable's size and start-up time against plain Node (BENCHMARKS.md, "Single
// executable"). Builds it if needed (cached), then runs each command N times in a row (default
// 20) and prints wall and CPU (user + sys) per run, as bash's `time` reports them for the loop.
//   node scripts/bench-exe.mjs [N]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] ?? 20);
const exe = execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-exe.mjs'), '--cached'], { encoding: 'utf8' }).trim();
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;

const cases = [
  ['node -e 0', `${q(process.execPath)} -e 0`],
  ['node bin/scs-images --version', `${q(process.execPath)} ${q(path.join(repo, 'bin', 'scs-images'))} --version`],
  ['single executable --version', `${q(exe)} --version`],
  ['single executable manage --help', `${q(exe)} manage --help`],
];

console.log(
  `single executable: ${exe}\nsize: ${(fs.statSync(exe).size / 1024 / 1024).toFixed(1)} MiB (node binary ${(fs.statSync(process.execPath).size / 1024 / 1024).toFixed(1)} MiB)`,
);
console.log(`${n} runs each, per run:\n`);
console.log('| command | wall ms | CPU ms (user+sys) |\n|---|---:|---:|');
for (const [label, cmd] of cases) {
  spawnSync('bash', ['-c', `${cmd} >/dev/null`]); // warm the page cache
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3R %3U %3S'; time (for i in $(seq ${n}); do ${cmd} >/dev/null; done)`], { encoding: 'utf8' });
  const [real, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  console.log(`| ${label} | ${((real * 1000) / n).toFixed(0)} | ${(((user + sys) * 1000) / n).toFixed(0)} |`);
}
