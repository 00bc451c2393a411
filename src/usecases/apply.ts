/**
 * The apply use case: a saved plan (refused when the cloud changed since) or a fresh one, carried
 * out by src/apply, the only code that changes a cloud.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { applyPlan } from '../apply/apply-plan.js';
import type { ApplyEvent, ApplyResult } from '../apply/types.js';
import { fingerprintImages } from '../core/plan/fingerprint.js';
import { managedImages } from '../core/plan/match.js';
import { readPlan } from '../core/plan/plan-file.js';
import { readInputFile } from '../inputs/read-file.js';
import { listManageable } from '../openstack/image-listings.js';
import { openProjectCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';
import type { PlanSession } from './plan.js';

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
  const plan = readPlan(await readInputFile(file), file);
  const session = await openProjectCloud({ ...cloud, cloud: cloud.cloud ?? plan.cloud.name, region: cloud.region ?? plan.cloud.region });
  try {
    if (session.projectId !== plan.cloud.projectId) {
      throw new StalePlanError(`${file} was made for project ${plan.cloud.projectId}; these credentials act as project ${session.projectId}`);
    }
    const images = await listManageable(session.client, plan.tag, session.projectId);
    if (fingerprintImages(managedImages(images, plan.tag, session.projectId)) !== plan.fingerprint) {
      throw new StalePlanError(`the managed images changed since ${file} was made (${plan.createdAt}); run plan again`);
    }
    return { plan, cloud: session };
  } catch (e) {
    await session.client.close();
    throw e;
  }
}

export interface ApplyChangesOptions {
  /** Imports at the same time. */
  concurrency: number;
  importTimeoutMs: number;
  stuckMs: number;
  webDownload: boolean;
  readBack: boolean;
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
}

/** Carry out a plan on the session's cloud. Timeouts use the monotonic-enough wall clock. */
export function applyChanges(session: PlanSession, opts: ApplyChangesOptions): Promise<ApplyResult> {
  return applyPlan(session.plan, session.cloud.client.image, {
    concurrency: opts.concurrency,
    importTimeoutMs: opts.importTimeoutMs,
    stuckMs: opts.stuckMs,
    downloadIdleMs: 60_000,
    webDownload: opts.webDownload,
    readBack: opts.readBack,
    ...(opts.signal ? { signal: opts.signal } : {}),
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
    onEvent: (e) => opts.onEvent?.(e),
  });
}
