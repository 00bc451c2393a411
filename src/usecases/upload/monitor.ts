/**
 * The compliance monitor's upload endpoint, `POST <monitor>/reports`, as its code defines it
 * (compliance-monitor/monitor.py): HTTP Basic auth (the account's subject and one of its API
 * passwords), `Content-Type` exactly `application/x-signed-yaml` or `application/x-signed-json`,
 * and the body `<SSH signature file>&<report>`. The answer is 200 `null`, or an error status with
 * a `{"detail": …}` body.
 *
 * The request goes through send() (openstack/http/request.ts), which never follows a redirect:
 * the credentials reach the monitor's own host or nobody. The answer's body comes from a server
 * and is shown to a person: at most MAX_ANSWER_BYTES are read, and what is shown is redacted,
 * stripped of control characters and clipped.
 */
import { printable } from '../../core/text/printable.js';
import { clipEchoed } from '../../core/text/clip.js';
import { InputError } from '../../core/errors.js';
import { debugTracer } from '../../openstack/http/debug-trace.js';
import { TimeoutError } from '../../openstack/errors.js';
import { send } from '../../openstack/http/request.js';
import { agentFor, undiciFetch } from '../../openstack/http/tls.js';
import type { Transport } from '../../openstack/http/types.js';
import { registerSecret, redactOutput } from '../../util/redact.js';

/** The monitor answers `null` or a short `{"detail": …}`; more than this is not its answer. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** How much of the answer is shown. */
export const SHOWN_ANSWER_CHARS = 500;

export interface MonitorCredentials {
  /** The monitor account's subject: the Basic-auth user name. */
  account: string;
  password: string;
}

export interface MonitorConnection {
  /** Per request, from sending to the last byte of the answer read. */
  timeoutMs: number;
  insecure: boolean;
  trace?: ((line: string) => void) | undefined;
}

export interface MonitorAnswer {
  status: number;
  /** The body as shown: redacted, control characters removed, clipped. */
  body: string;
  /** A redirect's target (never followed), redacted. */
  location?: string | undefined;
}

/** `<monitor>/reports`: the monitor's base URL, with or without a trailing slash (as scs-test-runner.py joins them). */
export function reportsUrl(monitor: string): string {
  let url: URL;
  try {
    url = new URL(monitor);
  } catch {
    throw new InputError({ file: '--monitor' }, `'${clipEchoed(redactOutput(monitor), 100)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError({ file: '--monitor' }, 'only http(s) URLs are supported');
  if (url.username || url.password) {
    throw new InputError(
      { file: '--monitor' },
      'the URL holds credentials: give the account with --account and the password with --password-file, --token-file or $SCS_MONITOR_PASSWORD',
    );
  }
  if (url.search || url.hash) throw new InputError({ file: '--monitor' }, 'give the base URL of the monitor, without a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL('reports', url).toString();
}

/** True for a host that is this machine: plain http is no risk there. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The Basic credentials, registered as secrets so that no message or trace can show them. */
export function basicAuthorization(c: MonitorCredentials): string {
  const token = Buffer.from(`${c.account}:${c.password}`, 'utf8').toString('base64');
  registerSecret(c.password);
  registerSecret(token);
  return `Basic ${token}`;
}

/** Every status is an answer to show; send() throws only when there was none (ConnectionError). */
const EVERY_STATUS = Array.from({ length: 500 }, (_, i) => i + 100);

/** POSTs one signed report; throws ConnectionError (or TimeoutError) when the monitor gave no answer. */
export async function postReport(
  url: string,
  body: Uint8Array,
  contentType: string,
  credentials: MonitorCredentials,
  conn: MonitorConnection,
): Promise<MonitorAnswer> {
  const agent = conn.insecure ? await agentFor({ rejectUnauthorized: false }) : undefined;
  const transport: Transport = {
    timeoutMs: conn.timeoutMs,
    // a POST is never repeated: the monitor may have stored the report before the connection broke
    retry: { maxRetries: 0 },
    ...(agent ? { dispatcher: agent, fetch: await undiciFetch() } : {}),
    ...(conn.trace ? { onEvent: debugTracer(conn.trace) } : {}),
  };
  const deadline = new AbortController();
  // one deadline for the whole exchange: send()'s own timeout covers only the headers of a streamed answer
  const timer = setTimeout(() => deadline.abort(new TimeoutError({ method: 'POST', url, timeoutMs: conn.timeoutMs })), conn.timeoutMs);
  try {
    const res = await send(
      {
        method: 'POST',
        url,
        service: 'monitor',
        headers: { 'Content-Type': contentType, Authorization: basicAuthorization(credentials), Accept: 'application/json' },
        body,
        okCodes: EVERY_STATUS,
        stream: true,
        signal: deadline.signal,
      },
      transport,
    );
    const { text, note } = await readBounded(res.stream, conn.timeoutMs, deadline.signal);
    const location = res.status >= 300 && res.status < 400 ? (res.headers.get('location') ?? undefined) : undefined;
    return { status: res.status, body: showable(text) + note, ...(location ? { location: showable(location) } : {}) };
  } finally {
    clearTimeout(timer);
    await agent?.close();
  }
}

async function readBounded(stream: AsyncIterable<Uint8Array> | undefined, timeoutMs: number, signal: AbortSignal): Promise<{ text: string; note: string }> {
  if (!stream) return { text: '', note: '' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let note = '';
  try {
    for await (const chunk of stream) {
      const room = MAX_ANSWER_BYTES - total;
      chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
      total += Math.min(chunk.byteLength, room);
      if (total >= MAX_ANSWER_BYTES) {
        // leaving the loop cancels the rest of the body
        note = ` (answer cut after ${MAX_ANSWER_BYTES} bytes)`;
        break;
      }
    }
  } catch {
    note = signal.aborted ? ` (the rest of the answer did not come within ${timeoutMs / 1000} s)` : ' (the answer broke off)';
  }
  return { text: Buffer.concat(chunks).toString('utf8'), note };
}

/**
 * A server's text as it may be shown in a terminal or CI log: secrets redacted, control
 * characters, escape sequences and bidi overrides removed, one line, clipped.
 */
export function showable(text: string): string {
  // the one sanitizer for a peer's text (core/text/printable.ts): one line, nothing that steers a terminal
  const clean = printable(redactOutput(text).replace(/\r?\n/g, ' ')).trim();
  return clipEchoed(clean, SHOWN_ANSWER_CHARS);
}
