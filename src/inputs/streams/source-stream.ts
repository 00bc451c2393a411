/**
 * The bytes of an import source as a Node stream: a local file (`file:`), or an HTTP(S) download
 * by the tool for the streamed fallback. Nothing is buffered or written to disk. `idleMs` bounds
 * the wait for the answer's headers; a body that stalls is caught by `meter` (checksum.ts).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import type { ImportSource } from '../../core/plan/types.js';
import { redactUrl } from '../../util/redact.js';

/** A source that cannot be opened or downloaded; the message names it (credentials redacted) and says why. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface SourceStream {
  body: Readable;
  /** Bytes, when known (file size, Content-Length). */
  size: number | undefined;
  /** The HTTP answer's headers (a download only): Swift's X-Object-Meta-* for `mirror --check`. */
  headers?: Headers;
}

export interface OpenSourceOptions {
  signal?: AbortSignal;
  /** Abort a download whose server has not answered within this long (default 60 s); a stalled body is caught by meter(). */
  idleMs?: number;
  fetch?: typeof fetch;
}

export async function openSource(source: ImportSource, opts: OpenSourceOptions = {}): Promise<SourceStream> {
  if (source.kind === 'file') {
    const path = source.path ?? '';
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new SourceError(`${path} is not a regular file`);
      size = s.size;
    } catch (e) {
      if (e instanceof SourceError) throw e;
      throw new SourceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return { body: createReadStream(path, { highWaterMark: 1024 * 1024, ...(opts.signal ? { signal: opts.signal } : {}) }), size };
  }
  if (!/^https?:\/\//i.test(source.url)) throw new SourceError(`cannot download ${redactUrl(source.url)}: only http(s) is supported`);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const idleMs = opts.idleMs ?? 60_000;
  const headersTimer = setTimeout(() => controller.abort(new SourceError(`download stalled: no answer for ${Math.round(idleMs / 1000)} s`)), idleMs);
  let res: Response;
  try {
    // upstream mirrors redirect a lot (GitHub releases, CDNs); no credentials are sent, so following is safe
    res = await (opts.fetch ?? fetch)(source.url, { redirect: 'follow', signal: controller.signal });
  } catch (e) {
    throw new SourceError(`download of ${redactUrl(source.url)} failed: ${describe(controller.signal.reason ?? e)}`);
  } finally {
    clearTimeout(headersTimer);
  }
  if (!res.ok || !res.body) {
    opts.signal?.removeEventListener('abort', onAbort);
    await res.body?.cancel().catch(() => {});
    throw new SourceError(`download of ${redactUrl(source.url)} failed: HTTP ${res.status}`);
  }
  const length = Number(res.headers.get('content-length'));
  // a Node stream end to end: piped into the upload with backpressure, no per-chunk promises;
  // stalls are caught by the meter the caller pipes it through (checksum.ts)
  const body = Readable.fromWeb(res.body as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
  body.once('close', () => opts.signal?.removeEventListener('abort', onAbort));
  return { body, size: Number.isFinite(length) && length > 0 ? length : undefined, headers: res.headers };
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? e.message;
  }
  return String(e);
}
