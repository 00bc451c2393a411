import { InputError } from '../core/errors.js';

const MAX_BYTES = 4 * 1024 * 1024;

/** A github.com `blob` page URL becomes the raw file URL; other URLs are kept. */
export function rawGithubUrl(url: string): string {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url);
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}` : url;
}

/** GET a small text document (a spec or scope file) with a timeout and a size limit. */
export async function fetchText(url: string, timeoutMs = 30_000): Promise<string> {
  const target = rawGithubUrl(url);
  let res;
  try {
    res = await fetch(target, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/plain, application/yaml, */*' } });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new InputError({ file: url }, `cannot fetch: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (!res.ok) throw new InputError({ file: url }, `cannot fetch: HTTP ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > MAX_BYTES) throw new InputError({ file: url }, `larger than ${MAX_BYTES} bytes; not a spec file`);
  return decodeUtf8(buf, url);
}

export function decodeUtf8(buf: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError({ file }, 'not valid UTF-8 text');
  }
}
