/**
 * Write init's files into `--out DIR` (created if needed). Existing files are never overwritten
 * without `--force`: all are checked before the first is written, so a refusal leaves DIR as it was.
 */
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, InputErrors } from '../../core/errors.js';

export interface FileToWrite {
  fileName: string;
  text: string;
}

export async function writeDefinitionFiles(dir: string, files: readonly FileToWrite[], force: boolean): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new InputError({ file: dir }, `cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const paths = files.map((f) => join(dir, f.fileName));
  if (!force) {
    const existing: InputError[] = [];
    for (const p of paths) {
      if (await exists(p)) existing.push(new InputError({ file: p }, 'exists; not overwritten (use --force to replace it)'));
    }
    if (existing.length > 0) throw new InputErrors(existing);
  }
  for (const [i, f] of files.entries()) {
    const path = paths[i] as string;
    try {
      // 'wx' also refuses a file that appeared since the check above
      await writeFile(path, f.text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(
        { file: path },
        code === 'EEXIST' ? 'exists; not overwritten (use --force to replace it)' : `cannot write (${code ?? (e as Error).message})`,
      );
    }
  }
  return paths;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError({ file: path }, `cannot inspect (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
