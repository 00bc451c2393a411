import type { ApplyResult } from '../../apply/types.js';
import { clipEchoed } from '../../core/text/clip.js';
import { isEmptyPlan } from '../../core/plan/types.js';
import { renderApplyJson, statusOf, type ApplyStatus } from '../../reporters/apply-json.js';
import { renderApplyResult } from '../../reporters/apply-text.js';
import { renderPlanText } from '../../reporters/plan-text.js';
import { readPlans } from '../../core/plan/plan-file.js';
import type { Plan } from '../../core/plan/types.js';
import { readInputFile } from '../../inputs/read-file.js';
import { applyChanges, lockSession, openPlan, StalePlanError, type LockOptions } from '../../usecases/apply.js';
import { isFleet, resolveTargets, type FleetTarget } from '../../usecases/fleet.js';
import { runFleetCommand } from '../fleet-run.js';
import { closeSession, makePlan, type PlanSession } from '../../usecases/plan.js';
import { redactOutput } from '../../util/redact.js';
import { VERSION } from '../../version.js';
import { useColor } from '../colour.js';
import { askApproval, mustAsk } from '../confirm.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { catchInterrupt, type Interrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { cloudFrom, fleetRunFrom, fleetSelectionFrom, planRequestFrom, type ManageOptions } from '../manage-options.js';
import { parseCount, parseSeconds } from '../options.js';
import type { SelectionFlags } from '../selection-options.js';
import { createProgress, type ProgressReporter } from '../progress.js';

export interface ApplyCmdOptions extends ManageOptions {
  dryRun?: boolean;
  parallel: string;
  importTimeout: string;
  stuckTimeout: string;
  webDownload: boolean;
  readBack: boolean;
  /** `--mirror-fallback`: a failing mirror_url is retried from the upstream url. */
  mirrorFallback?: boolean;
  lock: boolean;
  lockTimeout: string;
  progress: 'auto' | 'bar' | 'plain';
  progressInterval: string;
  /** `--auto-approve` / `--yes`: no confirmation on a terminal. */
  autoApprove?: boolean;
  yes?: boolean;
}

/**
 * `scs-images apply [plan.json]`: 0 everything applied (or nothing to do), 1 a change failed, the
 * saved plan is stale, another run holds the lease, or the confirmation was declined, 2 bad input,
 * 3 the cloud could not be reached, 130 interrupted (Ctrl-C).
 */
export async function applyCommand(planFile: string | undefined, opts: ApplyCmdOptions & { format?: 'text' | 'json' }, io: CliIO): Promise<number> {
  if (planFile && opts.images)
    throw new ExitError(EXIT.USAGE, 'error: give either a plan file or --images, not both (a plan file carries its definitions and flags)');
  if (!planFile && !opts.images) throw new ExitError(EXIT.USAGE, 'error: apply needs --images PATH or a plan file from `plan --out`');
  const selecting = opts as SelectionFlags;
  if (planFile && (selecting.filter !== undefined || selecting.latest || selecting.maxAge !== undefined))
    throw new ExitError(EXIT.USAGE, 'error: --filter, --latest and --max-age choose what a plan contains; give them to `plan`, not with a plan file');
  const json = opts.format === 'json';
  const approval = { planFile: planFile !== undefined, autoApprove: Boolean(opts.autoApprove || opts.yes), dryRun: opts.dryRun === true, io };
  // the question would land in the JSON on stdout; Terraform's -json refuses the same way
  if (json && mustAsk(approval))
    throw new ExitError(EXIT.USAGE, 'error: --format json cannot ask for confirmation on a terminal: add --auto-approve, or apply a plan file');
  const run = applyRunOptions(opts);
  const selection = fleetSelectionFrom(opts);
  const plans = planFile ? readPlans(await readInputFile(planFile), planFile) : undefined;
  if (isFleet(selection) || (plans !== undefined && plans.length > 1)) {
    if (mustAsk(approval))
      throw new ExitError(
        EXIT.USAGE,
        'error: an apply over several clouds does not ask on a terminal: add --auto-approve, or apply a plan file from `plan --out`',
      );
    return fleetApply(planFile, plans, opts, run, io);
  }
  const view: ApplyView = { json, ask: mustAsk(approval), out: json ? io.stderr : io.stdout, progress: progressDisplay(opts, io) };
  try {
    let session: PlanSession;
    try {
      session = planFile
        ? await openPlan(plans?.[0] as Plan, planFile, cloudFrom(opts, io))
        : await makePlan(await planRequestFrom({ ...opts, images: opts.images as string }, io));
    } catch (e) {
      if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
      throw e;
    }
    return await applySession(session, opts, run, io, view);
  } catch (e) {
    // CI reading stdout gets a document for every run that got past the flags; main.ts still says why on stderr
    if (json && !(e instanceof ExitError && e.code === EXIT.USAGE))
      io.stdout.write(renderApplyJson({ toolVersion: VERSION, status: 'error', error: errorText(e) }));
    throw e;
  }
}

