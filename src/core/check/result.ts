import type { ImageRef } from '../images/image.js';
import { verdictOf } from './verdict.js';

/** A testcase's outcome, as the SCS compliance check prints it. */
const VERDICTS = ['PASS', 'FAIL', 'ABORT'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How much a testcase counts toward the overall verdict:
 * - `mandatory`: a FAIL makes the subject non-compliant, an ABORT leaves it without a verdict
 *   (or inconclusive, where the official test aborts too; see verdict.ts);
 * - `recommended`: a FAIL is a warning; it only decides the verdict with `--strict`.
 */
export type Requirement = 'mandatory' | 'recommended';

export type FindingLevel = 'error' | 'warning' | 'info';

/** One observation behind a verdict: what is wrong (or notable), about which image, and why. */
export interface Finding {
  level: FindingLevel;
  /** Human sentence; names the image, the value and the rule. */
  message: string;
  image?: ImageRef;
  property?: string;
  /** The offending value as found (absent when the property is missing). */
  value?: unknown;
  /** What would have been accepted, e.g. the allowed `image_source` prefixes. */
  expected?: string[];
}

export interface TestcaseResult {
  /** SCS testcase id, e.g. `scs-0104-source-ubuntu-2404`. */
  id: string;
  description: string;
  requirement: Requirement;
  verdict: Verdict;
  findings: Finding[];
  /** The images the testcase looked at (matched by name or name scheme). */
  images: ImageRef[];
  /** The spec entry (its `name`) this testcase was derived from. */
  entry?: string;
  /** The module (see CheckReport.modules) this testcase belongs to. */
  module?: string;
  /**
   * Set on an ABORT that is the official test's own verdict: it raises on this input (an image
   * without custom properties, without a name, ...; see official-aborts.ts), so the SCS dashboard
   * shows the testcase as ABORT too. Absent on an ABORT because this check could not decide (the
   * subject could not be listed, an export without properties).
   */
  officialAbort?: true;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  aborted: number;
  /**
   * Of `aborted`, those with `officialAbort`: the official test aborts them as well, and the
   * dashboard counts them as passed with an asterisk (inconclusive, see verdict.ts).
   */
  officialAborts: number;
  /** FAILs and ABORTs of recommended testcases (counted as failed/aborted only when strict). */
  warnings: number;
}

export function summarize(results: readonly TestcaseResult[], strict: boolean): CheckSummary {
  const summary: CheckSummary = { passed: 0, failed: 0, aborted: 0, officialAborts: 0, warnings: 0 };
  for (const r of results) {
    if (r.verdict === 'PASS') summary.passed++;
    else if (r.requirement === 'recommended' && !strict) summary.warnings++;
    else if (r.verdict === 'ABORT') {
      summary.aborted++;
      if (r.officialAbort) summary.officialAborts++;
    } else summary.failed++;
  }
  return summary;
}

/** Compliant iff no counted testcase failed or aborted (verdict.ts decides). */
export function isCompliant(results: readonly TestcaseResult[], strict: boolean): boolean {
  return verdictOf(summarize(results, strict)) === 'compliant';
}
