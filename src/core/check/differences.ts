import type { Difference } from './advisory.js';
import { ANY_TESTCASE, COUNTED_DIFFERENCES } from './counted-advisories.js';
import { SCS_0102_DIFFERENCES } from './scs-0102/advisories.js';
import { SCS_0104_V2_DIFFERENCES } from './scs-0104-v2/differences.js';

/** Every documented difference of every standard, for `--explain` and the README's deviations. */
export function explainDifferences(): readonly Difference[] {
  return [...SCS_0102_DIFFERENCES, ...SCS_0104_V2_DIFFERENCES];
}

/** The reported differences that explain these advisory messages of one testcase. */
export function differencesFor(testcase: string, advisoryMessages: readonly string[]): Difference[] {
  // the counting notes (counted-advisories.ts) concern whichever testcase counted the image
  return [...explainDifferences(), ...COUNTED_DIFFERENCES].filter(
    (d) =>
      (d.testcase === testcase || d.testcase === ANY_TESTCASE) &&
      d.reported &&
      (d.signature === undefined || advisoryMessages.some((m) => m.includes(d.signature as string))),
  );
}
