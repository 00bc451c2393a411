// Shared first steps of `npm run demo` and `npm run bench` on a fresh clone: Debian packages,
// node modules (npm ci also builds through "prepare"), and a build when dist/ is missing.
// Only node built-ins here: this runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', env: process.env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function prepare() {
  if (run('bash', [path.join('scripts', 'ensure-system-deps.sh')]) !== 0) return 1;
  if (!fs.existsSync(path.join(repo, 'node_modules', '.package-lock.json'))) {
    if (run('npm', ['ci']) !== 0) return 1;
  }
  if (!fs.existsSync(path.join(repo, 'dist', 'cli', 'main.js'))) {
    if (run('npm', ['run', 'build']) !== 0) return 1;
  }
  return 0;
}

/** Run a TypeScript script of the repo with tsx (a dev dependency), passing our arguments on. */
export function runTs(script, args = []) {
  return run(path.join(repo, 'node_modules', '.bin', 'tsx'), [script, ...args]);
}
