import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { decodeUtf8 } from '../specs/fetch-text.js';

const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Read a user-named input file as UTF-8, with a clear message for the usual failures. */
export async function readInputFile(path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file: path }, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot read (${code ?? (e as Error).message})`);
  }
  if (buf.length > MAX_INPUT_BYTES) throw new InputError({ file: path }, `larger than ${MAX_INPUT_BYTES} bytes`);
  return decodeUtf8(buf, path);
}
