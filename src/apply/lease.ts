/**
 * One apply at a time per project and tag, across machines, kept in the cloud itself.
 *
 * Glance has no compare-and-swap, so the guard is built from what it does give: an image create is
 * atomic, and a listing made after it returns every image created before. A run creates its own
 * lease (a private, hidden, empty image tagged `scs-images-lease` for the managed tag), then lists
 * the leases for the same tag. It holds the lease only if no other live lease is listed; otherwise
 * it deletes its own and waits or stops. Two runs can never both hold: of two creates, the one
 * processed later is followed by a listing that shows the earlier lease, and the earlier run's
 * listing either shows the later lease (both back off; random pauses end the tie) or was made
 * before it existed (the earlier run holds, the later one backs off). The winner marks its lease
 * `held`: a run that sees only leases of runs still deciding retries after a short random pause,
 * even without --lock-timeout, so two runs started together do not both give up.
 *
 * A holder renews its lease (a PATCH, which moves Glance's updated_at) every third of the lease
 * time. A lease not renewed for the lease time (measured against the clock of Glance, read from
 * the updated_at of our own lease, so the clocks of the machines do not matter) belongs to a
 * crashed run and is deleted by the next run; so is a lease of a process on this host that no
 * longer exists (a SIGKILLed run on the same machine blocks nobody). A holder whose lease was
 * deleted, or that could not renew it in time, aborts: it no longer knows it is alone.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Image } from '../core/images/image.js';
import { holderGone, localHost, processAlive as defaultAlive, type LocalHost } from './lease-liveness.js';
import { ConnectionError, isHttpStatus } from '../openstack/errors.js';
import type { ImageClient } from '../openstack/image/v2/client.js';

export const LEASE_TAG = 'scs-images-lease';
const P = {
  for: 'scs_images_lease_for',
  holder: 'scs_images_lease_holder',
  host: 'scs_images_lease_host',
  pid: 'scs_images_lease_pid',
  /** The host's boot id and the process's start time (lease-liveness.ts): a reused pid or a reboot is told apart. */
  bootId: 'scs_images_lease_boot_id',
  started: 'scs_images_lease_process_start',
  ttl: 'scs_images_lease_ttl_seconds',
  renewals: 'scs_images_lease_renewals',
  /** `held` once the run won; a lease without it belongs to a run still deciding. */
  state: 'scs_images_lease_state',
} as const;

/** Ties (two runs deciding at once, both backing off) are retried this often before a run gives up. */
const CONTENTION_RETRIES = 8;

export type LeaseApi = Pick<ImageClient, 'createImage' | 'updateImage' | 'deleteImage' | 'listAllImages'>;

export interface LeaseOptions {
  /** The managed tag: runs for other tags do not exclude each other. */
  tag: string;
  projectId: string;
  /** Time after the last renewal at which a lease counts as abandoned (default 300 s). */
  ttlMs?: number;
  /** How long to wait for another run's lease to go (0: stop at once). */
  waitMs: number;
  /** ms since epoch: for the waiting budget and pauses only; lease ages use Glance's clock. */
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Pause between attempts while waiting, before jitter (default 2000 ms). */
  pollMs?: number;
  random?: () => number;
  /** Does this process exist on this host? (default: process.kill(pid, 0)) */
  processAlive?: (pid: number) => boolean;
  host?: string;
  pid?: number;
  /** This host's boot id and the start time of `pid` (default: read from /proc when `pid` is this process). */
  self?: { bootId?: string | undefined; startTime?: string | undefined };
  /** The start time of a process on this host (default: /proc/PID/stat); see lease-liveness.ts. */
  startTimeOf?: (pid: number) => string | undefined;
  bootId?: string | undefined;
  signal?: AbortSignal;
  /** Another run holds the lease and this one waits. */
  onWait?: (holder: LeaseHolder) => void;
  /** An abandoned lease was removed. */
  onTakeOver?: (holder: LeaseHolder, why: string) => void;
}

export interface LeaseHolder {
  id: string;
  holder: string;
  host: string;
  pid: number | undefined;
  renewedAt: string;
}

/** Another run holds the lease and the wait is over (or was 0): nothing was changed. */
export class LeaseHeldError extends Error {
  override readonly name = 'LeaseHeldError';
  constructor(readonly holder: LeaseHolder) {
    super(
      `another apply is running for this project and tag: ${holder.holder} (lease image ${holder.id}, last renewed ${holder.renewedAt}); ` +
        'nothing was changed. Wait for it with --lock-timeout SECONDS',
    );
  }
}