/**
 * apply over several clouds/regions: each target plans (or takes its plan from the fleet's plan
 * file) and applies on its own, `--concurrency` at a time; a failing or unreachable cloud is that
 * cloud's outcome, and the others go on (or, with --fail-fast, no new one starts). Nothing is
 * rolled back anywhere.
 */
async function fleetApply(
  planFile: string | undefined,
  plans: Plan[] | undefined,
  opts: ApplyCmdOptions & { format?: 'text' | 'json' },
  run: ApplyRunOptions,
  io: CliIO,
): Promise<number> {
  const fleet = { ...fleetRunFrom(opts), json: opts.format === 'json' };
  const connection = cloudFrom(opts, io);
  const progress = progressDisplay(opts, io);
  const view = (out: CliIO): ApplyView => ({ json: fleet.json, ask: false, out: fleet.json ? out.stderr : out.stdout, progress });
  if (planFile !== undefined && plans !== undefined) {
    const targets: FleetTarget[] = plans.map((p) => ({ cloud: p.cloud.name, region: p.cloud.region }));
    return runFleetCommand(targets, fleet, io, async (target, out) => {
      const plan = plans[targets.indexOf(target)] as Plan;
      return applySessionOrStale(() => openPlan(plan, planFile, { ...connection, cloud: target.cloud, region: target.region }), opts, run, out, view(out));
    });
  }
  const request = await planRequestFrom({ ...opts, images: opts.images as string }, io);
  const targets = await resolveTargets(fleetSelectionFrom(opts), request.cloud, fleet.concurrency);
  return runFleetCommand(targets, fleet, io, (target, out) =>
    applySessionOrStale(() => makePlan({ ...request, cloud: { ...request.cloud, cloud: target.cloud, region: target.region } }), opts, run, out, view(out)),
  );
}

async function applySessionOrStale(open: () => Promise<PlanSession>, opts: ApplyCmdOptions, run: ApplyRunOptions, io: CliIO, view: ApplyView): Promise<number> {
  let session: PlanSession;
  try {
    session = await open();
  } catch (e) {
    if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
    throw e;
  }
  return applySession(session, opts, run, io, view);
}

/** Where apply's output goes: JSON on stdout (and the plan on stderr), or text on stdout; and whether to ask. */
export interface ApplyView {
  json: boolean;
  ask: boolean;
  /** The plan and the results for people. */
  out: CliIO['stdout'];
  progress: ProgressDisplay;
}

