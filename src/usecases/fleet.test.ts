import { describe, expect, it } from 'vitest';
import { isFleet, runFleet, targetLabel } from './fleet.js';

const sel = { clouds: [], allClouds: false, regions: [], allRegions: false };

describe('fleet', () => {
  it('is a fleet with several clouds or regions, or --all-*', () => {
    expect(isFleet(sel)).toBe(false);
    expect(isFleet({ ...sel, clouds: ['a'], regions: ['r'] })).toBe(false);
    expect(isFleet({ ...sel, clouds: ['a', 'b'] })).toBe(true);
    expect(isFleet({ ...sel, regions: ['r1', 'r2'] })).toBe(true);
    expect(isFleet({ ...sel, allClouds: true })).toBe(true);
    expect(isFleet({ ...sel, allRegions: true })).toBe(true);
    expect(targetLabel({ cloud: 'a', region: 'r' })).toBe('a/r');
    expect(targetLabel({})).toBe('default');
  });

  it("records one target's failure and goes on with the others", async () => {
    const out = await runFleet(
      [{ cloud: 'a' }, { cloud: 'b' }, { cloud: 'c' }],
      { concurrency: 1, failFast: false, failed: (v: number) => v !== 0 },
      async (t) => {
        if (t.cloud === 'a') throw new Error('down');
        return t.cloud === 'b' ? 1 : 0;
      },
    );
    expect(out.map((o) => ('error' in o ? 'error' : 'skipped' in o ? 'skipped' : o.value))).toEqual(['error', 1, 0]);
  });

  it('--fail-fast starts no target after a failure; a target that could not be resolved fails without work', async () => {
    const started: string[] = [];
    const out = await runFleet(
      [{ cloud: 'a' }, { cloud: 'b', error: new Error('catalogue unreadable') }, { cloud: 'c' }],
      { concurrency: 1, failFast: true, failed: (v: number) => v !== 0 },
      async (t) => {
        started.push(t.cloud as string);
        return 0;
      },
    );
    expect(started).toEqual(['a']);
    expect(out.map((o) => ('error' in o ? 'error' : 'skipped' in o ? 'skipped' : o.value))).toEqual([0, 'error', 'skipped']);
  });

  it('runs at most `concurrency` targets at once', async () => {
    let now = 0;
    let peak = 0;
    await runFleet(
      Array.from({ length: 6 }, (_, i) => ({ cloud: `c${i}` })),
      { concurrency: 2, failFast: false, failed: () => false },
      async () => {
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        return 0;
      },
    );
    expect(peak).toBe(2);
  });
});
