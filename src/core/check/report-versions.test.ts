import { describe, expect, it } from 'vitest';
import { buildReport, type ScopeRef } from './report.js';
import type { TestcaseResult, Verdict } from './result.js';

const tc = (id: string, verdict: Verdict): TestcaseResult => ({ id, description: id, requirement: 'mandatory', verdict, findings: [], images: [] });
const options = { visibilities: ['public'], includeHidden: false, allCommunity: false, strict: false, strictReading: false, collapseDuplicates: false };
const scope: ScopeRef = {
  name: 'SCS-compatible IaaS',
  uuid: 'u',
  url: 'x',
  version: 'v5.1',
  source: 'scs-compatible-iaas',
  versions: [
    { version: 'v5.1', state: 'effective', inForce: true, testcases: [{ id: 'a', requirement: 'mandatory' }] },
    {
      version: 'next',
      state: 'draft',
      inForce: false,
      testcases: [
        { id: 'a', requirement: 'mandatory' },
        { id: 'b', requirement: 'mandatory' },
      ],
    },
  ],
};
const report = (b: Verdict) =>
  buildReport({
    toolVersion: '0',
    checkedAt: new Date('2026-12-08T10:00:00Z'),
    scope,
    modules: [],
    options,
    subjects: [{ subject: { kind: 'file', name: 'f' }, images: { listed: 2, considered: 2 }, testcases: [tc('a', 'PASS'), tc('b', b)] }],
  });

describe('a run over the versions the official runner checks', () => {
  it("the verdict is the version in force's: a testcase only the draft includes shows what is coming and never counts", () => {
    const r = report('FAIL');
    const s = r.subjects[0]!;
    expect(s.verdict).toBe('compliant');
    expect(r.verdict).toBe('compliant');
    expect(s.summary).toMatchObject({ passed: 1, failed: 0 });
    expect(s.testcases.map((t) => t.id)).toEqual(['a', 'b']);
    expect(s.versions!.map((v) => [v.version, v.inForce, v.verdict])).toEqual([
      ['v5.1', true, 'compliant'],
      ['next', false, 'not-compliant'],
    ]);
    expect(s.versions![1]!.dashboard!.images.result).toBe('fail');
    expect(s.dashboard!.images.result).toBe('pass');
  });

  it('a FAIL in a testcase the version in force includes decides, for every version that includes it', () => {
    const r = buildReport({
      toolVersion: '0',
      checkedAt: new Date('2026-12-08T10:00:00Z'),
      scope,
      modules: [],
      options,
      subjects: [{ subject: { kind: 'file', name: 'f' }, images: { listed: 1, considered: 1 }, testcases: [tc('a', 'FAIL'), tc('b', 'PASS')] }],
    });
    expect(r.verdict).toBe('not-compliant');
    expect(r.subjects[0]!.versions!.map((v) => v.verdict)).toEqual(['not-compliant', 'not-compliant']);
  });
});
