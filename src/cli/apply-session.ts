/**
 * One apply session shown to people, the same in `apply`, `ensure` and `manage`: take the lease,
 * print the plan, ask (on a terminal), carry it out with progress on stderr, and report.
 */
import type { ApplyResult } from '../apply/types.js';
import { isEmptyPlan } from '../core/plan/types.js';
import { clipEchoed } from '../core/text/clip.js';
import { applyJsonDocument, statusOf, type ApplyJson, type ApplyStatus } from '../reporters/apply-json.js';
import { renderApplyResult } from '../reporters/apply-text.js';
import { renderFindings } from '../reporters/doctor-text.js';
import { renderPlanText } from '../reporters/plan-text.js';
import { applyChanges, lockSession, StalePlanError, type LockOptions } from '../usecases/apply.js';
import { preflight } from '../usecases/apply-preflight.js';
import { closeSession, type PlanSession } from '../usecases/plan.js';
import { safeOutput } from '../util/redact.js';
import { VERSION } from '../version.js';
import { useColor } from './colour.js';
import { askApproval } from './confirm.js';
import { EXIT, ExitError } from './exit-codes.js';
import type { ImportRun, Imports, ProgressDisplay } from './flags/imports.js';
import { catchInterrupt, type Interrupt } from './interrupt.js';
import type { CliIO } from './io.js';
import { createProgress, type ProgressReporter } from './progress.js';

/** Where apply's output goes and whether to ask. */
export interface ApplyView {
  /** Keep the JSON document (returned, for stdout or a fleet document) and send the text for people to `out`. */
  json: boolean;
  ask: boolean;
  /** The plan and the results for people. */
  out: CliIO['stdout'];
  color: boolean;
  dryRun: boolean;
}

/** How a session ended: the exit code, and the JSON document of the run. */
export interface SessionEnd {
  code: number;
  document: ApplyJson;
}

/** The lease of apply and ensure: waiting and take-overs are said on stderr (main.ts maps a held lease to exit 1). */
export function lockOptions(run: ImportRun, io: CliIO, signal?: AbortSignal): LockOptions {
  return {
    ...run.lock,
    ...(signal ? { signal } : {}),
    onWait: (h) => io.stderr.write(`scs-images: waiting for another apply on this project and tag: ${h.holder} (last renewed ${h.renewedAt})\n`),
    onTakeOver: (h, why) => io.stderr.write(`scs-images: removed the lease of ${h.holder}: ${why}\n`),
  };
}

/** A plan file made stale is the run's failure (exit 1), not bad input. */
export async function openOrStale(open: () => Promise<PlanSession>): Promise<PlanSession> {
  try {
    return await open();
  } catch (e) {
    if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
    throw e;
  }
}

/**
 * Carry out one session. Ctrl-C is caught from the start: before the first change it ends the run
 * with nothing changed, during the changes it lets the ones under way finish (cli/interrupt.ts);
 * both exit 130.
 */
