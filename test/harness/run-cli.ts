import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordCliOutput } from './output-log.js';

const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run: PATH, HOME and the given variables, nothing from the developer's
 * shell (no OS_* leaking in), except faketime's variables: under `faketime -f +400d npm test`
 * (.ci/run) the CLI must run on the same moved clock as the tests and the local cloud.
 */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const clock = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && (e[0] === 'LD_PRELOAD' || e[0].startsWith('FAKETIME') || e[0] === 'DONT_FAKE_MONOTONIC'),
    ),
  );
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...clock, ...extra };
}

/**
 * Run the built CLI (`bin/scs-images` → dist/) as a user would: a separate process, no TTY,
 * a controlled environment (no OS_* leaking in from the developer's shell).
 */
export function runCli(
  args: readonly string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; nodeArgs?: readonly string[] } = {},
): Promise<CliRun> {
  const env = cliEnv(opts.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], { env, cwd: opts.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      recordCliOutput(args, stdout, stderr);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}
