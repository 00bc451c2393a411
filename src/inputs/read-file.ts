/**
 * The one reader of user-named input files (specs, scopes, image exports, definitions, plans,
 * clouds.yaml goes through openstack/config): a regular file only, a size limit checked before
 * reading, strict UTF-8, and the document rules (no control characters, bounded nesting), so
 * that no parser later chokes on a hostile document. Every failure is an InputError naming the file (exit 2).
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { checkDocumentText } from '../core/text/document-rules.js';

export interface ReadTextOptions {
  maxBytes: number;
  /** What the file should be, for the size message: `a definitions file`. */
  kind?: string;
  /** The message when the file does not exist (default `no such file or directory`). */
  notFound?: string;
  /**
   * Name the line of a bad UTF-8 byte in the location (`file:2: not valid UTF-8 ...`), as the
   * definitions loader does for all its errors; otherwise it is told in the message.
   */
  utf8LineInLocation?: boolean;
}

/** Exports of big clouds are large JSON; anything above this is not an image list. */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export { MAX_NESTING } from '../core/text/document-rules.js';

export async function readTextFile(path: string, opts: ReadTextOptions): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError({ file: path }, 'is a directory, expected a file');
    if (!info.isFile()) throw new InputError({ file: path }, 'not a regular file');
    size = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file: path }, describeFsError(e, opts.notFound));
  }
  const limit = `the ${opts.maxBytes}-byte limit${opts.kind ? ` for ${opts.kind}` : ''}`;
  if (size > opts.maxBytes) throw new InputError({ file: path }, `${size} bytes is larger than ${limit}`);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new InputError({ file: path }, describeFsError(e, opts.notFound));
  }
  if (buf.length > opts.maxBytes) throw new InputError({ file: path }, `larger than ${limit}`);
  const text = decodeUtf8(buf, path, opts.utf8LineInLocation ?? false);
  checkDocument(text, path);
  return text;
}

/** An image export, plan file or other large input: the generous default limit. */
export function readInputFile(path: string): Promise<string> {
  return readTextFile(path, { maxBytes: MAX_INPUT_BYTES, notFound: 'no such file' });
}

/** Strict UTF-8 (a BOM is dropped); the error names the byte offset and line of the first bad byte. */
export function decodeUtf8(buf: Uint8Array, file: string, lineInLocation = false): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    const offset = firstInvalidUtf8(buf);
    let line = 1;
    for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
    if (lineInLocation) throw new InputError({ file, line }, `not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8`);
    throw new InputError({ file }, `not valid UTF-8 (first bad byte at offset ${offset}, line ${line}); save the file as UTF-8`);
  }
}

function firstInvalidUtf8(buf: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  // binary search on the longest valid prefix would miss truncated sequences; a linear scan is exact
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    try {
      dec.decode(buf.subarray(i, i + len));
    } catch {
      return i;
    }
    if (i + len > buf.length) return i;
    i += len;
  }
  return buf.length;
}

/** The document rules of core/text/document-rules.ts, as bad input naming the place. */
export function checkDocument(text: string, file: string): void {
  const p = checkDocumentText(text);
  if (p) throw new InputError({ file, line: p.line, column: p.column }, p.problem);
}

export function describeFsError(e: unknown, notFound = 'no such file or directory'): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return notFound;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, expected a file';
  return `cannot read (${code ?? (e as Error).message})`;
}
