import type { ApplyResult } from '../../apply/types.js';
import { isEmptyPlan } from '../../core/plan/types.js';
import { planSummary, renderPlanText } from '../../reporters/plan-text.js';
import { applyChanges, lockSession, openSavedPlan, StalePlanError, type LockOptions } from '../../usecases/apply.js';
import { closeSession, makePlan, type PlanSession } from '../../usecases/plan.js';
import { useColor } from '../colour.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { cloudFrom, planRequestFrom, type ManageOptions } from '../manage-options.js';
import { parseCount, parseSeconds } from '../options.js';
import { createProgress, type ProgressReporter } from '../progress.js';

export interface ApplyCmdOptions extends ManageOptions {
  dryRun?: boolean;
  parallel: string;
  importTimeout: string;
  stuckTimeout: string;
  webDownload: boolean;
  readBack: boolean;
  lock: boolean;
  lockTimeout: string;
  progress: 'auto' | 'bar' | 'plain';
}

/**
 * `scs-images apply [plan.json]`: 0 everything applied, 1 a change failed or the saved plan is
 * stale, 2 bad input, 3 the cloud could not be reached.
 */
export async function applyCommand(planFile: string | undefined, opts: ApplyCmdOptions, io: CliIO): Promise<number> {
  if (planFile && opts.images)
    throw new ExitError(EXIT.USAGE, 'error: give either a plan file or --images, not both (a plan file carries its definitions and flags)');
  if (!planFile && !opts.images) throw new ExitError(EXIT.USAGE, 'error: apply needs --images PATH or a plan file from `plan --out`');
  const run = applyRunOptions(opts);
  let session: PlanSession;
  try {
    session = planFile
      ? await openSavedPlan(planFile, cloudFrom(opts, io))
      : await makePlan(await planRequestFrom({ ...opts, images: opts.images as string }, io));
  } catch (e) {
    if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
    throw e;
  }
  return applySession(session, opts, run, io);
}

export interface ApplyRunOptions {
  concurrency: number;
  importTimeoutMs: number;
  stuckMs: number;
  lock: { enabled: boolean; waitMs: number };
}

/** --parallel, --import-timeout, --stuck-timeout, --lock-timeout, checked before anything is read. */
export function applyRunOptions(opts: Pick<ApplyCmdOptions, 'parallel' | 'importTimeout' | 'stuckTimeout' | 'lock' | 'lockTimeout'>): ApplyRunOptions {
  return {
    concurrency: parseCount(opts.parallel, '--parallel', 'imports running at the same time', 32),
    importTimeoutMs: parseSeconds(opts.importTimeout, '--import-timeout') * 1000,
    stuckMs: parseSeconds(opts.stuckTimeout, '--stuck-timeout') * 1000,
    lock: { enabled: opts.lock !== false, waitMs: parseSeconds(opts.lockTimeout ?? '0', '--lock-timeout', { allowZero: true }) * 1000 },
  };
}

/** The lease of apply and ensure: waiting and take-overs are said on stderr (main.ts maps a held lease to exit 1). */
export function lockOptions(run: ApplyRunOptions, io: CliIO, signal?: AbortSignal): LockOptions {
  return {
    ...run.lock,
    ...(signal ? { signal } : {}),
    onWait: (h) => io.stderr.write(`scs-images: waiting for another apply on this project and tag: ${h.holder} (last renewed ${h.renewedAt})\n`),
    onTakeOver: (h, why) => io.stderr.write(`scs-images: removed the lease of ${h.holder}: ${why}\n`),
  };
}

async function lockForApply(session: PlanSession, run: ApplyRunOptions, io: CliIO): Promise<PlanSession> {
  try {
    return await lockSession(session, lockOptions(run, io));
  } catch (e) {
    if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
    throw e;
  }
}

/** Print the plan, carry it out (unless --dry-run or empty) with progress on stderr, and summarise. */
export async function applySession(session: PlanSession, opts: ApplyCmdOptions, run: ApplyRunOptions, io: CliIO): Promise<number> {
  try {
    if (!opts.dryRun) await lockForApply(session, run, io);
    printPlan(session, opts, io);
    if (opts.dryRun || isEmptyPlan(session.plan)) {
      io.stdout.write(`${opts.dryRun ? 'Dry run: nothing was changed' : 'Nothing to do'}; ${requestsText(session)}.\n`);
      return EXIT.OK;
    }
    const result = await withProgress(opts, io, (progress, signal) =>
      applyChanges(session, { ...run, webDownload: opts.webDownload, readBack: opts.readBack, signal, onEvent: (e) => progress.onEvent(e) }),
    );
    printApplyResult(session, result, io);
    return result.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
  } finally {
    await closeSession(session);
  }
}

export function printPlan(session: PlanSession, opts: Pick<ApplyCmdOptions, 'color'>, io: CliIO): void {
  io.stdout.write(renderPlanText(session.plan, { color: useColor(opts.color, io.stdout, io.env) }));
}

/**
 * Progress on stderr (a bar on a terminal) while `work` runs; the first Ctrl-C aborts `signal` so
 * the current requests finish and nothing is left half-done, the second quits at once.
 */
export async function withProgress<T>(
  opts: Pick<ApplyCmdOptions, 'progress'>,
  io: CliIO,
  work: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const tty = opts.progress === 'bar' || (opts.progress === 'auto' && Boolean(io.stderr.isTTY));
  const progress = createProgress(io.stderr, tty);
  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr.write('scs-images: interrupted; finishing the current requests (Ctrl-C again to quit at once)\n');
    process.off('SIGINT', onSigint);
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(progress, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    progress.finish();
  }
}

export function printApplyResult(session: PlanSession, result: ApplyResult, io: CliIO): void {
  const n = (o: string) => result.results.filter((r) => r.outcome === o).length;
  io.stdout.write(`\nApply: ${n('done')} done, ${n('failed')} failed, ${n('skipped')} skipped (of: ${planSummary(session.plan)}); ${requestsText(session)}.\n`);
  for (const r of result.results.filter((x) => x.outcome === 'failed')) io.stdout.write(`  failed: ${r.name}: ${r.message}\n`);
}

/** `12 API requests (identity POST 1, image GET 9, image PATCH 2)`: the whole run, token included. */
export function requestsText(session: PlanSession): string {
  const s = session.cloud.client.stats.snapshot();
  const parts = Object.entries(s.byService).flatMap(([service, methods]) => Object.entries(methods).map(([m, n]) => `${service} ${m} ${n}`));
  return `${s.requests} API requests (${parts.join(', ')})`;
}
