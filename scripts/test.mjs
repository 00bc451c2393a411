#!/usr/bin/env node
// `npm test`: system packages -> build -> all vitest projects (unit + integration).
// Works without a TTY and with CI=true; extra args go to vitest (`npm test -- --project unit`).
// Prints one plain closing line "tests: N passed, N failed[, N skipped]" and exits with vitest's code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(repo, '.tmp', 'vitest-results.json');

function run(cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', env: process.env });
  if (r.error) throw r.error;
  const code = r.status ?? (r.signal ? 128 : 1);
  console.error(`[test] ${cmd} ${args.join(' ')} -> exit ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

let code = run('bash', [path.join('scripts', 'ensure-system-deps.sh')]);
// right after cloning there are no node modules yet: `npm ci` installs them and builds (prepare)
if (code === 0 && !fs.existsSync(path.join(repo, 'node_modules', '.package-lock.json'))) code = run('npm', ['ci']);
if (code === 0) code = run('npm', ['run', 'build']);
if (code === 0) {
  fs.mkdirSync(path.dirname(results), { recursive: true });
  fs.rmSync(results, { force: true });
  // every CLI run of the integration tests is logged here; the global teardown checks it for secrets
  const outputLog = path.join(repo, '.tmp', 'cli-output.log');
  fs.rmSync(outputLog, { force: true });
  fs.rmSync(`${outputLog}.leaks.json`, { force: true });
  process.env.SCS_TEST_CLI_OUTPUT_LOG = outputLog;
  code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)]);
  let leaks = [];
  try {
    leaks = JSON.parse(fs.readFileSync(`${outputLog}.leaks.json`, 'utf8'));
  } catch {
    // no integration project in this run
  }
  if (leaks.length > 0) {
    console.error(`[test] SECRETS LEAKED into CLI output (${outputLog}):\n${leaks.join('\n')}`);
    code = code || 1;
  }
  try {
    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    const failed = r.numFailedTests + (leaks.length > 0 ? 1 : 0);
    console.log(`tests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } catch {
    console.log('tests: no result file from vitest');
  }
}
process.exit(code);
