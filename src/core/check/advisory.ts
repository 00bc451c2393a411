import type { Finding } from './result.js';

/**
 * Advisory findings: where the standard's text (or the official test) reads a rule differently
 * from the verdict this check returns. They are `level: 'info'`, never change a verdict, and are
 * recognised by their message prefix, so they survive a JSON round trip without extra fields.
 *
 * - `standard`: the verdict follows the official test; the finding says what the standard's text
 *   would require instead.
 * - `official`: the verdict deliberately differs from the official test (which would ABORT, or
 *   has an evident defect); the finding says what the official test does.
 */
export type Reading = 'standard' | 'official';

export const ADVISORY_PREFIX: Readonly<Record<Reading, string>> = {
  standard: 'advisory (standard text): ',
  official: 'advisory (official test): ',
};

export function advisoryMessage(reading: Reading, text: string): string {
  return ADVISORY_PREFIX[reading] + text;
}

export function isAdvisory(finding: Finding): boolean {
  return finding.level === 'info' && advisoryReading(finding) !== undefined;
}

/** Which reading an advisory finding describes; undefined for any other finding. */
export function advisoryReading(finding: Finding): Reading | undefined {
  if (finding.level !== 'info') return undefined;
  if (finding.message.startsWith(ADVISORY_PREFIX.standard)) return 'standard';
  if (finding.message.startsWith(ADVISORY_PREFIX.official)) return 'official';
  return undefined;
}

/** One documented difference between the official test and the standard's text (or its intent). */
export interface Difference {
  id: string;
  /** The testcase id it concerns. */
  testcase: string;
  /** Which reading the advisory findings for this difference describe. */
  reading: Reading;
  /** What the official test does (and this check's verdict follows, unless reading is `official`). */
  official: string;
  /** What the standard's text says (or, for `official`, what this check does instead). */
  standard: string;
  /** Where this is documented (the standard's lines, the official test's code). */
  reference: string;
  /** False when the difference is only documented here and no finding is emitted for it. */
  reported: boolean;
  /**
   * A phrase of the advisory findings this difference explains, where one testcase has several
   * differences; without one, the difference explains every advisory of its testcase.
   */
  signature?: string;
}