/** The lease was taken over or could not be renewed: the run stops starting changes. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

export interface Lease {
  readonly id: string;
  /** Aborted with a LeaseLostError when the lease is lost. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

function holderOf(image: Image): LeaseHolder {
  const pid = Number(image.properties[P.pid]);
  return {
    id: image.id,
    holder: String(image.properties[P.holder] ?? image.id),
    host: String(image.properties[P.host] ?? ''),
    pid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    renewedAt: image.updatedAt ?? image.createdAt ?? '',
  };
}

const stamp = (image: Image): number => Date.parse(image.updatedAt ?? image.createdAt ?? '');

/**
 * Why `other` is abandoned, or undefined while it may still be held: not renewed for its lease
 * time by Glance's clock (`glanceNow`), or its process provably gone from this host.
 */
export function abandoned(other: Image, glanceNow: number, local: LocalHost, ttlMs = DEFAULT_TTL_MS): string | undefined {
  const h = holderOf(other);
  const ttl = Number(other.properties[P.ttl]) * 1000 || ttlMs;
  const age = glanceNow - stamp(other);
  if (Number.isFinite(age) && age > ttl) return `not renewed for ${Math.round(age / 1000)} s (lease time ${Math.round(ttl / 1000)} s)`;
  return holderGone({ host: h.host, pid: h.pid, bootId: str(other.properties[P.bootId]), startTime: str(other.properties[P.started]) }, local);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const DEFAULT_TTL_MS = 300_000;

/** This host as the lease options describe it (tests replace the host, the pid and liveness). */
function localOf(opts: Pick<LeaseOptions, 'host' | 'processAlive' | 'startTimeOf' | 'bootId'>): LocalHost {
  const real = localHost(opts.host ?? hostname());
  return {
    host: real.host,
    bootId: 'bootId' in opts ? opts.bootId : real.bootId,
    alive: opts.processAlive ?? defaultAlive,
    startTimeOf: opts.startTimeOf ?? real.startTimeOf,
  };
}

/** The leases of a project (every tag), oldest first. */
export async function listLeases(api: Pick<LeaseApi, 'listAllImages'>, projectId: string): Promise<Image[]> {
  const leases = await api.listAllImages({ tags: [LEASE_TAG], hidden: true, owner: projectId, visibility: 'private' });
  return leases.sort((a, b) => stamp(a) - stamp(b));
}

/** A lease as doctor lists it. */
export interface LeaseReport extends LeaseHolder {
  tag: string;
  state: 'held' | 'deciding';
  /** Why its holder is provably gone (and the lease was removed), else undefined. */
  gone?: string;
  removed: boolean;
}

export interface SweepOptions {
  projectId: string;
  /** Glance's clock now (ms since epoch), e.g. from the Date header of one of its answers. */
  glanceNow: number;
  /** Remove the leases whose holder is provably gone (false: only report them). */
  remove: boolean;
  host?: string;
  processAlive?: (pid: number) => boolean;
  startTimeOf?: (pid: number) => string | undefined;
  bootId?: string | undefined;
  onRemoved?: (holder: LeaseHolder, why: string) => void;
}

/**
 * Every lease of the project, and those whose holder is provably gone removed: a run with nothing
 * to do takes no lease, so without this a lease left by a killed run stays in the cloud for good
 * (it blocks nobody once expired, but it is a private, hidden, queued image nobody asked for).
 */
export async function sweepLeases(api: Pick<LeaseApi, 'listAllImages' | 'deleteImage'>, opts: SweepOptions): Promise<LeaseReport[]> {
  const local = localOf(opts);
  const out: LeaseReport[] = [];
  for (const lease of await listLeases(api, opts.projectId)) {
    const why = abandoned(lease, opts.glanceNow, local);
    const report: LeaseReport = {
      ...holderOf(lease),
      tag: String(lease.properties[P.for] ?? ''),
      state: lease.properties[P.state] === 'held' ? 'held' : 'deciding',
      ...(why !== undefined ? { gone: why } : {}),
      removed: false,
    };
    if (why !== undefined && opts.remove) {
      await api.deleteImage(lease.id, { ignoreMissing: true });
      report.removed = true;
      opts.onRemoved?.(holderOf(lease), why);
    }
    out.push(report);
  }
  return out;
}

export async function acquireLease(api: LeaseApi, opts: LeaseOptions): Promise<Lease> {
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const local = localOf(opts);
  const host = local.host;
  const pid = opts.pid ?? process.pid;
  // who we are beyond host and pid: recorded only for this process (a test's made-up pid has none)
  const self = opts.self ?? (opts.pid === undefined ? { bootId: local.bootId, startTime: local.startTimeOf(process.pid) } : {});
  const random = opts.random ?? Math.random;
  const pollMs = opts.pollMs ?? 2000;
  const started = opts.now();
  const holder = `scs-images on ${host}, pid ${pid}, run ${randomUUID().slice(0, 8)}`;
  let ties = 0;
  let transient = 0;
  // a create (POST) is not retried by the HTTP layer; here it is safe: a lease of ours that was
  // created although the answer was lost carries our holder and is removed below
  const attempt = async <T>(call: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof ConnectionError || isHttpStatus(e, 500, 502, 503, 504)) || ++transient > 3) throw e;
        await opts.sleep(500 * transient, opts.signal);
      }
    }
  };

  for (;;) {
    opts.signal?.throwIfAborted();
    const mine = await attempt(() =>
      api.createImage({
        name: `scs-images lease (${opts.tag})`,
        visibility: 'private',
        hidden: true,
        tags: [LEASE_TAG],
        properties: {
          [P.for]: opts.tag,
          [P.holder]: holder,
          [P.host]: host,
          [P.pid]: String(pid),
          ...(self.bootId ? { [P.bootId]: self.bootId } : {}),
          ...(self.startTime ? { [P.started]: self.startTime } : {}),
          [P.ttl]: String(Math.round(ttlMs / 1000)),
          [P.renewals]: '0',
        },
      }),
    );
    let live: Image[];
    try {
      const glanceNow = stamp(mine);
      const leases = await attempt(() => api.listAllImages({ tags: [LEASE_TAG], hidden: true, owner: opts.projectId, visibility: 'private' }));
      live = [];
      for (const other of leases) {
        if (other.id === mine.id || other.properties[P.for] !== opts.tag) continue;
        if (other.properties[P.holder] === holder) {
          await attempt(() => api.deleteImage(other.id, { ignoreMissing: true }));
          continue;
        }
        const why = abandoned(other, glanceNow, local, ttlMs);
        if (why === undefined) {
          live.push(other);
          continue;
        }
        await attempt(() => api.deleteImage(other.id, { ignoreMissing: true }));
        opts.onTakeOver?.(holderOf(other), why);
      }
    } catch (e) {
      await api.deleteImage(mine.id, { ignoreMissing: true }).catch(() => undefined);
      throw e;
    }
    if (live.length === 0) {
      try {
        await attempt(() => api.updateImage(mine.id, [{ op: 'add', path: `/${P.state}`, value: 'held' }]));
      } catch (e) {
        await api.deleteImage(mine.id, { ignoreMissing: true }).catch(() => undefined);
        throw e;
      }
      return hold(api, mine, ttlMs, opts);
    }

    await attempt(() => api.deleteImage(mine.id, { ignoreMissing: true }));
    const held = live.filter((l) => l.properties[P.state] === 'held');
    if (held.length === 0 && ties < CONTENTION_RETRIES) {
      ties++;
      await opts.sleep(Math.round(200 + 1000 * random()), opts.signal);
      continue;
    }
    const first = holderOf((held.length > 0 ? held : live).sort((a, b) => stamp(a) - stamp(b))[0]!);
    if (opts.now() - started >= opts.waitMs) throw new LeaseHeldError(first);
    opts.onWait?.(first);
    const pause = Math.min(pollMs * (0.5 + random()), Math.max(0, started + opts.waitMs - opts.now()));
    await opts.sleep(pause, opts.signal);
  }
}

