import { describe, expect, it } from 'vitest';
import { ImportPace } from './import-pace.js';

describe('ImportPace', () => {
  it('starts at the minimum, then polls first at a little under the median import time, within bounds', () => {
    const p = new ImportPace();
    expect(p.firstDelay()).toBe(400);
    for (const ms of [1000, 1200, 90_000]) p.observe(ms);
    expect(p.firstDelay()).toBe(1020);
    p.observe(100);
    p.observe(50);
    expect(p.firstDelay()).toBe(850);
    const slow = new ImportPace();
    slow.observe(60_000);
    expect(slow.firstDelay()).toBe(5000);
  });
});
