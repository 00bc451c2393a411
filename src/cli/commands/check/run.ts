import { runCheck } from '../../../usecases/check/run-check.js';
import { redactOutput } from '../../../util/redact.js';
import { assertWritableOutput, emitReport } from '../../emit-report.js';
import { EXIT, exitCodeForReport } from '../../exit-codes.js';
import { imageSource } from '../../flags/catalogue.js';
import type { CheckRun } from './index.js';

/** `scs-images check`: 0 compliant, 1 not compliant, 2 bad input (thrown), 3 could not finish. */
export async function run({ flags, io }: CheckRun): Promise<number> {
  const { rules, catalogue, output, clock } = flags;
  const source = imageSource(catalogue, flags.clouds, flags.connection);
  await assertWritableOutput(output.file);
  const report = await runCheck({
    rules: { spec: rules.spec, standards: rules.standards, scope: rules.scope, scopeVersion: rules.scopeVersion, withRecommended: rules.withRecommended },
    source,
    selection: catalogue.selection,
    allCommunity: catalogue.allCommunity,
    strict: rules.strict,
    strictReading: rules.strictReading,
    now: clock.now,
    env: io.env,
  });
  // a cloud that could not be listed is said first: on a terminal it stays above the report
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.kind} ${s.subject.name}: ${redactOutput(s.error)}\n`);
  }
  await emitReport(report, output, io);
  const code = exitCodeForReport(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the check could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}
