#!/usr/bin/env node
// `npm run bench`: benchmarks against a real local Keystone + Glance (figures in BENCHMARKS.md).
//   npm run bench                 the check benchmark (scripts/bench/check-bench.ts)
//   npm run bench -- apply [...]  the image manager's apply (scripts/bench/apply-bench.ts)
//   npm run bench -- check [...]  the check benchmark, explicitly
//   npm run bench -- partition    the partitioned listing against the serial floor, Glance workers = 2 (scripts/bench/partition-bench.ts)
//   npm run bench -- fleet        N clouds (separate Keystone + Glance) against one (scripts/bench/fleet-bench.ts)
//   npm run bench -- audit [...]  audit --deep read-back and the metadata-only audit (scripts/bench/audit-bench.ts)
//   npm run bench -- mirror [...] mirror into Swift against curl + swift upload (scripts/bench/mirror-bench.ts)
//   npm run bench -- compressed   an .xz import against `xz -dc | curl -T -` (scripts/bench/compressed-bench.ts)
import { prepare, runTs } from './lib/prepare.mjs';

const BENCHES = {
  check: 'scripts/bench/check-bench.ts',
  apply: 'scripts/bench/apply-bench.ts',
  audit: 'scripts/bench/audit-bench.ts',
  mirror: 'scripts/bench/mirror-bench.ts',
  compressed: 'scripts/bench/compressed-bench.ts',
  partition: 'scripts/bench/partition-bench.ts',
  fleet: 'scripts/bench/fleet-bench.ts',
};
const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && Object.hasOwn(BENCHES, first);
const script = BENCHES[named ? first : 'check'];
const args = named ? rest : process.argv.slice(2);

const code = prepare();
process.exit(code === 0 ? runTs(script, args) : code);
