/**
 * Typed errors of the OpenStack client.
 *
 * Every message and string field is passed through the redactor in the constructor, so no code
 * path can build an error that carries a password or token (the stack trace is computed from the
 * already-redacted message); and through the sanitizer (core/text/printable.ts), so a peer's escape
 * sequences or control characters quoted in a message (an error body, a header) reach no terminal
 * or log line raw. `cause` is non-enumerable (ES2022), so JSON.stringify never follows it.
 */
import { clipEchoed } from '../core/text/clip.js';
import { printable, printableLines } from '../core/text/printable.js';
import { redactText, redactUrl } from '../util/redact.js';

/**
 * A foreign cause (an undici TypeError, a Node socket error) is copied with its messages redacted:
 * e.g. fetch's "cannot be constructed from a URL that includes credentials: <url>" would otherwise
 * carry a password into util.inspect(err). Our own errors are redacted already and kept as they are.
 */
function sanitizeCause(cause: unknown, depth = 0): unknown {
  if (cause instanceof OpenStackError) return cause;
  if (!(cause instanceof Error)) return typeof cause === 'string' ? redactText(cause) : cause;
  if (depth > 5) return new Error('[cause chain truncated]');
  const copy = new Error(printableLines(redactText(cause.message)), cause.cause !== undefined ? { cause: sanitizeCause(cause.cause, depth + 1) } : undefined);
  copy.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(copy, 'code', { value: code, enumerable: false });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

export class OpenStackError extends Error {
  override name = 'OpenStackError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(printableLines(redactText(message)), options && 'cause' in options ? { cause: sanitizeCause(options.cause) } : undefined);
  }
}

export interface HttpErrorInit {
  status: number;
  method: string;
  url: string;
  requestId?: string | undefined;
  /** Human-readable reason from the response body (Glance/Keystone error JSON or stripped HTML). */
  details?: string | undefined;
  /** Status codes the caller would have accepted. */
  expected?: readonly number[] | undefined;
}

/** The server answered with an unexpected HTTP status. */
export class HttpError extends OpenStackError {
  override name = 'HttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  readonly details: string;

  constructor(init: HttpErrorInit, options?: { cause?: unknown }) {
    const url = redactUrl(init.url);
    const details = printable(redactText(init.details ?? ''));
    // a header value: the peer chooses it
    const rid = init.requestId ? ` [${printable(clipEchoed(init.requestId, 100))}]` : '';
    super(`${init.method} ${url} returned HTTP ${init.status}${details ? `: ${details}` : ''}${rid}`, options);
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.requestId = init.requestId === undefined ? undefined : printable(init.requestId);
    this.details = details;
  }
}

export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
}
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
}
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
}
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
}
export class ConflictError extends HttpError {
  override name = 'ConflictError';
}
export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
}
/** Any 5xx. */
export class ServerError extends HttpError {
  override name = 'ServerError';
}

/** Build the subclass that matches the status (as openstacksdk's raise_from_response does). */
export function httpErrorFor(init: HttpErrorInit, options?: { cause?: unknown }): HttpError {
  switch (init.status) {
    case 400:
      return new BadRequestError(init, options);
    case 401:
      return new UnauthorizedError(init, options);
    case 403:
      return new ForbiddenError(init, options);
    case 404:
      return new NotFoundError(init, options);
    case 409:
      return new ConflictError(init, options);
    case 429:
      return new TooManyRequestsError(init, options);
    default:
      return init.status >= 500 && init.status <= 599 ? new ServerError(init, options) : new HttpError(init, options);
  }
}

/** True if `err` is an HttpError with one of the given statuses (gophercloud's ResponseCodeIs). */
export function isHttpStatus(err: unknown, ...statuses: number[]): err is HttpError {
  return err instanceof HttpError && statuses.includes(err.status);
}

/** The request never got an HTTP answer: refused, reset, DNS failure, TLS failure. */
export class ConnectionError extends OpenStackError {
  override name = 'ConnectionError';
  readonly method: string;
  readonly url: string;
  /** Low-level code such as ECONNREFUSED or UND_ERR_SOCKET, when known. */
  readonly code: string | undefined;
  constructor(init: { method: string; url: string; code?: string | undefined; reason: string }, options?: { cause?: unknown }) {
    const url = redactUrl(init.url);
    super(`${init.method} ${url} failed: ${init.reason}${init.code ? ` (${init.code})` : ''}`, options);
    this.method = init.method;
    this.url = url;
    this.code = init.code;
  }
}

/** No complete answer within the per-request timeout. A ConnectionError, so it is retried like one. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(init: { method: string; url: string; timeoutMs: number; answered?: boolean; idle?: boolean }, options?: { cause?: unknown }) {
    const s = init.timeoutMs / 1000;
    const reason = !init.answered
      ? `no answer within ${s} s (--timeout)`
      : init.idle
        ? `the answer stopped: no data for ${s} s (--timeout)`
        : `the answer began but did not complete within ${s} s (--timeout)`;
    super({ method: init.method, url: init.url, reason, code: 'ETIMEDOUT' }, options);
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * A peer's answer went past a limit on input (README, "Limits on input"): an answer larger than
 * the per-response cap (counted after decompression), or a listing with more pages, images or
 * bytes than one catalogue may have. What was read is incomplete, so it is refused, never
 * retried and never taken as the whole.
 */
export class LimitExceededError extends OpenStackError {
  override name = 'LimitExceededError';
  /** Which limit: `response-bytes`, `pages`, `images`, `listing-bytes`. */
  readonly limit: string;
  constructor(message: string, limit: string) {
    super(message);
    this.limit = limit;
  }
}

/** clouds.yaml / secure.yaml / environment problems. Names the file and key, never a value. */
export class ConfigError extends OpenStackError {
  override name = 'ConfigError';
  readonly file: string | undefined;
  readonly key: string | undefined;
  readonly line: number | undefined;
  constructor(message: string, where: { file?: string | undefined; key?: string | undefined; line?: number | undefined } = {}) {
    const loc = where.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
    const key = where.key ? ` (key: ${where.key})` : '';
    super(`${loc}${message}${key}`);
    this.file = where.file;
    this.key = where.key;
    this.line = where.line;
  }
}

/** clouds.yaml (and the OS_* variables) define no cloud of the name asked for. */
export class CloudNotFoundError extends ConfigError {
  override name = 'CloudNotFoundError';
}

/** Authentication failed or a fresh token was rejected. Never contains the credential. */
export class AuthError extends OpenStackError {
  override name = 'AuthError';
}

/**
 * Keystone refused the first login of a cloud. The message names the cloud, the file its
 * settings came from and the settings to check (names only, never values).
 */
export class LoginError extends AuthError {
  override name = 'LoginError';
  constructor(
    message: string,
    readonly cloud: string,
    /** What Keystone refused: the credentials, the scope (they work unscoped), or it could not be told. */
    readonly refused: 'credentials' | 'scope' | 'unknown',
    /** clouds.yaml keys (or OS_* variables) to check. */
    readonly settings: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The catalog has no endpoint matching service type, interface and region. */
export class EndpointNotFoundError extends OpenStackError {
  override name = 'EndpointNotFoundError';
  readonly serviceType: string;
  readonly available: string[];
  constructor(message: string, serviceType: string, available: string[]) {
    super(message);
    this.serviceType = serviceType;
    this.available = available;
  }
}
