/**
 * The apply use case: a saved plan (refused when the cloud changed since) or a fresh one, carried
 * out by src/apply, the only code that changes a cloud, under a lease that keeps a second run on
 * the same project and tag out (lockSession).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { applyPlan } from '../apply/apply-plan.js';
import type { ApplyEvent, ApplyResult } from '../apply/types.js';
import { acquireLease, listLeases, sweepLeases, type LeaseHolder } from '../apply/lease.js';
import { fingerprintImages } from '../core/plan/fingerprint.js';
import { managedImages } from '../core/plan/match.js';
import { readPlan } from '../core/plan/plan-file.js';
import { isEmptyPlan, type Plan } from '../core/plan/types.js';
import { readInputFile } from '../inputs/read-file.js';
import { listManageable } from '../openstack/image-listings.js';
import { imagesById } from '../openstack/images-by-id.js';
import { openProjectCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';
import type { PlanSession } from './plan.js';

export { LeaseHeldError, LeaseLostError, type LeaseHolder } from '../apply/lease.js';

/** Why a saved plan cannot be applied to the cloud as it is now (exit 1, nothing changed). */
export class StalePlanError extends Error {
  override readonly name = 'StalePlanError';
}

/**
 * A plan file from `plan --out`, on the cloud it names (unless `cloud.cloud`/`region` say
 * otherwise). Applies only to the cloud state it was computed from (Terraform's stale-plan check):
 * the same project, and managed images with the same fingerprint.
 */
export async function openSavedPlan(file: string, cloud: OpenCloudOptions): Promise<PlanSession> {
  return openPlan(readPlan(await readInputFile(file), file), file, cloud);
}

/** One plan read from `file` (a fleet's plan file holds several, each opened on its own cloud). */
export async function openPlan(plan: Plan, file: string, cloud: OpenCloudOptions): Promise<PlanSession> {
  const session = await openProjectCloud({ ...cloud, cloud: cloud.cloud ?? plan.cloud.name, region: cloud.region ?? plan.cloud.region });
  try {
    if (session.projectId !== plan.cloud.projectId) {
      throw new StalePlanError(`${file} was made for project ${plan.cloud.projectId}; these credentials act as project ${session.projectId}`);
    }
    const recheck = async (): Promise<Plan> => {
      const managed = managedImages(await listManageable(session.client, plan.tag, session.projectId), plan.tag, session.projectId);
      // the unmanaged images the plan adopts or fixes are part of what it was computed from
      const seen = new Set(managed.map((i) => i.id));
      const unmanaged = (await imagesById(session.client, plan.unmanagedImageIds ?? [])).filter((i) => !seen.has(i.id));
      if (fingerprintImages([...managed, ...unmanaged]) !== plan.fingerprint) {
        throw new StalePlanError(`the managed images changed since ${file} was made (${plan.createdAt}); run plan again`);
      }
      return plan;
    };
    return { plan: await recheck(), cloud: session, recheck };
  } catch (e) {
    await session.client.close();
    throw e;
  }
}

export interface LockOptions {
  /** false: no lease (`--no-lock`), for clouds where the caller guarantees a single run. */
  enabled: boolean;
  /** How long to wait for another run's lease (`--lock-timeout`). */
  waitMs: number;
  onWait?: (holder: LeaseHolder) => void;
  onTakeOver?: (holder: LeaseHolder, why: string) => void;
  signal?: AbortSignal;
}

/**
 * Before changing anything: take the lease of this project and tag (src/apply/lease.ts), then plan
 * again under it, since another run may have changed the cloud meanwhile (a saved plan must still
 * match). An empty plan takes no lease; it only removes the leases of runs that are provably gone
 * (taking a lease does that too), so a lease left by a killed run never stays in the cloud.
 */
export async function lockSession(session: PlanSession, lock: LockOptions): Promise<PlanSession> {
  if (!lock.enabled) return session;
  if (isEmptyPlan(session.plan)) {
    await removeStaleLeases(session, lock);
    return session;
  }
  session.lease = await acquireLease(session.cloud.client.image, {
    tag: session.plan.tag,
    projectId: session.cloud.projectId,
    waitMs: lock.waitMs,
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
    ...(lock.signal ? { signal: lock.signal } : {}),
    ...(lock.onWait ? { onWait: lock.onWait } : {}),
    ...(lock.onTakeOver ? { onTakeOver: lock.onTakeOver } : {}),
  });
  session.plan = await session.recheck();
  return session;
}

/**
 * Leases of this project whose holder is provably gone (expired by Glance's clock, or a dead
 * process on this host) are removed and named through onTakeOver. Best effort: a cloud that
 * refuses the listing or a delete does not stop a run that has nothing to do.
 */
export async function removeStaleLeases(session: PlanSession, lock: Pick<LockOptions, 'onTakeOver'>): Promise<void> {
  const image = session.cloud.client.image;
  try {
    // one listing when there is no lease (the usual case); Glance's clock only when one is found
    if ((await listLeases(image, session.cloud.projectId)).length === 0) return;
    const versions = await image.getVersions();
    const glanceNow = versions.serverDate?.getTime() ?? Number.NaN;
    await sweepLeases(image, {
      projectId: session.cloud.projectId,
      glanceNow,
      remove: true,
      ...(lock.onTakeOver ? { onRemoved: lock.onTakeOver } : {}),
    });
  } catch {
    // the next run (or its lease) tries again; an expired lease blocks nobody meanwhile
  }
}

export interface ApplyChangesOptions {
  /** Imports at the same time. */
  concurrency: number;
  importTimeoutMs: number;
  stuckMs: number;
  webDownload: boolean;
  readBack: boolean;
  /** Import from the upstream url when a mirror_url fails (apply --mirror-fallback). */
  mirrorFallback?: boolean;
  /** OIM's --stuck-retry + 1 (default 1). */
  webDownloadAttempts?: number;
  /** false: OIM's --prefetch never (default true). */
  streamFallback?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
}

/** Carry out a plan on the session's cloud. Timeouts use the monotonic-enough wall clock. */
export function applyChanges(session: PlanSession, opts: ApplyChangesOptions): Promise<ApplyResult> {
  // a lost lease stops the run like Ctrl-C: the changes under way finish, no new one starts
  const signals = [opts.signal, session.lease?.lost].filter((s): s is AbortSignal => s !== undefined);
  return applyPlan(session.plan, session.cloud.client.image, {
    concurrency: opts.concurrency,
    importTimeoutMs: opts.importTimeoutMs,
    stuckMs: opts.stuckMs,
    downloadIdleMs: 60_000,
    webDownload: opts.webDownload,
    readBack: opts.readBack,
    mirrorFallback: opts.mirrorFallback ?? false,
    ...(opts.webDownloadAttempts !== undefined ? { webDownloadAttempts: opts.webDownloadAttempts } : {}),
    ...(opts.streamFallback !== undefined ? { streamFallback: opts.streamFallback } : {}),
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
    onEvent: (e) => opts.onEvent?.(e),
  });
}
