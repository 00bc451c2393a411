import { describe, expect, it } from 'vitest';
import { ReportBuilder, twoClouds } from '../../reporters/report-builder.test-util.js';
import { overallVerdictOf, verdictOf } from './verdict.js';

const counts = (failed: number, aborted: number) => ({ failed, aborted });

describe('verdictOf (one subject or module)', () => {
  it('a counted FAIL is not compliant, even with ABORTs or an error beside it', () => {
    expect(verdictOf(counts(1, 0))).toBe('not-compliant');
    expect(verdictOf(counts(1, 3))).toBe('not-compliant');
    expect(verdictOf(counts(1, 0), 'could not list')).toBe('not-compliant');
  });

  it('without a FAIL, an ABORT or an error is no verdict', () => {
    expect(verdictOf(counts(0, 1))).toBe('no-verdict');
    expect(verdictOf(counts(0, 0), 'could not list')).toBe('no-verdict');
  });

  it('nothing failed or aborted, and no error: compliant', () => {
    expect(verdictOf(counts(0, 0))).toBe('compliant');
  });
});

describe('overallVerdictOf (the run)', () => {
  it('one subject not compliant decides, whatever the others are', () => {
    expect(overallVerdictOf(['no-verdict', 'not-compliant', 'compliant'])).toBe('not-compliant');
  });
  it('otherwise one without a verdict decides', () => {
    expect(overallVerdictOf(['compliant', 'no-verdict'])).toBe('no-verdict');
  });
  it('compliant only when every subject is; no subject at all is no verdict', () => {
    expect(overallVerdictOf(['compliant', 'compliant'])).toBe('compliant');
    expect(overallVerdictOf([])).toBe('no-verdict');
  });
});

describe('buildReport stores the verdicts', () => {
  it('one cloud errored, another failed: the run is not compliant', () => {
    const r = twoClouds().build();
    expect(r.subjects.map((s) => [s.subject.name, s.verdict, s.compliant])).toEqual([
      ['prod', 'not-compliant', false],
      ['dev', 'no-verdict', false],
    ]);
    expect([r.verdict, r.compliant]).toEqual(['not-compliant', false]);
  });

  it('only ABORTs (no error): no verdict', () => {
    const r = new ReportBuilder().abort('scs-0102-prop-architecture').abort('scs-0104-source-ubuntu-2404').build();
    expect([r.subjects[0]!.verdict, r.verdict, r.compliant]).toEqual(['no-verdict', 'no-verdict', false]);
  });

  it('a recommended FAIL counts only in strict mode', () => {
    const build = (strict: boolean) => new ReportBuilder().strict(strict).pass('a').fail('b', [], 'recommended').build();
    expect(build(false).verdict).toBe('compliant');
    expect(build(true).verdict).toBe('not-compliant');
  });

  it('all pass: compliant', () => {
    const r = new ReportBuilder().pass('a').subject('other').pass('a').build();
    expect([r.verdict, r.compliant, ...r.subjects.map((s) => s.verdict)]).toEqual(['compliant', true, 'compliant', 'compliant']);
  });
});

describe('inconclusive (issue 25): the official test aborts, nothing failed', () => {
  it('ABORTs that are all official: inconclusive; one of our own or an error: no verdict; a FAIL decides', () => {
    expect(verdictOf({ failed: 0, aborted: 2, officialAborts: 2 })).toBe('inconclusive');
    expect(verdictOf({ failed: 0, aborted: 2, officialAborts: 1 })).toBe('no-verdict');
    expect(verdictOf({ failed: 0, aborted: 1, officialAborts: 1 }, 'could not list')).toBe('no-verdict');
    expect(verdictOf({ failed: 1, aborted: 1, officialAborts: 1 })).toBe('not-compliant');
    expect(verdictOf({ failed: 0, aborted: 0, officialAborts: 0 })).toBe('compliant');
  });

  it('over subjects: not compliant, then no verdict, then inconclusive', () => {
    expect(overallVerdictOf(['inconclusive', 'not-compliant'])).toBe('not-compliant');
    expect(overallVerdictOf(['inconclusive', 'no-verdict'])).toBe('no-verdict');
    expect(overallVerdictOf(['compliant', 'inconclusive'])).toBe('inconclusive');
  });

  it('buildReport: an official ABORT makes the subject inconclusive, and the dashboard says ✅*', () => {
    const r = new ReportBuilder()
      .withScope({ name: 'SCS-compatible IaaS', uuid: 'u', url: 'x', version: 'v5.1', source: 'scs-compatible-iaas' })
      .pass('a')
      .testcase('b', 'ABORT', { officialAbort: true })
      .build();
    expect([r.subjects[0]!.verdict, r.verdict, r.compliant]).toEqual(['inconclusive', 'inconclusive', false]);
    expect(r.subjects[0]!.summary).toMatchObject({ aborted: 1, officialAborts: 1 });
    expect(r.subjects[0]!.dashboard).toMatchObject({ version: 'v5.1', images: { result: 'inconclusive', symbol: '✅*' }, fullScope: { result: 'missing' } });
  });
});