export async function applySession(session: PlanSession, imports: Imports, io: CliIO, view: ApplyView): Promise<SessionEnd> {
  const interrupt = catchInterrupt(io);
  const end = (status: ApplyStatus, code: number, result?: ApplyResult): SessionEnd => ({
    code,
    document: applyJsonDocument({
      toolVersion: VERSION,
      status,
      plan: session.plan,
      requests: session.cloud.client.stats.snapshot(),
      ...(result ? { result } : {}),
    }),
  });
  const unchanged = (status: ApplyStatus, text: string, code: number): SessionEnd => {
    view.out.write(`${text}; ${requestsText(session)}.\n`);
    return end(status, code);
  };
  try {
    // before the lease (itself an image): a refused plan leaves the cloud as it was
    if (!view.dryRun && !imports.skipPreflight && !isEmptyPlan(session.plan)) await stopWhenRefused(session, io, view.color);
    if (!view.dryRun) await lockForApply(session, imports.run, io, interrupt);
    printPlan(session, view.color, { ...io, stdout: view.out });
    if (view.dryRun) return unchanged('dry-run', 'Dry run: nothing was changed', EXIT.OK);
    if (isEmptyPlan(session.plan)) return unchanged('no-changes', 'Nothing to do', EXIT.OK);
    if (view.ask) {
      const cloud = session.plan.cloud;
      const where = `cloud ${cloud.name} (project ${cloud.projectId})`;
      const answer = await askApproval(io, `\nMake these changes to ${where}? Only 'yes' goes ahead, anything else cancels: `, interrupt.signal);
      if (answer === 'no') return unchanged('cancelled', 'Apply cancelled: nothing was changed', EXIT.NOT_COMPLIANT);
      // Ctrl-C at the question is a key, not a signal: make it the run's interrupt
      if (answer === 'interrupted') interrupt.trigger();
    }
    if (interrupt.signal.aborted) return unchanged('interrupted', 'Interrupted before the first change: nothing was changed', EXIT.INTERRUPTED);
    const result = await withProgress(imports.progress, io, (progress) =>
      applyChanges(session, {
        ...imports.run,
        webDownload: imports.webDownload,
        readBack: imports.readBack,
        mirrorFallback: imports.mirrorFallback,
        signal: interrupt.signal,
        onEvent: (e) => progress.onEvent(e),
      }),
    );
    printApplyResult(session, result, { ...io, stdout: view.out });
    // a lost lease interrupts too, but that run did not do its job (exit 1); Ctrl-C is the user's
    const code = result.interrupted && interrupt.signal.aborted ? EXIT.INTERRUPTED : result.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
    return end(statusOf(result), code, result);
  } catch (e) {
    // Ctrl-C while waiting for the lease or planning under it: nothing was changed yet
    if (interrupt.signal.aborted && !(e instanceof ExitError))
      return unchanged('interrupted', 'Interrupted before the first change: nothing was changed', EXIT.INTERRUPTED);
    throw e;
  } finally {
    try {
      await closeSession(session);
    } finally {
      interrupt.dispose();
    }
  }
}

/**
 * Doctor's findings for this plan (usecases/apply-preflight.ts): warnings are said once on stderr,
 * a blocker ends the run before anything changed (exit 1), as doctor prints it.
 */
export async function stopWhenRefused(session: PlanSession, io: CliIO, color: boolean): Promise<void> {
  const { blockers, warnings } = await preflight(session, new Date());
  const paint = useColor(color, io.stderr, io.env);
  if (warnings.length > 0) io.stderr.write(`scs-images: preflight (as doctor sees this cloud):\n${renderFindings(warnings, { color: paint })}`);
  if (blockers.length === 0) return;
  const cloud = session.plan.cloud;
  throw new ExitError(
    EXIT.NOT_COMPLIANT,
    `error: cloud ${cloud.name} (project ${cloud.projectId}) would refuse this plan midway; nothing was changed (preflight, as doctor sees it):\n${renderFindings(
      blockers,
      { color: false },
    )}hint: change what is named above, or run again with --skip-preflight if the finding is wrong for this cloud`,
  );
}

async function lockForApply(session: PlanSession, run: ImportRun, io: CliIO, interrupt: Interrupt): Promise<PlanSession> {
  return openOrStale(() => lockSession(session, lockOptions(run, io, interrupt.signal)));
}

export function printPlan(session: PlanSession, color: boolean, io: CliIO): void {
  io.stdout.write(renderPlanText(session.plan, { color: useColor(color, io.stdout, io.env) }));
}

/** Progress on stderr (a bar on a terminal) while `work` runs. */
export async function withProgress<T>(display: ProgressDisplay, io: CliIO, work: (progress: ProgressReporter) => Promise<T>): Promise<T> {
  const progress = createProgress(io.stderr, display.tty, Date.now, { intervalMs: display.intervalMs });
  try {
    return await work(progress);
  } finally {
    progress.finish();
  }
}

export function printApplyResult(session: PlanSession, result: ApplyResult, io: CliIO): void {
  io.stdout.write(renderApplyResult(session.plan, result, requestsText(session)));
}

/** `12 API requests (identity POST 1, image GET 9, image PATCH 2)`: the whole run, token included. */
export function requestsText(session: PlanSession): string {
  const s = session.cloud.client.stats.snapshot();
  const parts = Object.entries(s.byService).flatMap(([service, methods]) => Object.entries(methods).map(([m, n]) => `${service} ${m} ${n}`));
  return `${s.requests} API requests (${parts.join(', ')})`;
}

/** An error as main.ts prints it: redacted and clipped (it may quote a hostile value). */
export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message.replace(/^error: /, '') : String(e);
  return clipEchoed(safeOutput(message), 2000);
}
