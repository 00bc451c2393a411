import type { CheckSummary } from './result.js';

/**
 * What a check decided, for one subject (a cloud, a region, an images file), one module of it or
 * the whole run. This is the one place that decides it: buildReport stores it in the report
 * (`verdict`, per subject and overall), and the exit code and every format read it from there.
 *
 * - `not-compliant`: some counted testcase FAILed. A FAIL decides even when something else could
 *   not be checked (another cloud unreachable, an ABORT elsewhere): what was seen already fails.
 * - `no-verdict`: nothing counted failed, but something could not be decided (a counted ABORT, a
 *   subject that could not be listed, or nothing checked at all). Never called non-compliant.
 * - `compliant`: every counted testcase of every subject passed.
 */
export const COMPLIANCE_VERDICTS = ['compliant', 'not-compliant', 'no-verdict'] as const;
export type ComplianceVerdict = (typeof COMPLIANCE_VERDICTS)[number];

/**
 * The verdict of one subject (or of one module in it) from its counts (see `summarize`; warnings
 * never count) and the subject's error, if it could not be checked.
 */
export function verdictOf(summary: Pick<CheckSummary, 'failed' | 'aborted'>, error?: string): ComplianceVerdict {
  if (summary.failed > 0) return 'not-compliant';
  if (summary.aborted > 0 || error !== undefined) return 'no-verdict';
  return 'compliant';
}

/**
 * The verdict over several subjects: one not compliant decides; otherwise one without a verdict
 * does. No subject at all is no verdict (nothing was checked), never compliant.
 */
export function overallVerdictOf(verdicts: readonly ComplianceVerdict[]): ComplianceVerdict {
  if (verdicts.includes('not-compliant')) return 'not-compliant';
  if (verdicts.length === 0 || verdicts.includes('no-verdict')) return 'no-verdict';
  return 'compliant';
}
