/**
 * Which Ubuntu LTS the official scs-0104 v2 test requires on a day, by the calendar alone: LTS
 * releases come in April of even years, so the current LTS is `YY.04` of the current year if it is
 * even, else of the year before. Until the end of April of an LTS year the previous LTS is still
 * accepted (the new one is due "no later than April 30").
 *
 * This is the official rule as the standard intends it. The official code has two defects here:
 * its year arithmetic makes odd years demand a release that does not exist, and its
 * grace test never applies. `officialCodeDemand` says what that code asks for, for the advisory.
 */
export interface LtsRequirement {
  /** `26.04`: the current LTS. */
  current: string;
  /** The os_version values that satisfy the rule on that day (the previous LTS during the grace period). */
  accepted: string[];
  /** True from January to April of an LTS year. */
  grace: boolean;
  /** What the official code, with its defects, asks for: `YY.04` of the current year, no grace. */
  officialCodeDemand: string;
}

const lts = (year: number): string => `${String(year % 100).padStart(2, '0')}.04`;

/** `today` is `YYYY-MM-DD` (already validated by the caller). */
export function requiredUbuntuLts(today: string): LtsRequirement {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const ltsYear = year % 2 === 0 ? year : year - 1;
  const grace = year % 2 === 0 && month <= 4;
  const current = lts(ltsYear);
  return { current, accepted: grace ? [current, lts(ltsYear - 2)] : [current], grace, officialCodeDemand: lts(year) };
}
