import { isEmptyPlan } from '../../core/plan/types.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import type { ReportFormat } from '../../reporters/index.js';
import { ensure } from '../../usecases/ensure.js';
import { redactOutput } from '../../util/redact.js';
import { emitReport, assertWritableOutput } from '../emit-report.js';
import { exitCodeForReport, EXIT, ExitError } from '../exit-codes.js';
import { catchInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { cloudFrom, fleetRunFrom, fleetSelectionFrom, policyFrom } from '../manage-options.js';
import { isFleet, resolveTargets } from '../../usecases/fleet.js';
import { runFleetCommand } from '../fleet-run.js';
import { parseNow } from '../options.js';
import { applyRunOptions, lockOptions, printApplyResult, printPlan, progressDisplay, requestsText, withProgress, type ApplyCmdOptions } from './apply.js';

export interface EnsureOptions extends ApplyCmdOptions {
  images: string;
  spec?: string;
  standard?: string[];
  scope?: string;
  scopeVersion?: string;
  strict?: boolean;
  format: ReportFormat;
  output?: string;
}

/**
 * `scs-images ensure`: validate (and predict), plan + apply, then check. The cloud ends compliant
 * (exit 0), or the command ends non-zero saying what is still unmet: 1 when the definitions cannot
 * make it comply, an apply step failed, or the check still fails; 2 bad input; 3 no verdict.
 * The prediction and the apply go to stderr; the final check report is the command's output.
 */
export async function ensureCommand(opts: EnsureOptions, io: CliIO): Promise<number> {
  const selection = fleetSelectionFrom(opts);
  if (isFleet(selection)) return fleetEnsure(opts, io);
  const say = (s: string) => io.stderr.write(`ensure: ${s}\n`);
  const steps: CliIO = { ...io, stdout: io.stderr };
  // every flag first, and one clock for the prediction, the plan and the check
  const now = parseNow(opts.now);
  const policy = policyFrom(opts);
  const run = applyRunOptions(opts);
  const display = progressDisplay(opts, io);
  await assertWritableOutput(opts.output);

  say(`1/3 validating ${opts.images} and predicting the result`);
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);

  const interrupt = catchInterrupt(io);
  const signal = interrupt.signal;
  const outcome = await withProgress(display, io, (progress) =>
    ensure(
      {
        definitions,
        label: opts.images,
        rules: { spec: opts.spec, standards: opts.standard ?? [], scope: opts.scope, scopeVersion: opts.scopeVersion },
        tag: opts.tag,
        policy,
        includeDisabled: opts.force ?? false,
        strict: opts.strict ?? false,
        now,
        cloud: cloudFrom(opts, io),
        apply: { ...run, webDownload: opts.webDownload, readBack: opts.readBack, mirrorFallback: opts.mirrorFallback ?? false, signal },
        lock: lockOptions(run, io, signal),
      },
      {
        predicted: async (report) => {
          await emitReport(report, { format: 'text', color: false }, steps);
          if (report.compliant) say('2/3 applying the definitions');
        },
        planned: (session) => {
          printPlan(session, opts, steps);
          if (isEmptyPlan(session.plan)) io.stderr.write(`Nothing to do; ${requestsText(session)}.\n`);
        },
        applyEvent: (e) => progress.onEvent(e),
        applied: (session, result) => printApplyResult(session, result, steps),
        checking: () => say('3/3 checking the cloud'),
      },
    ),
  ).finally(() => interrupt.dispose());

  if (outcome.step === 'predict') {
    say('the definitions cannot make the cloud comply (see the prediction above); nothing was changed');
    return exitCodeForReport(outcome.prediction);
  }
  if (outcome.step === 'apply') {
    say('apply did not finish cleanly (see above); the cloud was not checked');
    return outcome.result.interrupted && signal.aborted ? EXIT.INTERRUPTED : EXIT.NOT_COMPLIANT;
  }
  await emitReport(outcome.report, opts, io);
  for (const s of outcome.report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.name}: ${redactOutput(s.error)}\n`);
  }
  const code = exitCodeForReport(outcome.report);
  const verdictLine = {
    compliant: 'the cloud is compliant',
    'not-compliant': 'the cloud is still not compliant: the report above names each unmet testcase and image',
    'no-verdict': 'no verdict: the check could not decide (the report above names what could not be checked)',
  } as const;
  say(verdictLine[outcome.report.verdict]);
  return code;
}

/**
 * ensure over several clouds/regions: the single-cloud ensure on each, `--concurrency` at a time,
 * each report in its block (or, with -f json, in the fleet document); one cloud's failure is its own.
 */
async function fleetEnsure(opts: EnsureOptions, io: CliIO): Promise<number> {
  if (opts.output)
    throw new ExitError(EXIT.USAGE, 'error: -o/--output takes one report; over several clouds the reports go to stdout (use -f json for one document)');
  const run = fleetRunFrom(opts);
  policyFrom(opts);
  applyRunOptions(opts);
  const cloud = cloudFrom(opts, io);
  const targets = await resolveTargets(fleetSelectionFrom(opts), cloud, run.concurrency);
  const single = { ...opts, allClouds: false, allRegions: false };
  return runFleetCommand(targets, { ...run, json: opts.format === 'json' }, io, (t, out) =>
    ensureCommand({ ...single, cloud: t.cloud ? [t.cloud] : [], region: t.region ? [t.region] : [] }, out),
  );
}
