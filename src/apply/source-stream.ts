/**
 * The bytes of an import source as a stream: a local file (`file:`), or an HTTP(S) download by
 * the tool for the streamed fallback. Nothing is buffered or written to disk; a download that
 * stalls longer than `idleMs` is aborted.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ImportSource } from '../core/plan/types.js';
import { redactUrl } from '../openstack/redact.js';
import { ApplyError } from './errors.js';

export interface SourceStream {
  body: AsyncIterable<Uint8Array>;
  /** Bytes, when known (file size, Content-Length). */
  size: number | undefined;
}

export interface OpenSourceOptions {
  signal?: AbortSignal;
  /** Abort a download that delivers nothing for this long (default 60 s). */
  idleMs?: number;
  fetch?: typeof fetch;
}

export async function openSource(source: ImportSource, opts: OpenSourceOptions = {}): Promise<SourceStream> {
  if (source.kind === 'file') {
    const path = source.path ?? '';
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new ApplyError(`${path} is not a regular file`);
      size = s.size;
    } catch (e) {
      if (e instanceof ApplyError) throw e;
      throw new ApplyError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return { body: createReadStream(path, { highWaterMark: 1024 * 1024, ...(opts.signal ? { signal: opts.signal } : {}) }), size };
  }
  if (!/^https?:\/\//i.test(source.url)) throw new ApplyError(`cannot download ${redactUrl(source.url)}: only http(s) is supported`);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const idleMs = opts.idleMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new ApplyError(`download stalled: no data for ${Math.round(idleMs / 1000)} s`)), idleMs);
  };
  arm();
  let res: Response;
  try {
    // upstream mirrors redirect a lot (GitHub releases, CDNs); no credentials are sent, so following is safe
    res = await (opts.fetch ?? fetch)(source.url, { redirect: 'follow', signal: controller.signal });
  } catch (e) {
    clearTimeout(timer);
    throw new ApplyError(`download of ${redactUrl(source.url)} failed: ${describe(controller.signal.reason ?? e)}`);
  }
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    await res.body?.cancel().catch(() => {});
    throw new ApplyError(`download of ${redactUrl(source.url)} failed: HTTP ${res.status}`);
  }
  const length = Number(res.headers.get('content-length'));
  const body = res.body;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        yield chunk;
      }
    } catch (e) {
      throw new ApplyError(`download of ${redactUrl(source.url)} broke off: ${describe(controller.signal.reason ?? e)}`);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }
  return { body: chunks(), size: Number.isFinite(length) && length > 0 ? length : undefined };
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? e.message;
  }
  return String(e);
}
