import { describe, expect, it } from 'vitest';
import { ASSUMED_UNKNOWN_BYTES, budgetWarning, estimateImportTime, formatDuration } from './time-budget.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
// round numbers: 10 MiB/s and 10 s per import, so an import of B MiB takes 10 + B/10 s
const at = { bytesPerSecond: 10 * MiB, overheadSeconds: 10 };

describe('estimateImportTime', () => {
  it('no imports: nothing to wait for', () => {
    const e = estimateImportTime({ imports: [], parallel: 3, importTimeoutSeconds: 1800 });
    expect(e).toMatchObject({ imports: 0, seconds: 0, worstSeconds: 0 });
    expect(budgetWarning(e, 1)).toBeUndefined();
  });

  it('one import: overhead plus its size at the rate', () => {
    const e = estimateImportTime({ imports: [{ name: 'a', bytes: 600 * MiB }], parallel: 3, importTimeoutSeconds: 1800, ...at });
    expect(e.seconds).toBe(70);
    expect(e.worstSeconds).toBe(1800);
  });

  it('--parallel N: each import starts on the slot that frees first, in plan order', () => {
    // 100 s, 50 s, 50 s, 50 s on 2 slots: [100], [50, 50, 50] → 150 s; on 1 slot 250 s; on 4 slots 100 s
    const imports = [900, 400, 400, 400].map((m, i) => ({ name: `i${i}`, bytes: m * MiB }));
    expect(estimateImportTime({ imports, parallel: 2, importTimeoutSeconds: 1800, ...at }).seconds).toBe(150);
    expect(estimateImportTime({ imports, parallel: 1, importTimeoutSeconds: 1800, ...at }).seconds).toBe(250);
    expect(estimateImportTime({ imports, parallel: 4, importTimeoutSeconds: 1800, ...at }).seconds).toBe(100);
    expect(estimateImportTime({ imports, parallel: 3, importTimeoutSeconds: 1800, ...at }).seconds).toBe(100);
  });

  it('an import never takes longer than --import-timeout (apply gives up then); the worst case is rounds × timeout', () => {
    const imports = [
      { name: 'huge', bytes: 100 * GiB },
      { name: 'small', bytes: 0 },
    ];
    const e = estimateImportTime({ imports, parallel: 1, importTimeoutSeconds: 600, ...at });
    expect(e.seconds).toBe(610);
    expect(e.worstSeconds).toBe(1200);
    expect(estimateImportTime({ imports: Array.from({ length: 7 }, (_, i) => ({ name: `${i}` })), parallel: 3, importTimeoutSeconds: 1800 }).worstSeconds).toBe(
      3 * 1800,
    );
  });

  it('unknown sizes are the median of the known ones, or 1 GiB when none is known', () => {
    const some = estimateImportTime({
      imports: [{ name: 'a', bytes: 100 * MiB }, { name: 'b', bytes: 300 * MiB }, { name: 'c', bytes: 200 * MiB }, { name: 'd' }],
      parallel: 1,
      importTimeoutSeconds: 1800,
      ...at,
    });
    expect(some).toMatchObject({ knownSizes: 3, knownBytes: 600 * MiB, assumedBytes: 200 * MiB });
    expect(some.seconds).toBe(4 * 10 + 800 / 10);
    const none = estimateImportTime({ imports: [{ name: 'a' }, { name: 'b' }], parallel: 2, importTimeoutSeconds: 1800 });
    expect(none.assumedBytes).toBe(ASSUMED_UNKNOWN_BYTES);
    expect(none.knownSizes).toBe(0);
  });
});

describe('budgetWarning', () => {
  it('says nothing when the estimate fits', () => {
    const e = estimateImportTime({ imports: [{ name: 'a', bytes: 600 * MiB }], parallel: 3, importTimeoutSeconds: 1800, ...at });
    expect(budgetWarning(e, 70)).toBeUndefined();
    expect(budgetWarning(e, 69)).toBeDefined();
  });

  it("names the numbers: imports, --parallel, sizes, the estimate, its assumptions and the worst case (OSISM's hour)", () => {
    // 36 imports of 2 GiB, 3 at a time: 12 rounds of 30 s + 2048 MiB / 20 MiB/s ≈ 132 s → ~26 min; worst 12 × 1800 s
    const e = estimateImportTime({
      imports: Array.from({ length: 36 }, (_, i) => ({ name: `${i}`, bytes: 2 * GiB })),
      parallel: 3,
      importTimeoutSeconds: 1800,
    });
    expect(budgetWarning(e, 3600)).toBeUndefined();
    const w = budgetWarning(e, 600);
    expect(w).toBe(
      'the imports may not fit --time-budget 600 s (10 min): 36 import(s), 3 at a time (--parallel), 72.0 GiB in all; estimated 26 min at 20 MiB/s per import plus 30 s each; ' +
        'at worst 12 round(s) × --import-timeout 1800 s = 6 h. Split the run (--filter, --latest) or give it more time',
    );
    const mixed = estimateImportTime({ imports: [{ name: 'a', bytes: GiB }, { name: 'b' }], parallel: 1, importTimeoutSeconds: 1800 });
    expect(budgetWarning(mixed, 10)).toMatch(
      /2 import\(s\), 1 at a time \(--parallel\), 1 of known size \(1\.0 GiB\), 1 assumed 1\.0 GiB each; estimated 3 min/,
    );
    const unknown = estimateImportTime({ imports: [{ name: 'a' }], parallel: 1, importTimeoutSeconds: 1800 });
    expect(budgetWarning(unknown, 10)).toMatch(/sizes unknown, assumed 1\.0 GiB each/);
  });
});

describe('formatDuration', () => {
  it('seconds, minutes, hours', () => {
    expect(formatDuration(40)).toBe('40 s');
    expect(formatDuration(60 * 12 + 10)).toBe('12 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 5 min');
  });
});
