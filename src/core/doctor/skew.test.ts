import { describe, expect, it } from 'vitest';
import { clockSkew, durationText, provenSkewMs } from './skew.js';

describe('clockSkew', () => {
  const at = (iso: string) => new Date(iso).getTime();

  it('compares the Date header with the midpoint of the request, allowing for its one-second resolution', () => {
    const c = clockSkew({ serverDate: new Date('2026-12-08T10:00:10Z'), sentAt: at('2026-12-08T10:00:00.000Z'), receivedAt: at('2026-12-08T10:00:00.200Z') });
    expect(c).toEqual({ skewMs: 10_400, uncertaintyMs: 600, serverDate: 'Tue, 08 Dec 2026 10:00:10 GMT' });
    expect(provenSkewMs(c!)).toBe(9_800);
  });

  it('a server in step is within the uncertainty: no proven skew', () => {
    const c = clockSkew({ serverDate: new Date('2026-12-08T10:00:00Z'), sentAt: at('2026-12-08T10:00:00.300Z'), receivedAt: at('2026-12-08T10:00:00.340Z') });
    expect(provenSkewMs(c!)).toBe(0);
  });

  it("compares with the run's clock: --now moves it by its offset", () => {
    const c = clockSkew(
      { serverDate: new Date('2026-12-08T10:00:00Z'), sentAt: at('2026-12-08T10:00:00.000Z'), receivedAt: at('2026-12-08T10:00:00.000Z') },
      86_400_000,
    );
    expect(c?.skewMs).toBe(-86_399_500);
  });

  it('no Date header, no measurement', () => {
    expect(clockSkew({ sentAt: 0, receivedAt: 1 })).toBeUndefined();
  });

  it.each([
    [4_000, '4 s'],
    [-250_000, '4 min 10 s'],
    [7_500_000, '2 h 5 min'],
    [273_600_000, '3 d 4 h'],
  ])('durationText(%i) = %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
