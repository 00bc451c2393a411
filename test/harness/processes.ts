// Start the Python services detached and stop exactly those again.
// - own process group (detached) so the test runner's Ctrl-C / exit does not race our stop logic and
//   glance's forked workers (glanceWorkers > 0) can be signalled together with their parent;
// - stdio to log files and unref(), so neither vitest nor a CLI waits for them;
// - before any signal we check /proc/PID/cmdline still names our launcher (PIDs get reused).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from './poll.js';

/** Running and not a zombie (a zombie still answers kill(pid, 0)). Orphans are not reaped here. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // field 3 (state) follows the ")" that closes the command name, which itself may contain spaces
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The PID still runs a launcher from `marker` (our cloud's bin/ dir). */
export function isOurs(pid: number, marker: string): boolean {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((a) => a.startsWith(marker));
  } catch {
    return false;
  }
}

export interface SpawnSpec {
  argv: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  cwd: string;
}

export function spawnDetached(spec: SpawnSpec): number {
  const fd = fs.openSync(spec.logFile, 'a');
  try {
    const [cmd, ...args] = spec.argv;
    if (cmd === undefined) throw new Error('empty argv');
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: spec.env, cwd: spec.cwd });
    child.on('error', () => {}); // reported through the health wait (process not alive)
    child.unref();
    if (child.pid === undefined) throw new Error(`could not spawn ${cmd}`);
    return child.pid;
  } finally {
    fs.closeSync(fd); // the child has its own copy
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  // detached => the child leads its own process group (pgid == pid); -pid reaches forked workers too
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM, wait up to graceMs, then SIGKILL; only PIDs that still run our launcher. */
export async function stopPids(pids: number[], marker: string, graceMs = 5000): Promise<void> {
  const ours = pids.filter((p) => isAlive(p) && isOurs(p, marker));
  for (const p of ours) signalGroup(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (ours.some(isAlive) && Date.now() < deadline) await sleep(25);
  const stubborn = ours.filter(isAlive);
  for (const p of stubborn) signalGroup(p, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (stubborn.some(isAlive) && Date.now() < killDeadline) await sleep(25);
  const left = stubborn.filter(isAlive);
  if (left.length) throw new Error(`processes did not stop: ${left.join(', ')}`);
}

/** Synchronous variant for process 'exit' / signal handlers, where nothing async runs any more. */
export function stopPidsSync(pids: number[], marker: string, graceMs = 2000): void {
  const ours = pids.filter((p) => isAlive(p) && isOurs(p, marker));
  for (const p of ours) signalGroup(p, 'SIGTERM');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + graceMs;
  while (ours.some(isAlive) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
  for (const p of ours.filter(isAlive)) signalGroup(p, 'SIGKILL');
}

// ---- exit safety net: a crashed or interrupted test run must not leave services behind ----------
const guarded = new Map<string, { pids: number[]; marker: string; purgeDir?: string }>();
let hooked = false;

function cleanupAll(): void {
  for (const [key, g] of guarded) {
    guarded.delete(key);
    stopPidsSync(g.pids, g.marker);
    if (g.purgeDir) fs.rmSync(g.purgeDir, { recursive: true, force: true });
  }
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupAll();
  // if nobody else handles the signal, keep its default meaning (terminate with 128+n)
  process.removeListener(sig, onSignal);
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

/** Stop these PIDs (and delete `purgeDir`, if given) when this process exits or is signalled. */
export function guardOnExit(key: string, pids: number[], marker: string, purgeDir?: string): void {
  guarded.set(key, { pids, marker, purgeDir });
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
}

export function unguard(key: string): void {
  guarded.delete(key);
}
