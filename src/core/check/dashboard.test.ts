import { describe, expect, it } from 'vitest';
import { addPeriod, dashboardLine, dashboardView, evaluate } from './dashboard.js';
import type { TestcaseResult } from './result.js';

type Tc = Pick<TestcaseResult, 'id' | 'verdict' | 'requirement'>;
const tc = (id: string, verdict: Tc['verdict'], requirement: Tc['requirement'] = 'mandatory'): Tc => ({ id, verdict, requirement });
const at = (iso: string) => new Date(iso);

describe('addPeriod (the monitor add_period, by hand)', () => {
  it('week: 00:00 of the Monday reached by adding 14 - weekday days (Monday = 0)', () => {
    // 2026-08-21 is a Friday (weekday 4): + 10 days = Monday 2026-08-31
    expect(addPeriod(at('2026-08-21T10:00:00.123Z')).toISOString()).toBe('2026-08-31T00:00:00.000Z');
    // a Monday (weekday 0): + 14 days, the longest validity
    expect(addPeriod(at('2026-12-07T23:59:59Z')).toISOString()).toBe('2026-12-21T00:00:00.000Z');
    // a Sunday (weekday 6): + 8 days
    expect(addPeriod(at('2026-12-13T00:00:00Z')).toISOString()).toBe('2026-12-21T00:00:00.000Z');
    // across a year end
    expect(addPeriod(at('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-01-11T00:00:00.000Z');
  });

  it('day, month, quarter and year as the monitor computes them', () => {
    expect(addPeriod(at('2026-02-28T10:00:00Z'), 'day').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(addPeriod(at('2026-11-15T10:00:00Z'), 'month').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(addPeriod(at('2026-12-15T10:00:00Z'), 'month').toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(addPeriod(at('2026-05-15T10:00:00Z'), 'quarter').toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(addPeriod(at('2026-10-15T10:00:00Z'), 'quarter').toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(addPeriod(at('2026-12-15T10:00:00Z'), 'year').toISOString()).toBe('2028-02-01T00:00:00.000Z');
  });
});

describe('evaluate (the monitor evaluate)', () => {
  const results = (o: Record<string, 'PASS' | 'FAIL' | 'ABORT'>) => new Map(Object.entries(o));
  it('-1 if any FAIL, else null if any missing, else 0 if any ABORT, else 1', () => {
    expect(evaluate(results({ a: 'PASS', b: 'FAIL' }), ['a', 'b', 'c'])).toBe(-1);
    expect(evaluate(results({ a: 'ABORT' }), ['a', 'c'])).toBeNull();
    expect(evaluate(results({ a: 'ABORT', b: 'PASS' }), ['a', 'b'])).toBe(0);
    expect(evaluate(results({ a: 'PASS', b: 'PASS' }), ['a', 'b'])).toBe(1);
    expect(evaluate(results({}), [])).toBe(1);
  });
});

describe('dashboardView', () => {
  const checkedAt = at('2026-08-21T10:00:00.123Z'); // valid until Monday 2026-08-31 00:00
  const view = (testcases: Tc[], now = checkedAt) => dashboardView({ version: 'v5.1', testcases, checkedAt, now });

  it('two required ABORTs, no FAIL: the image testcases show ✅*, the version cell 🟧 (its other testcases are missing)', () => {
    const v = view([tc('a', 'PASS'), tc('b', 'ABORT'), tc('c', 'ABORT'), tc('r', 'FAIL', 'recommended')]);
    expect(v.images).toEqual({ result: 'inconclusive', symbol: '✅*', code: 0, passed: 1, failed: 0, aborted: 2, missing: 0 });
    expect(v.fullScope).toEqual({ result: 'missing', symbol: '🟧', code: null });
    expect(v.validUntil).toBe('2026-08-31T00:00:00.000Z');
    expect(v.expired).toBe(false);
    expect(dashboardLine(v)).toBe(
      "v5.1 inconclusive (✅*) for the image testcases: 2 required testcases ABORTed, none FAILed; the version's cell shows 🟧 missing until the other (non-image) testcases of v5.1 are reported too; shown until 2026-08-31 00:00 UTC",
    );
  });

  it('a FAIL decides both views: 🛑', () => {
    const v = view([tc('a', 'FAIL'), tc('b', 'ABORT')]);
    expect([v.images.result, v.images.symbol, v.fullScope.result, v.fullScope.code]).toEqual(['fail', '🛑', 'fail', -1]);
    expect(dashboardLine(v)).toMatch(/^v5\.1 fail \(🛑\) for the image testcases: 1 required testcase FAILed; shown until/);
  });

  it('all passed: ✅ for the image testcases, still 🟧 for the version as a whole; a recommended FAIL does not count', () => {
    const v = view([tc('a', 'PASS'), tc('r', 'FAIL', 'recommended')]);
    expect([v.images.result, v.images.symbol, v.fullScope.symbol]).toEqual(['pass', '✅', '🟧']);
  });

  it('with no other testcases in the version, the cell is the image testcases result', () => {
    const v = dashboardView({ version: 'x', testcases: [tc('a', 'ABORT')], checkedAt, now: checkedAt, otherTestcases: 0 });
    expect(v.fullScope.result).toBe('inconclusive');
  });

  it('lifetime boundary: valid just before the Monday 00:00, dropped (missing) at it', () => {
    const tcs = [tc('a', 'PASS'), tc('b', 'ABORT')];
    const before = view(tcs, at('2026-08-30T23:59:59.999Z'));
    expect([before.images.result, before.expired]).toEqual(['inconclusive', false]);
    const atBoundary = view(tcs, at('2026-08-31T00:00:00.000Z'));
    expect(atBoundary.images).toMatchObject({ result: 'missing', symbol: '🟧', code: null, missing: 2, passed: 0, aborted: 0 });
    expect(atBoundary.expired).toBe(true);
    expect(dashboardLine(atBoundary)).toContain('these results expired at 2026-08-31 00:00 UTC');
    // a FAIL that expired is no longer shown either
    expect(view([tc('a', 'FAIL')], at('2026-09-01T00:00:00Z')).fullScope.result).toBe('missing');
  });
});
