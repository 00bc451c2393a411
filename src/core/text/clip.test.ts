import { describe, expect, it } from 'vitest';
import { buildReport } from '../check/report.js';
import { clipEchoed, clipStrings, MAX_ECHOED_CHARS } from './clip.js';

describe('clipping echoed values', () => {
  it('keeps short text and notes the full length of long text', () => {
    expect(clipEchoed('Ubuntu 24.04')).toBe('Ubuntu 24.04');
    const clipped = clipEchoed('x'.repeat(20_000_000));
    expect(clipped).toBe(`${'x'.repeat(MAX_ECHOED_CHARS)}… (20000000 characters in all)`);
    expect(clipStrings({ a: ['y'.repeat(300), 3, true, null] })).toEqual({ a: [`${'y'.repeat(200)}… (300 characters in all)`, 3, true, null] });
  });

  it('a report of a 20 MB name and value stays small in every format (clipped where it is built)', () => {
    const huge = 'n'.repeat(20_000_000);
    const image = { id: 'i1', name: huge };
    const report = buildReport({
      toolVersion: '0',
      checkedAt: new Date('2026-11-28T00:00:00Z'),
      modules: [{ id: 'm', name: 'm', source: 'built-in' }],
      options: { visibilities: ['public'], includeHidden: false, allCommunity: false, strict: false, strictReading: false, collapseDuplicates: false },
      subjects: [
        {
          subject: { kind: 'file', name: 'x.json' },
          images: { listed: 1, considered: 1 },
          testcases: [
            {
              id: 't',
              description: 'd',
              requirement: 'mandatory',
              verdict: 'FAIL',
              module: 'm',
              images: [image],
              findings: [{ level: 'error', message: `bad: ${huge}`, image, value: huge }],
            },
          ],
        },
      ],
    });
    expect(JSON.stringify(report).length).toBeLessThan(5_000);
    const f = report.subjects[0]!.testcases[0]!.findings[0]!;
    expect(f.value).toContain('(20000000 characters in all)');
    expect(f.message).toContain('(20000005 characters in all)');
  });
});
