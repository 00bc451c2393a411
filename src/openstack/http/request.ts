/**
 * send(): the one function that talks HTTP. Everything above it (auth, services, pagination)
 * builds HttpRequests; everything about timeouts, retries, error mapping, redaction of debug
 * events and request counting happens here, once.
 */
import type { fetch as undiciFetch } from 'undici';
import { ConnectionError, LimitExceededError, OpenStackError, TimeoutError, httpErrorFor } from '../errors.js';
import { redactHeaders, redactText, redactUrl } from '../../util/redact.js';
import { parseErrorDetails } from './error-body.js';
import { readBodyCapped } from './read-body.js';
import { getIntoSink } from './static-buffer-get.js';
import { sendWithUndici } from './undici-request.js';
import { backoffDelay, defaultSleep, errorCode, errorReason, isRetryableCode, isRetryableStatus, parseRetryAfter } from './retry.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, IDEMPOTENT_METHODS } from './types.js';
import type { HttpEvent, HttpRequest, HttpResponse, RetryPolicy, Transport } from './types.js';

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

interface Prepared {
  headers: Record<string, string>;
  body: string | Uint8Array | AsyncIterable<Uint8Array> | undefined;
  /** A stream can be sent once only: no retries then. */
  replayable: boolean;
}

function prepare(req: HttpRequest, transport: Transport): Prepared {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': transport.userAgent ?? 'scs-images' };
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k] = v;
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (req.json !== undefined) {
    if (!hasType) headers['Content-Type'] = 'application/json';
    return { headers, body: JSON.stringify(req.json), replayable: true };
  }
  const body = req.body;
  const replayable = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
  return { headers, body, replayable };
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? headers.get('x-request-id') ?? undefined;
}

