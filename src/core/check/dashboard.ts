import type { TestcaseResult, Verdict } from './result.js';

/**
 * What the SCS compliance monitor (the certificate's dashboard) will show for one subject's
 * results, computed with its rules (compliance-monitor/monitor.py and Tests/scs_cert_lib.py; see
 * shared/reference/SCS-PIPELINE.md 3.3):
 *
 * - a result is dropped once `now >= add_period(checked_at, lifetime)`; the IaaS testcases have no
 *   lifetime, so the default `week` applies: valid until 00:00 of the Monday reached by adding
 *   `14 − weekday` days (7 to 14 days);
 * - a version's result is `evaluate()` over its `main` target: −1 if any testcase FAILed, else
 *   missing (None) if any has no (valid) result, else 0 if any ABORTed, else 1. The cell shows
 *   🛑, 🟧, ✅* and ✅.
 *
 * A report of this tool holds the image testcases only. The version's other testcases (flavors,
 * networking, ...) come from other tests, so in the version's cell an upload of this report alone
 * is 🛑 when an image testcase FAILed and 🟧 (missing) otherwise; the image testcases themselves
 * show as PASS, FAIL or ABORT. Both views are given here. Pure: the caller passes the clock.
 */

/** What the dashboard shows: 1 pass, 0 inconclusive (ABORT), −1 fail, null missing. */
export type DashboardResult = 'pass' | 'inconclusive' | 'fail' | 'missing';

export const DASHBOARD_SYMBOL: Readonly<Record<DashboardResult, string>> = { pass: '✅', inconclusive: '✅*', fail: '🛑', missing: '🟧' };

/** The monitor's result codes (`result` in `/status`). */
const RESULT_CODE: Readonly<Record<DashboardResult, 1 | 0 | -1 | null>> = { pass: 1, inconclusive: 0, fail: -1, missing: null };

/** The lifetimes `add_period` knows; a testcase without one has `week`. */
export type Lifetime = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * `add_period(checked_at, lifetime)`: the first instant at which a result is no longer valid
 * (valid before it, not at it). The monitor works on naive datetimes; this tool writes
 * `checked_at` in UTC, so the computation is in UTC (as on a monitor that runs in UTC).
 */
export function addPeriod(checkedAt: Date, lifetime: Lifetime = 'week'): Date {
  const y = checkedAt.getUTCFullYear();
  const m = checkedAt.getUTCMonth(); // 0-based
  const d = checkedAt.getUTCDate();
  const midnight = (year: number, month0: number, day: number) => new Date(Date.UTC(year, month0, day));
  switch (lifetime) {
    case 'day':
      return midnight(y, m, d + 2);
    case 'week': {
      const weekday = (checkedAt.getUTCDay() + 6) % 7; // Python: Monday 0 ... Sunday 6
      return midnight(y, m, d + 14 - weekday);
    }
    case 'month':
      return midnight(y, m + 2, 1);
    case 'quarter': {
      const month = m + 1;
      if (month >= 10) return midnight(y + 1, 3, 1);
      if (month >= 7) return midnight(y + 1, 0, 1);
      if (month >= 4) return midnight(y, 9, 1);
      return midnight(y, 6, 1);
    }
    case 'year':
      return midnight(y + 1, m + 2, 1);
  }
}

/** `evaluate(results, testcase_ids)`: −1 if any FAIL, else null if any missing, else 0 if any ABORT, else 1. */
export function evaluate(results: ReadonlyMap<string, Verdict>, testcaseIds: readonly string[]): 1 | 0 | -1 | null {
  const values = testcaseIds.map((id) => results.get(id));
  if (values.includes('FAIL')) return -1;
  if (values.includes(undefined)) return null;
  if (values.includes('ABORT')) return 0;
  return 1;
}

function resultOf(code: 1 | 0 | -1 | null): DashboardResult {
  return code === 1 ? 'pass' : code === 0 ? 'inconclusive' : code === -1 ? 'fail' : 'missing';
}

