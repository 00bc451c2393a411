/** Retry decisions and delays: pure functions, so they are tested without a server. */
import type { RetryPolicy } from './types.js';

/**
 * Statuses worth another try: 429 (throttled) and the 5xx that mean "temporarily unavailable".
 * 501/505 are permanent and not retried.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Low-level error codes of a connection that failed or broke: Node's socket errnos and undici's
 * socket/timeout errors. DNS "not found" and TLS verification failures are permanent, so absent.
 */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function isRetryableCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * Find the most specific error code in an undici failure. fetch rejects with
 * `TypeError('fetch failed')` whose `cause` (sometimes nested, or an AggregateError for
 * happy-eyeballs) carries `code`.
 */
export function errorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_STATE') return code;
    const inner = (cur as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      const found = errorCode(inner[0]);
      if (found) return found;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The most specific human message of an undici failure ("connect ECONNREFUSED 127.0.0.1:1"). */
export function errorReason(err: unknown): string {
  let cur: unknown = err;
  let msg = err instanceof Error ? err.message : String(err);
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const m = (cur as { message?: unknown }).message;
    if (typeof m === 'string' && m && m !== 'fetch failed') msg = m;
    cur = (cur as { cause?: unknown }).cause;
  }
  return msg;
}

/**
 * Exponential backoff with "equal jitter": half of the step is fixed, half random, so retries
 * from many clients spread out but never collapse to zero.
 * @param retry 1 for the first retry.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Retry-After as delta-seconds or HTTP-date (RFC 9110 §10.2.3), in ms, capped.
 * Returns undefined when absent or unparsable (then the normal backoff applies).
 */
export function parseRetryAfter(value: string | null | undefined, now: number, capMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) {
    ms = Number(v) * 1000;
  } else {
    // HTTP-dates always name the month; this keeps Date.parse from reading "-5" as a year.
    if (!/[a-z]{3}/i.test(v)) return undefined;
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.max(0, Math.min(ms, capMs));
}

/** Sleep that wakes early when the caller aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
