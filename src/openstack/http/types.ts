/** Shapes shared by the HTTP layer: requests, responses, events and transport settings. */
import type { ConnectionOptions } from 'node:tls';
import type { Dispatcher } from 'undici';
import type { RequestStats } from './stats.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** A request body: JSON goes through `json`; raw bytes or a stream through `body`. */
export type RawBody = string | Uint8Array | AsyncIterable<Uint8Array>;

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON with `Content-Type: application/json` unless a content type is given. */
  json?: unknown;
  body?: RawBody;
  /** Accepted statuses (gophercloud's OkCodes). Default: any 2xx. */
  okCodes?: readonly number[];
  /** Per-attempt timeout; 0 disables it (long uploads). Default: the transport's. */
  timeoutMs?: number;
  /** Allow retries for a non-idempotent method (e.g. the Keystone token POST). */
  retryable?: boolean;
  /** Service type for stats and events ('identity', 'image'). */
  service?: string;
  /** Caller cancellation; not retried. */
  signal?: AbortSignal;
  /**
   * Return an accepted answer's body unread as `stream` (image data). The per-attempt timeout
   * then covers only the headers; the caller bounds the body (idle timeout, `signal`).
   */
  stream?: boolean;
  /**
   * Pass an accepted answer's body to this function, slice by slice, and return once all of it
   * went there (image data that is only hashed). A slice is valid only during the call. The
   * per-attempt timeout then applies between reads (an idle timeout); no retry once the body began.
   */
  sink?: (chunk: Uint8Array) => void;
  /** Cap of a body read whole (after decompression); default: the transport's, else DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  method: HttpMethod;
  url: string;
  /** Parsed JSON when the answer is JSON, otherwise undefined. */
  body: unknown;
  text: string;
  /** Bytes of the body read whole, after decompression (0 for a stream, a sink or HEAD). */
  bytes: number;
  /** The unread body, when the request asked for `stream`. */
  stream?: AsyncIterable<Uint8Array>;
}

interface EventBase {
  service: string;
  method: HttpMethod;
  /** Redacted. */
  url: string;
  /** 1 for the first try. */
  attempt: number;
}

/** What `onEvent` receives; every string in it is already redacted. */
export type HttpEvent =
  | (EventBase & { type: 'request'; headers: Record<string, string> })
  | (EventBase & { type: 'response'; status: number; ms: number; requestId?: string | undefined })
  | (EventBase & { type: 'error'; ms: number; error: string })
  | (EventBase & { type: 'retry'; delayMs: number; reason: string });

export interface RetryPolicy {
  /** Retries after the first attempt. Default 4. */
  maxRetries: number;
  /** First backoff step. Default 500 ms. */
  baseDelayMs: number;
  /** Cap of one backoff step. Default 30 s. */
  maxDelayMs: number;
  /** Cap for a server's Retry-After. Default 60 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Largest body read whole (JSON and error answers; image data is streamed, not read whole),
 * counted after decompression: a Glance page of 1,000 images with many properties is a few MB,
 * a Keystone catalog far less. A gzip bomb stops being inflated at this count.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Settings shared by all requests of one client. Every field is optional and injectable. */
export interface Transport {
  fetch?: typeof import('undici').fetch;
  /** undici dispatcher carrying TLS settings (see tls.ts). */
  dispatcher?: Dispatcher;
  /** The same TLS settings as `dispatcher`'s, for the requests that read into a sink (static-buffer-get.ts). */
  tls?: ConnectionOptions;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected so tests don't wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected so tests get deterministic jitter; returns [0, 1). */
  random?: () => number;
  /** Injected clock (ms since epoch) for Retry-After HTTP-dates. */
  now?: () => number;
  onEvent?: (event: HttpEvent) => void;
  stats?: RequestStats;
  userAgent?: string;
  /** Cap of a body read whole, after decompression (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}
