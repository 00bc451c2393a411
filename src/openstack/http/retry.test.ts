import { describe, expect, it } from 'vitest';
import { backoffDelay, errorCode, isRetryableCode, isRetryableStatus, parseRetryAfter } from './retry.js';
import { DEFAULT_RETRY } from './types.js';

describe('retry decisions', () => {
  it('retries 429 and transient 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 409, 501, 505].some(isRetryableStatus)).toBe(false);
  });

  it('knows socket and undici codes', () => {
    for (const c of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT']) expect(isRetryableCode(c)).toBe(true);
    for (const c of ['ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', undefined]) expect(isRetryableCode(c)).toBe(false);
  });

  it('finds the code in nested causes and AggregateErrors', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorCode(new TypeError('fetch failed', { cause: inner }))).toBe('ECONNREFUSED');
    const agg = new AggregateError([inner], 'all failed');
    expect(errorCode(new TypeError('fetch failed', { cause: agg }))).toBe('ECONNREFUSED');
  });
});

describe('backoffDelay', () => {
  it('doubles per retry with equal jitter and a cap', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3].map((n) => backoffDelay(n, p, () => 0.999999))).toEqual([100, 200, 400]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  it('parses delta-seconds and HTTP-dates, capped and never negative', () => {
    expect(parseRetryAfter('3', now, 60_000)).toBe(3000);
    expect(parseRetryAfter('120', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:10 GMT', now, 60_000)).toBe(10_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now, 60_000)).toBe(0);
  });
  it('ignores garbage', () => {
    expect(parseRetryAfter(null, now, 1)).toBeUndefined();
    expect(parseRetryAfter('soon', now, 1)).toBeUndefined();
    expect(parseRetryAfter('-5', now, 1)).toBeUndefined();
  });
});
