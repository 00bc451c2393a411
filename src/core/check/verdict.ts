import type { CheckSummary } from './result.js';

/**
 * What a check decided, for one subject (a cloud, a region, an images file), one module of it or
 * the whole run. This is the one place that decides it: buildReport stores it in the report
 * (`verdict`, per subject and overall), and the exit code and every format read it from there.
 *
 * - `not-compliant`: some counted testcase FAILed. A FAIL decides even when something else could
 *   not be checked (another cloud unreachable, an ABORT elsewhere): what was seen already fails.
 * - `no-verdict`: nothing counted failed, but something could not be decided by this check (a
 *   subject that could not be listed, an ABORT of its own, or nothing checked at all). Never
 *   called non-compliant.
 * - `inconclusive`: every counted testcase was decided, none FAILed, and at least one ABORTed
 *   because the official test itself aborts on this input (`officialAbort`: it raises, e.g. on an
 *   image without custom properties). The SCS compliance monitor counts such a version as passed
 *   with an asterisk (✅*): this is the certificate's view, not a pass.
 * - `compliant`: every counted testcase of every subject passed.
 */
export const COMPLIANCE_VERDICTS = ['compliant', 'not-compliant', 'no-verdict', 'inconclusive'] as const;
export type ComplianceVerdict = (typeof COMPLIANCE_VERDICTS)[number];

/**
 * The verdict of one subject (or of one module in it) from its counts (see `summarize`; warnings
 * never count) and the subject's error, if it could not be checked. `officialAborts` (of
 * `aborted`) are the ABORTs the official test shares; without it every ABORT is this check's own.
 */
export function verdictOf(summary: Pick<CheckSummary, 'failed' | 'aborted'> & { officialAborts?: number }, error?: string): ComplianceVerdict {
  if (summary.failed > 0) return 'not-compliant';
  if (error !== undefined || summary.aborted > (summary.officialAborts ?? 0)) return 'no-verdict';
  if (summary.aborted > 0) return 'inconclusive';
  return 'compliant';
}

/**
 * The verdict over several subjects: one not compliant decides; otherwise one without a verdict
 * does; otherwise one inconclusive does. No subject at all is no verdict (nothing was checked),
 * never compliant.
 */
export function overallVerdictOf(verdicts: readonly ComplianceVerdict[]): ComplianceVerdict {
  if (verdicts.includes('not-compliant')) return 'not-compliant';
  if (verdicts.length === 0 || verdicts.includes('no-verdict')) return 'no-verdict';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return 'compliant';
}
