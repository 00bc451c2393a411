import type { DefinitionSet } from '../../../core/definitions/types.js';
import { isEmptyPlan } from '../../../core/plan/types.js';
import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { ensure as ensureCloud } from '../../../usecases/ensure.js';
import { isFleet, resolveTargets, type FleetTarget } from '../../../usecases/fleet.js';
import { safeOutput } from '../../../util/redact.js';
import { lockOptions, printApplyResult, printPlan, requestsText, stopWhenRefused, withProgress } from '../../apply-session.js';
import { assertWritableOutput, emitReport } from '../../emit-report.js';
import { EXIT, ExitError, exitCodeForReport } from '../../exit-codes.js';
import { runFleetCommand, type TargetResult } from '../../fleet-view.js';
import { catchInterrupt } from '../../interrupt.js';
import type { CliIO } from '../../io.js';
import { firstTarget } from '../../plan-request.js';
import type { EnsureRun } from './index.js';

type EnsureFlags = EnsureRun['flags'];

/**
 * `scs-images ensure`: validate (and predict), plan + apply, then check. The cloud ends compliant
 * (exit 0), or the command ends non-zero saying what is still unmet: 1 when the definitions cannot
 * make it comply, an apply step failed, or the check still fails; 2 bad input; 3 no verdict.
 * The prediction and the apply go to stderr; the final check report is the command's output.
 *
 * Over several clouds/regions the same steps run on each, `--concurrency` at a time, with the one
 * clock and the definitions read once; each report is in its block (or, with -f json, in the
 * fleet document); one cloud's failure is its own.
 */
export async function run({ flags, io }: EnsureRun): Promise<number> {
  const path = flags.definitions.path as string;
  if (!isFleet(flags.clouds.selection)) {
    await assertWritableOutput(flags.output.file);
    io.stderr.write(`ensure: 1/3 validating ${path} and predicting the result\n`);
    const definitions = await loadDefinitions(path);
    for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
    return (await ensureOne(flags, definitions, firstTarget(flags.clouds.selection), io, false)).code;
  }
  if (flags.output.file)
    throw new ExitError(EXIT.USAGE, 'error: -o/--output takes one report; over several clouds the reports go to stdout (use -f json for one document)');
  const definitions = await loadDefinitions(path);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const { clouds } = flags;
  const targets = await resolveTargets(clouds.selection, { ...flags.connection, env: io.env }, clouds.concurrency);
  return runFleetCommand(targets, { ...clouds, json: flags.output.format === 'json' }, io, (target: FleetTarget, out) =>
    ensureOne(flags, definitions, target, out, true),
  );
}

async function ensureOne(
  flags: EnsureFlags,
  definitions: DefinitionSet,
  target: { cloud?: string | undefined; region?: string | undefined },
  io: CliIO,
  inFleet: boolean,
): Promise<TargetResult> {
  const say = (s: string) => io.stderr.write(`ensure: ${s}\n`);
  const steps: CliIO = { ...io, stdout: io.stderr };
  const { rules, output, imports } = flags;
  const json = inFleet && output.format === 'json';
  const interrupt = catchInterrupt(io);
  const signal = interrupt.signal;
  const outcome = await withProgress(imports.progress, io, (progress) =>
    ensureCloud(
      {
        definitions,
        label: flags.definitions.path as string,
        rules: { spec: rules.spec, standards: rules.standards, scope: rules.scope, scopeVersion: rules.scopeVersion },
        tag: flags.definitions.tag,
        policy: flags.policy,
        includeDisabled: flags.definitions.includeDisabled,
        strict: rules.strict,
        strictReading: rules.strictReading,
        now: flags.clock.now,
        cloud: { ...flags.connection, ...target, env: io.env },
        apply: { ...imports.run, webDownload: imports.webDownload, readBack: imports.readBack, mirrorFallback: imports.mirrorFallback, signal },
        lock: lockOptions(imports.run, io, signal),
      },
      {
        predicted: async (report) => {
          await emitReport(report, { format: 'text', color: false }, steps);
          if (report.compliant) say('2/3 applying the definitions');
        },
        planned: (session) => {
          printPlan(session, output.color, steps);
          if (isEmptyPlan(session.plan)) io.stderr.write(`Nothing to do; ${requestsText(session)}.\n`);
        },
        ...(imports.skipPreflight ? {} : { preflight: (session) => stopWhenRefused(session, io, output.color) }),
        applyEvent: (e) => progress.onEvent(e),
        applied: (session, result) => printApplyResult(session, result, steps),
        checking: () => say('3/3 checking the cloud'),
      },
    ),
  ).finally(() => interrupt.dispose());

  if (outcome.step === 'predict') {
    say('the definitions cannot make the cloud comply (see the prediction above); nothing was changed');
    return { code: exitCodeForReport(outcome.prediction) };
  }
  if (outcome.step === 'apply') {
    say('apply did not finish cleanly (see above); the cloud was not checked');
    return { code: outcome.result.interrupted && signal.aborted ? EXIT.INTERRUPTED : EXIT.NOT_COMPLIANT };
  }
  if (!json) await emitReport(outcome.report, output, io);
  for (const s of outcome.report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.name}: ${safeOutput(s.error)}\n`);
  }
  const code = exitCodeForReport(outcome.report);
  const verdictLine = {
    compliant: 'the cloud is compliant',
    'not-compliant': 'the cloud is still not compliant: the report above names each unmet testcase and image',
    'no-verdict': 'no verdict: the check could not decide (the report above names what could not be checked)',
    inconclusive:
      'inconclusive: nothing failed, but the official test aborts on some image (the report above names it); the SCS dashboard shows the version as passed with an asterisk (✅*)',
  } as const;
  say(verdictLine[outcome.report.verdict]);
  return { code, document: outcome.report };
}
