#!/usr/bin/env node
// `npm run demo`: the main job on a real local cloud, for a newcomer (see README).
import { prepare, runTs } from './lib/prepare.mjs';

const code = prepare();
process.exit(code === 0 ? runTs('scripts/demo.ts', process.argv.slice(2)) : code);
