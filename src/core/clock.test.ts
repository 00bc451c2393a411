import { describe, expect, it } from 'vitest';
import { clockAt, dayOf } from './clock.js';

describe('clockAt', () => {
  it('keeps the instant and names its day in UTC', () => {
    const now = new Date('2026-11-28T23:30:00-05:00');
    const clock = clockAt(now);
    expect(clock.now).toBe(now);
    expect(clock.day).toBe('2026-11-29');
    expect(dayOf(now)).toBe(clock.day);
  });

  it('is a pure value: the same instant gives the same clock', () => {
    expect(clockAt(new Date('2026-01-01T00:00:00Z'))).toEqual(clockAt(new Date('2026-01-01T00:00:00.000Z')));
    expect(dayOf(new Date('2025-12-31T23:59:59.999Z'))).toBe('2025-12-31');
  });
});
