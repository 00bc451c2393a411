/**
 * HTTP for the updater: GET a text document, HEAD a file for its Last-Modified. Every response
 * is checked before its body is used: status 200 only (redirects followed, at most 10), a byte
 * limit while reading, a timeout for the whole request. A 404 or 500 page therefore never
 * reaches a parser. Only http(s) URLs are fetched.
 */
import { STATUS_CODES } from 'node:http';
import { InputError } from '../core/errors.js';
import { checkDocument, decodeUtf8 } from './read-file.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Listings and manifests are KiB; a server sending more is not serving one. */
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Trace each request (verbose mode). */
  trace?: (line: string) => void;
}

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly url: string,
    /** `GET <url>: <reason>` */
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** The message without the `GET <url>: ` it starts with, for callers that name the URL themselves. */
  get reason(): string {
    return this.message.replace(/^[A-Z]+ \S+: /, '');
  }
}

/** GET `url` as UTF-8 text. */
export async function fetchText(url: string, opts: FetchOptions = {}): Promise<string> {
  return new TextDecoder('utf-8').decode(await fetchBytes(url, opts));
}

/** GET `url`: the body of a 200, read up to the byte limit. */
async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Uint8Array> {
  const res = await request('GET', url, opts);
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchError(url, `GET ${url}: ${declared} bytes is more than the ${max}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) throw new FetchError(url, `GET ${url}: more than the ${max}-byte limit`);
      chunks.push(value);
    }
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    throw e instanceof FetchError ? e : new FetchError(url, `GET ${url}: ${describe(e)}`);
  }
  return Buffer.concat(chunks);
}

/** The Last-Modified header of `url` (HEAD), or undefined when the server sends none. */
export async function fetchLastModified(url: string, opts: FetchOptions = {}): Promise<string | undefined> {
  const res = await request('HEAD', url, opts);
  await res.body?.cancel().catch(() => undefined);
  return res.headers.get('last-modified') ?? undefined;
}

/** The Content-Length of `url` (HEAD), or undefined when the server sends none. */
export async function fetchContentLength(url: string, opts: FetchOptions = {}): Promise<number | undefined> {
  const res = await request('HEAD', url, opts);
  await res.body?.cancel().catch(() => undefined);
  const n = Number(res.headers.get('content-length') ?? NaN);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

async function request(method: 'GET' | 'HEAD', url: string, opts: FetchOptions): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(url, `${method} ${url}: not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(url, `${method} ${url}: only http and https URLs are fetched`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  opts.trace?.(`${method} ${url}`);
  let res: Response;
  try {
    res = await fetch(parsed, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { accept: '*/*' } });
  } catch (e) {
    const timedOut = (e as Error).name === 'TimeoutError';
    throw new FetchError(url, `${method} ${url}: ${timedOut ? `no answer within ${timeoutMs / 1000} s` : describe(e)}`);
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchError(url, `${method} ${url}: HTTP ${res.status} ${res.statusText || STATUS_CODES[res.status] || ''}`.trimEnd(), res.status);
  }
  return res;
}

function describe(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** A github.com `blob` page URL becomes the raw file URL; other URLs are kept. */
function rawGithubUrl(url: string): string {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url);
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}` : url;
}

/**
 * A document the user named by URL (`--spec URL`, `--scope URL`): fetched like every upstream
 * document, then held to the input rules of local files (strict UTF-8, bounded nesting). Any
 * failure is bad input naming the URL.
 */
export async function fetchInputDocument(url: string, opts: { maxBytes: number; timeoutMs?: number }): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchBytes(rawGithubUrl(url), { maxBytes: opts.maxBytes, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  } catch (e) {
    if (e instanceof FetchError) throw new InputError({ file: url }, `cannot fetch: ${e.reason}`);
    throw e;
  }
  const text = decodeUtf8(bytes, url);
  checkDocument(text, url);
  return text;
}
