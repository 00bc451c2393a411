import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createdBefore, describeRange, epochSecond, isoSecond, planCreatedAtRanges, type CreatedAtRange } from './listing-partitions.js';

const T = (s: string): string => `2026-12-03T${s}Z`;

/** Which ranges hold an image created at epoch second `s` (must be exactly one). */
function holders(ranges: CreatedAtRange[], s: number): number[] {
  return ranges.flatMap((r, i) => ((r.lo === undefined || s >= epochSecond(r.lo)!) && (r.hi === undefined || s < epochSecond(r.hi)!) ? [i] : []));
}

describe('planCreatedAtRanges', () => {
  it('splits the span between the oldest image and the first page evenly, newest range first', () => {
    expect(planCreatedAtRanges(T('10:00:10'), T('10:00:00'), 2)).toEqual([{ lo: T('10:00:05') }, { hi: T('10:00:05') }]);
    expect(planCreatedAtRanges(T('10:00:09'), T('10:00:00'), 3)).toEqual([
      { lo: T('10:00:06') },
      { lo: T('10:00:03'), hi: T('10:00:06') },
      { hi: T('10:00:03') },
    ]);
  });

  it('stays one range (serial) for one part or a span under one second', () => {
    expect(planCreatedAtRanges(T('10:00:10'), T('10:00:00'), 1)).toEqual([{}]);
    expect(planCreatedAtRanges(T('10:00:10'), T('10:00:10'), 4)).toEqual([{}]);
    expect(planCreatedAtRanges('not a time', T('10:00:10'), 4)).toEqual([{}]);
  });

  it('makes fewer ranges than asked when the span has fewer seconds', () => {
    expect(planCreatedAtRanges(T('10:00:01'), T('10:00:00'), 4)).toEqual([{ lo: T('10:00:01') }, { hi: T('10:00:01') }]);
  });

  it('covers every second exactly once, keeps the first page in the first range and no bound at the oldest second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: -5, max: 10 ** 6 + 5 }),
        (bottom, span, parts, offset) => {
          const ranges = planCreatedAtRanges(isoSecond(bottom + span), isoSecond(bottom), parts);
          expect(ranges.length).toBeLessThanOrEqual(Math.max(1, parts));
          expect(holders(ranges, bottom + offset)).toHaveLength(1);
          expect(holders(ranges, bottom + span)).toEqual([0]);
          expect(holders(ranges, bottom)).toEqual([ranges.length - 1]);
        },
      ),
    );
  });
});

describe('createdBefore', () => {
  it('compares the shown second with a whole-second bound', () => {
    expect(createdBefore(T('10:00:04'), T('10:00:05'))).toBe(true);
    expect(createdBefore(T('10:00:05'), T('10:00:05'))).toBe(false);
    expect(createdBefore('2026-12-03T10:00:04', T('10:00:05'))).toBe(true);
    expect(createdBefore('2026-12-03T11:00:04+01:00', T('10:00:05'))).toBe(true);
    expect(() => createdBefore('never', T('10:00:05'))).toThrow(/not a time: never/);
  });

  it('describes a range for --debug', () => {
    expect(describeRange({ lo: T('10:00:05') })).toBe(`[${T('10:00:05')}, +inf)`);
    expect(describeRange({ hi: T('10:00:05') })).toBe(`[-inf, ${T('10:00:05')})`);
  });
});