function parseBody(text: string, headers: Headers): unknown {
  if (!text) return undefined;
  const type = headers.get('content-type') ?? '';
  if (!type.includes('json') && !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isOk(status: number, okCodes: readonly number[] | undefined): boolean {
  return okCodes ? okCodes.includes(status) : status >= 200 && status <= 299;
}

/**
 * Send one request, retrying transient failures when that is safe.
 * Throws HttpError subclasses for unexpected statuses, ConnectionError/TimeoutError when there
 * was no answer, or the caller's abort reason.
 */
export async function send(req: HttpRequest, transport: Transport = {}): Promise<HttpResponse> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...transport.retry };
  // Node's built-in fetch; a custom TLS dispatcher comes with its own fetch (see tls.ts)
  const fetchImpl = transport.fetch ?? (globalThis.fetch as unknown as typeof undiciFetch);
  const sleep = transport.sleep ?? defaultSleep;
  const random = transport.random ?? Math.random;
  const now = transport.now ?? Date.now;
  const timeoutMs = req.timeoutMs ?? transport.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = req.maxBodyBytes ?? transport.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const service = req.service ?? 'http';
  const { headers, body, replayable } = prepare(req, transport);
  const canRetry = replayable && (req.retryable ?? IDEMPOTENT_METHODS.has(req.method));
  const sink = req.sink;
  // a sink reads through one reused buffer (static-buffer-get.ts) unless a test seam or a caller's
  // own dispatcher stands in for the transport (its TLS settings are then unknown here)
  const direct = sink !== undefined && body === undefined && (transport.dispatcher ? transport.tls !== undefined : transport.fetch === undefined);
  const safeUrl = redactUrl(req.url);
  const emit = (event: HttpEvent): void => {
    try {
      transport.onEvent?.(event);
    } catch {
      // a broken debug hook must not break the request
    }
  };

  for (let attempt = 1; ; attempt++) {
    const base = { service, method: req.method, url: safeUrl, attempt };
    const retriesLeft = canRetry && attempt <= policy.maxRetries;
    const retryAfter = async (delayMs: number, reason: string): Promise<void> => {
      transport.stats?.recordRetry();
      emit({ ...base, type: 'retry', delayMs, reason: redactText(reason) });
      await sleep(delayMs, req.signal);
    };

    transport.stats?.recordRequest(service, req.method);
    emit({ ...base, type: 'request', headers: redactHeaders(headers) });
    const started = performance.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    const onCallerAbort = (): void => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    let res: Awaited<ReturnType<typeof undiciFetch>>;
    let text = '';
    // the body's size after decompression, when it is read whole
    let bytes = 0;
    // a streamed answer keeps the caller's abort wired to the body, which is read after we return
    let streaming = false;
    // headers came, the body did not finish in time: a slow link or a trickling page
    let answered = false;
    // the sink's own failure (a hash, a disk) is the caller's error, not a connection's
    let sinkFailure: { error: unknown } | undefined;
    const feed = (chunk: Uint8Array): void => {
      try {
        (sink as (c: Uint8Array) => void)(chunk);
      } catch (error) {
        sinkFailure = { error };
        throw error;
      }
    };
    try {
      // image data (a streamed body up, a streamed answer down) goes through undici's request():
      // fetch buffers uploads and slows downloads (undici-request.ts); a fetch injected without a
      // TLS dispatcher is a test seam and keeps getting everything
      const imageData = (body !== undefined && !replayable) || ((req.stream === true || sink !== undefined) && body === undefined);
      // every byte read refreshes the timer: for a body read into a sink it is an idle timeout
      const touch = (): void => void timer?.refresh();
      res = direct
        ? ((await getIntoSink(req.url, {
            headers,
            signal: controller.signal,
            tls: transport.tls,
            accept: (status) => isOk(status, req.okCodes),
            onHeaders: () => {
              answered = true;
              touch();
            },
            sink: (chunk) => {
              touch();
              feed(chunk);
            },
          })) as unknown as typeof res)
        : imageData && (!transport.fetch || transport.dispatcher)
          ? ((await sendWithUndici(req.url, {
              method: req.method,
              headers,
              body: body as AsyncIterable<Uint8Array> | undefined,
              signal: controller.signal,
              dispatcher: transport.dispatcher,
            })) as unknown as typeof res)
          : await fetchImpl(req.url, {
              method: req.method,
              headers,
              body: body ?? null,
              signal: controller.signal,
              // never follow redirects: undici would forward X-Auth-Token to whatever host is named
              redirect: 'manual',
              ...(transport.dispatcher ? { dispatcher: transport.dispatcher } : {}),
              ...(body !== undefined && !replayable ? { duplex: 'half' as const } : {}),
            });
      answered = true;
      if (sink && !direct && isOk(res.status, req.okCodes) && res.body) {
        // no static buffer here (an injected fetch or dispatcher): the same contract, chunk by chunk
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          touch();
          feed(chunk);
        }
      }
      streaming = req.stream === true && !sink && isOk(res.status, req.okCodes);
      if (!(req.method === 'HEAD' || streaming || (sink && isOk(res.status, req.okCodes)))) {
        // counted as it arrives, inflated only up to the cap: never a whole gzip bomb in memory
        ({ text, bytes } = await readBodyCapped(res, maxBodyBytes, `${req.method} ${safeUrl}`));
      }
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      transport.stats?.recordFailure();
      if (sinkFailure) throw sinkFailure.error;
      if (err instanceof LimitExceededError) {
        // the same answer again would be as large: refused, not retried; the rest is not read
        controller.abort();
        emit({ ...base, type: 'error', ms, error: err.message });
        throw err;
      }
      if (req.signal?.aborted) throw req.signal.reason ?? err;
      const code = errorCode(err);
      const failure = timedOut
        ? new TimeoutError({ method: req.method, url: req.url, timeoutMs, answered, idle: sink !== undefined }, { cause: err })
        : new ConnectionError(
            {
              method: req.method,
              url: req.url,
              code,
              reason: errorReason(err) + (code && TLS_CODE.test(code) ? ' (check cacert, or verify: false, in clouds.yaml)' : ''),
            },
            { cause: err },
          );
      emit({ ...base, type: 'error', ms, error: failure.message });
      // part of a body went to the sink already: another attempt would feed it twice
      if (retriesLeft && !(sink && answered) && (timedOut || isRetryableCode(code))) {
        await retryAfter(backoffDelay(attempt, policy, random), code ?? 'timeout');
        continue;
      }
      throw failure;
    } finally {
      if (timer) clearTimeout(timer);
      if (!streaming) req.signal?.removeEventListener('abort', onCallerAbort);
    }

    const ms = Math.round(performance.now() - started);
    const requestId = requestIdOf(res.headers);
    emit({ ...base, type: 'response', status: res.status, ms, requestId });
    const parsed = parseBody(text, res.headers);
    if (isOk(res.status, req.okCodes)) {
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('json') && text && parsed === undefined) {
        throw new OpenStackError(`${req.method} ${safeUrl} returned invalid JSON (HTTP ${res.status})`);
      }
      const response: HttpResponse = { status: res.status, headers: res.headers, method: req.method, url: req.url, body: parsed, text, bytes };
      if (streaming && res.body) response.stream = res.body as unknown as AsyncIterable<Uint8Array>;
      return response;
    }

    transport.stats?.recordFailure();
    if (retriesLeft && isRetryableStatus(res.status)) {
      const server = parseRetryAfter(res.headers.get('retry-after'), now(), policy.maxRetryAfterMs);
      await retryAfter(server ?? backoffDelay(attempt, policy, random), `HTTP ${res.status}`);
      continue;
    }
    const location = res.headers.get('location');
    const details = res.status >= 300 && res.status < 400 && location ? `redirected to ${redactUrl(location)}` : parseErrorDetails(text, parsed);
    throw httpErrorFor({ status: res.status, method: req.method, url: req.url, requestId, details, expected: req.okCodes });
  }
}
