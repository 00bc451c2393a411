#!/usr/bin/env node
// `npm run bench`: benchmarks against a real local Keystone + Glance (figures in BENCHMARKS.md).
import { prepare, runTs } from './lib/prepare.mjs';

const code = prepare();
process.exit(code === 0 ? runTs('scripts/bench/check-bench.ts', process.argv.slice(2)) : code);
