// Using a cloud that is already running: tokens, stop, cloud.json, health. Works from any process
// (vitest workers via inject(), scripts/local-cloud.ts), not only from the one that started it.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { CloudUserName, LocalCloud, LocalCloudInfo } from './cloud-info.js';
import { issueToken, type IssuedToken } from './keystone-rest.js';
import { isAlive, isOurs, stopPids, unguard } from './processes.js';

export const CLOUD_JSON = 'cloud.json';
/** Our launchers live in DIR/bin/: a PID whose cmdline names it is ours (guards against PID reuse). */
export const markerOf = (dir: string): string => path.join(dir, 'bin') + path.sep;

export async function httpOk(url: string): Promise<true | undefined> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.body?.cancel();
  return res.ok ? true : undefined;
}

/**
 * The LocalCloud API for cloud info obtained elsewhere (vitest inject(), cloud.json). `stop` works
 * from any process: it signals only PIDs that still run this cloud's launchers.
 */
export function connectLocalCloud(info: LocalCloudInfo, knownTokens: Partial<Record<CloudUserName, IssuedToken>> = {}): LocalCloud {
  const cache = new Map<CloudUserName, Promise<IssuedToken>>();
  for (const [u, t] of Object.entries(knownTokens)) cache.set(u as CloudUserName, Promise.resolve(t));
  const fresh = (t: IssuedToken): boolean => Date.parse(t.expiresAt) - Date.now() > 5 * 60_000;
  return {
    ...info,
    async tokenFor(user) {
      const cached = cache.get(user);
      if (cached) {
        const t = await cached.catch(() => undefined);
        if (t && fresh(t)) return t.token;
      }
      const a = info.users[user];
      const p = issueToken(info.keystoneUrl, a.name, a.password, a.projectName);
      cache.set(user, p); // concurrent callers share one login
      return (await p).token;
    },
    stop: (opts) => stopLocalCloud(info, opts),
  };
}

export async function stopLocalCloud(info: Pick<LocalCloudInfo, 'dir' | 'pids'>, opts: { purge?: boolean } = {}): Promise<void> {
  unguard(info.dir);
  await stopPids([info.pids.glance, info.pids.keystone], markerOf(info.dir));
  if (opts.purge) await fsp.rm(info.dir, { recursive: true, force: true });
}

/** cloud.json of a cloud started earlier (scripts/local-cloud.ts, SCS_TEST_CLOUD_DIR), or undefined. */
export async function readCloudInfo(dir: string): Promise<LocalCloudInfo | undefined> {
  try {
    return JSON.parse(await fsp.readFile(path.join(path.resolve(dir), CLOUD_JSON), 'utf8')) as LocalCloudInfo;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Both processes still ours and answering (glance healthcheck + keystone /v3). */
export async function isCloudHealthy(info: LocalCloudInfo): Promise<boolean> {
  const marker = markerOf(info.dir);
  if (![info.pids.keystone, info.pids.glance].every((p) => isAlive(p) && isOurs(p, marker))) return false;
  try {
    return (await httpOk(`${info.keystoneUrl}/v3`)) === true && (await httpOk(`${info.glanceUrl}/healthcheck`)) === true;
  } catch {
    return false;
  }
}
