// Running the measured programs: one child process per run, with a clean environment (PATH, a
// temporary HOME, and what the bench passes), its wall time, and for Node runs optionally the peak
// RSS and CPU seconds that rss-probe.mjs writes when the child exits.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildRun {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Pass the child's stderr through (progress of long runs) instead of collecting it. */
  inheritStderr?: boolean;
  /** Exit codes that count as a run; any other rejects. Default: every code counts. */
  okCodes?: readonly number[];
}

export function runChild(cmd: string, args: string[], opts: ChildOptions = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: repo,
      env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), ...opts.env },
      stdio: ['ignore', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (opts.okCodes && !opts.okCodes.includes(code ?? -1)) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr}`));
      resolve({ ms, code: code ?? -1, stdout, stderr });
    });
  });
}

export interface ProbedRun extends ChildRun {
  rssBytes: number;
  cpuSeconds: number;
}

/** A Node child under rss-probe.mjs: its peak RSS and user + system CPU seconds, written to `probeFile` (and `.cpu`). */
export async function runProbedNode(args: string[], probeFile: string, opts: ChildOptions = {}): Promise<ProbedRun> {
  const probe = pathToFileURL(path.join(repo, 'scripts/bench/rss-probe.mjs')).href;
  const run = await runChild(process.execPath, ['--import', probe, ...args], { ...opts, env: { ...opts.env, RSS_PROBE_FILE: probeFile } });
  return { ...run, rssBytes: Number(await readFile(probeFile, 'utf8')), cpuSeconds: Number(await readFile(`${probeFile}.cpu`, 'utf8')) };
}

/** The middle value (the upper one of an even count), as every bench reports it. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