export interface ApplyRunOptions {
  concurrency: number;
  importTimeoutMs: number;
  stuckMs: number;
  lock: { enabled: boolean; waitMs: number };
  /** `manage`'s --stuck-retry + 1 and --prefetch never (absent: one attempt, then the streamed fallback). */
  webDownloadAttempts?: number;
  streamFallback?: boolean;
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

/**
 * Take the lease, print the plan, ask (on a terminal), carry it out with progress on stderr, and
 * report. Ctrl-C is caught from the start: before the first change it ends the run with nothing
 * changed, during the changes it lets the ones under way finish (cli/interrupt.ts); both exit 130.
 */
export async function applySession(session: PlanSession, opts: ApplyCmdOptions, run: ApplyRunOptions, io: CliIO, view: ApplyView): Promise<number> {
  const interrupt = catchInterrupt(io);
  const json = (status: ApplyStatus, result?: ApplyResult): void => {
    if (view.json)
      io.stdout.write(
        renderApplyJson({ toolVersion: VERSION, status, plan: session.plan, requests: session.cloud.client.stats.snapshot(), ...(result ? { result } : {}) }),
      );
  };
  const unchanged = (status: ApplyStatus, text: string, code: number): number => {
    view.out.write(`${text}; ${requestsText(session)}.\n`);
    json(status);
    return code;
  };
  try {
    if (!opts.dryRun) await lockForApply(session, run, io, interrupt);
    printPlan(session, opts, { ...io, stdout: view.out });
    if (opts.dryRun) return unchanged('dry-run', 'Dry run: nothing was changed', EXIT.OK);
    if (isEmptyPlan(session.plan)) return unchanged('no-changes', 'Nothing to do', EXIT.OK);
    if (view.ask) {
      const where = `cloud ${session.plan.cloud.name} (project ${session.plan.cloud.projectId})`;
      const answer = await askApproval(io, `\nMake these changes to ${where}? Only 'yes' goes ahead, anything else cancels: `, interrupt.signal);
      if (answer === 'no') return unchanged('cancelled', 'Apply cancelled: nothing was changed', EXIT.NOT_COMPLIANT);
      // Ctrl-C at the question is a key, not a signal: make it the run's interrupt
      if (answer === 'interrupted') interrupt.trigger();
    }
    if (interrupt.signal.aborted) return unchanged('interrupted', 'Interrupted before the first change: nothing was changed', EXIT.INTERRUPTED);
    const result = await withProgress(view.progress, io, (progress) =>
      applyChanges(session, {
        ...run,
        webDownload: opts.webDownload,
        readBack: opts.readBack,
        mirrorFallback: opts.mirrorFallback ?? false,
        signal: interrupt.signal,
        onEvent: (e) => progress.onEvent(e),
      }),
    );
    printApplyResult(session, result, { ...io, stdout: view.out });
    json(statusOf(result), result);
    // a lost lease interrupts too, but that run did not do its job (exit 1); Ctrl-C is the user's
    if (result.interrupted && interrupt.signal.aborted) return EXIT.INTERRUPTED;
    return result.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
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

async function lockForApply(session: PlanSession, run: ApplyRunOptions, io: CliIO, interrupt: Interrupt): Promise<PlanSession> {
  try {
    return await lockSession(session, lockOptions(run, io, interrupt.signal));
  } catch (e) {
    if (e instanceof StalePlanError) throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${e.message}`);
    throw e;
  }
}

export function printPlan(session: PlanSession, opts: Pick<ApplyCmdOptions, 'color'>, io: CliIO): void {
  io.stdout.write(renderPlanText(session.plan, { color: useColor(opts.color, io.stdout, io.env) }));
}

export interface ProgressDisplay {
  tty: boolean;
  intervalMs: number;
}

/** --progress and --progress-interval, checked before anything is read. */
export function progressDisplay(opts: Pick<ApplyCmdOptions, 'progress' | 'progressInterval'>, io: CliIO): ProgressDisplay {
  return {
    tty: opts.progress === 'bar' || (opts.progress === 'auto' && Boolean(io.stderr.isTTY)),
    intervalMs: parseSeconds(opts.progressInterval ?? '30', '--progress-interval') * 1000,
  };
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
function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message.replace(/^error: /, '') : String(e);
  return clipEchoed(redactOutput(message), 2000);
}
