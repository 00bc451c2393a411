/**
 * The prediction of `validate --spec/--scope/--standard` (and `adopt`'s): would the images these
 * definitions produce pass the check? Rendered as a check report; its exit code is the check's.
 */
import type { Clock } from '../core/clock.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { predict } from '../usecases/predict.js';
import { emitReport, type EmitOptions } from './emit-report.js';
import { exitCodeForReport } from './exit-codes.js';
import type { Rules } from './flags/rules.js';
import type { CliIO } from './io.js';

export async function predictionCommand(
  req: { definitions: DefinitionSet; label: string; tag: string; rules: Rules; clock: Clock },
  output: EmitOptions,
  io: CliIO,
): Promise<number> {
  const { rules } = req;
  const report = await predict({
    definitions: req.definitions,
    label: req.label,
    rules: { spec: rules.spec, standards: rules.standards, scope: rules.scope, scopeVersion: rules.scopeVersion },
    tag: req.tag,
    strict: rules.strict,
    strictReading: rules.strictReading,
    now: req.clock.now,
  });
  await emitReport(report, { ...output, color: false }, io);
  return exitCodeForReport(report);
}
