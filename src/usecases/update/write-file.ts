/**
 * Replace a file's content atomically (temporary file in the same directory, then rename), so an
 * interrupted update never leaves a half-written definitions file. The file's mode is kept, and
 * a symlinked file is written where it points (the rename would otherwise replace the link).
 */
import { chmod, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function replaceFileAtomically(path: string, text: string): Promise<void> {
  const file = await realpath(path);
  const mode = (await stat(file)).mode & 0o7777;
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.update.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', mode });
    await chmod(tmp, mode); // writeFile's mode is filtered by the umask
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