/** Renew every third of the lease time; abort `lost` when the lease is gone or too old. */
function hold(api: LeaseApi, mine: Image, ttlMs: number, opts: LeaseOptions): Lease {
  const controller = new AbortController();
  let renewals = 0;
  let lastRenewal = opts.now();
  let renewing: Promise<void> | undefined;
  const renew = async (): Promise<void> => {
    try {
      await api.updateImage(mine.id, [{ op: 'replace', path: `/${P.renewals}`, value: String(++renewals) }]);
      lastRenewal = opts.now();
    } catch (e) {
      if (isHttpStatus(e, 404)) controller.abort(new LeaseLostError(`the lease ${mine.id} was removed by another run; stopping before the next change`));
      else if (opts.now() - lastRenewal > ttlMs * 0.8)
        controller.abort(
          new LeaseLostError(`the lease ${mine.id} could not be renewed for ${Math.round((opts.now() - lastRenewal) / 1000)} s: ${(e as Error).message}`),
        );
    }
  };
  const timer = setInterval(
    () => {
      renewing ??= renew().finally(() => {
        renewing = undefined;
      });
    },
    Math.max(1000, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    id: mine.id,
    lost: controller.signal,
    /** Never throws: a lease that cannot be removed now expires, or the next run on this host takes it over. */
    async release(): Promise<void> {
      clearInterval(timer);
      await renewing;
      await api.deleteImage(mine.id, { ignoreMissing: true }).catch(() => undefined);
    },
  };
}
