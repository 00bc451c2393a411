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

/** `curl -T file` to a Glance data URL (PUT .../file or .../stage) with a token: its wall time; rejects unless Glance answers 204. */
export async function curlPut(file: string, url: string, token: string): Promise<number> {
  const run = await runChild('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-T',
    file,
    '-H',
    `X-Auth-Token: ${token}`,
    '-H',
    'Content-Type: application/octet-stream',
    url,
  ]);
  if (run.stdout.trim() !== '204') throw new Error(`curl PUT ${url} -> ${run.stdout} ${run.stderr}`);
  return run.ms;
}

/** The 12 SCS properties of a well-described Ubuntu 24.04 image, as the listing benches seed them. */
export const SCS_UBUNTU_PROPERTIES: Readonly<Record<string, string>> = {
  os_distro: 'ubuntu',
  os_version: '24.04',
  architecture: 'x86_64',
  hw_disk_bus: 'scsi',
  image_source: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
  image_build_date: '2026-11-20',
  image_original_user: 'ubuntu',
  image_description: 'Ubuntu 24.04',
  replace_frequency: 'monthly',
  provided_until: 'none',
  uuid_validity: 'last-3',
  os_purpose: 'generic',
};
