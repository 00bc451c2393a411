/**
 * Is the run that holds a lease provably gone? A lease records who took it: the host name, the
 * pid, the host's boot id and the process's start time (clock ticks since boot, as
 * /proc/PID/stat has it). Only on the same host can a lease be judged by its process, and then
 * only these answers count as "gone":
 *
 * - the host booted since (another boot id): every process of that boot is gone;
 * - no process has that pid (`process.kill(pid, 0)` fails with ESRCH);
 * - a process has that pid but started at another time: the pid was reused.
 *
 * On another host, or where the facts are missing (a lease of an older version, a system without
 * /proc), nothing is concluded: the lease then goes only when it expires.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lease says of the process that took it. */
export interface LeaseProcess {
  host: string;
  pid?: number | undefined;
  bootId?: string | undefined;
  /** Start time of the process, in clock ticks since boot (/proc/PID/stat field 22), as text. */
  startTime?: string | undefined;
}

/** What this machine knows of itself and its processes. */
export interface LocalHost {
  host: string;
  bootId?: string | undefined;
  /** Does a process with this pid exist? */
  alive(pid: number): boolean;
  /** The start time of process `pid` (as LeaseProcess.startTime), undefined when unknown. */
  startTimeOf(pid: number): string | undefined;
}

/** Why the holder is provably gone, or undefined when it may be alive (or this host cannot tell). */
export function holderGone(lease: LeaseProcess, local: LocalHost): string | undefined {
  if (lease.host === '' || lease.host !== local.host || lease.pid === undefined) return undefined;
  if (lease.bootId && local.bootId && lease.bootId !== local.bootId) return `${lease.host} has booted since process ${lease.pid} took it`;
  if (!local.alive(lease.pid)) return `process ${lease.pid} on ${lease.host} no longer exists`;
  const now = lease.startTime ? local.startTimeOf(lease.pid) : undefined;
  if (lease.startTime && now !== undefined && now !== lease.startTime)
    return `process ${lease.pid} on ${lease.host} is another process now (the pid was reused)`;
  return undefined;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses). */
export function startTimeFromStat(stat: string | undefined): string | undefined {
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 22 is fields[19]
  const ticks = fields[19];
  return ticks && /^\d+$/.test(ticks) ? ticks : undefined;
}

/** This machine, read from /proc where there is one. */
export function localHost(host = hostname()): LocalHost {
  return {
    host,
    bootId: readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined,
    alive: processAlive,
    startTimeOf: (pid) => startTimeFromStat(readText(`/proc/${pid}/stat`)),
  };
}