export interface DashboardView {
  /** The scope version the results are for (the report's), e.g. `v5.1`. */
  version: string;
  /**
   * The image testcases of the version's main target, as the dashboard shows them: `evaluate()`
   * over them alone. `missing` only when the results have expired (or a required testcase was not run).
   */
  images: {
    result: DashboardResult;
    symbol: string;
    /** The monitor's code: 1, 0, −1 or null (missing). */
    code: 1 | 0 | -1 | null;
    passed: number;
    failed: number;
    aborted: number;
    missing: number;
  };
  /**
   * The version's cell when this report is all that was uploaded: its other testcases are
   * missing, so `fail` when an image testcase FAILed, else `missing` (🟧).
   */
  fullScope: { result: DashboardResult; symbol: string; code: 1 | 0 | -1 | null };
  /** ISO 8601: from this instant on the monitor drops these results (add_period, `week`). */
  validUntil: string;
  /** The results are already dropped at the clock they were evaluated at. */
  expired: boolean;
}

export interface DashboardInput {
  /** The scope version of the report (no dashboard view without a scope). */
  version: string;
  /** The subject's testcases; the main target is those with requirement `mandatory`. */
  testcases: readonly Pick<TestcaseResult, 'id' | 'verdict' | 'requirement'>[];
  /** When the results were checked (the report's `checkedAt`). */
  checkedAt: Date;
  /** When the dashboard is looked at (the run's clock). */
  now: Date;
  /** Per testcase id; default `week` (the IaaS testcases have none). */
  lifetime?: (id: string) => Lifetime | undefined;
  /** The version's main-target testcases that are not in the report (default: some; every IaaS version has them). */
  otherTestcases?: number;
}

export function dashboardView(input: DashboardInput): DashboardView {
  const required = input.testcases.filter((t) => t.requirement === 'mandatory');
  const ids = [...new Set(required.map((t) => t.id))];
  const valid = new Map<string, Verdict>();
  let validUntil: Date | undefined;
  for (const t of required) {
    const until = addPeriod(input.checkedAt, input.lifetime?.(t.id) ?? 'week');
    if (validUntil === undefined || until < validUntil) validUntil = until;
    if (input.now.getTime() < until.getTime()) valid.set(t.id, t.verdict);
  }
  validUntil ??= addPeriod(input.checkedAt);
  const count = (v: Verdict) => ids.filter((id) => valid.get(id) === v).length;
  const imagesCode = evaluate(valid, ids);
  const images = resultOf(imagesCode);
  const fullCode: 1 | 0 | -1 | null = imagesCode === -1 ? -1 : (input.otherTestcases ?? 1) > 0 ? null : imagesCode;
  const full = resultOf(fullCode);
  return {
    version: input.version,
    images: {
      result: images,
      symbol: DASHBOARD_SYMBOL[images],
      code: RESULT_CODE[images],
      passed: count('PASS'),
      failed: count('FAIL'),
      aborted: count('ABORT'),
      missing: ids.filter((id) => !valid.has(id)).length,
    },
    fullScope: { result: full, symbol: DASHBOARD_SYMBOL[full], code: RESULT_CODE[full] },
    validUntil: validUntil.toISOString(),
    expired: input.now.getTime() >= validUntil.getTime(),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One line for the text and HTML reports, e.g.
 * `v5.1 inconclusive (✅*): 2 required testcases ABORTed, none FAILed; ...`.
 */
export function dashboardLine(v: DashboardView): string {
  const i = v.images;
  const why =
    i.result === 'fail'
      ? `${plural(i.failed, 'required testcase')} FAILed`
      : i.result === 'missing'
        ? v.expired
          ? `these results expired at ${v.validUntil.replace(/:00\.000Z$/, ' UTC').replace('T', ' ')}, so the dashboard drops them`
          : `${plural(i.missing, 'required testcase')} without a result`
        : i.result === 'inconclusive'
          ? `${plural(i.aborted, 'required testcase')} ABORTed, none FAILed`
          : `all ${plural(i.passed, 'required testcase')} PASSed`;
  const until = v.expired ? '' : `; shown until ${v.validUntil.replace(/:00\.000Z$/, ' UTC').replace('T', ' ')}`;
  const cell =
    v.fullScope.result === i.result
      ? ''
      : `; the version's cell shows ${v.fullScope.symbol} ${v.fullScope.result} until the other (non-image) testcases of ${v.version} are reported too`;
  return `${v.version} ${i.result} (${i.symbol}) for the image testcases: ${why}${cell}${until}`;
}
