/**
 * Read image definitions from disk: one file, or every `*.yml` / `*.yaml` file of a directory
 * (sorted by name, not recursive). Parsing and validation are pure (core/definitions); this
 * module only finds and reads files, then reports every problem of every file at once.
 *
 * Differences to OIM's reader (W-OIM-6): one rule for which files count (`.yml`/`.yaml`, with the
 * dot; OIM matched names ending in `yaml` and validated every file of the directory); a file that
 * is not valid YAML is an error, not silently skipped; other entries are ignored with a note.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, InputErrors } from '../core/errors.js';
import { parseDefinitionSources } from '../core/definitions/parse-definitions.js';
import type { DefinitionSet } from '../core/definitions/types.js';

/** Per file. Real definition files are a few KiB; anything this large is not one. */
export const MAX_DEFINITION_FILE_BYTES = 4 * 1024 * 1024;

const DEFINITION_FILE_RE = /\.ya?ml$/i;

export interface LoadDefinitionsOptions {
  /** Per-file size limit in bytes (default MAX_DEFINITION_FILE_BYTES). */
  maxFileBytes?: number;
}

/**
 * Load and validate a definitions file or directory. Throws InputErrors (every problem of every
 * file, plus duplicates across files) or an InputError for an unusable path.
 */
export async function loadDefinitions(pathOrDir: string, options: LoadDefinitionsOptions = {}): Promise<DefinitionSet> {
  const maxBytes = options.maxFileBytes ?? MAX_DEFINITION_FILE_BYTES;
  const info = await statOrThrow(pathOrDir);
  const notes: string[] = [];
  let files: string[];
  if (info.isDirectory()) {
    files = await listDefinitionFiles(pathOrDir, notes);
    if (files.length === 0) {
      throw new InputError({ file: pathOrDir }, 'no image definition files (*.yml, *.yaml) in this directory');
    }
  } else if (info.isFile()) {
    files = [pathOrDir];
  } else {
    throw new InputError({ file: pathOrDir }, 'not a regular file or directory');
  }

  const sources: { file: string; text: string }[] = [];
  const errors: InputError[] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: await readDefinitionText(file, maxBytes) });
    } catch (e) {
      if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  let set: DefinitionSet | undefined;
  try {
    set = parseDefinitionSources(sources, notes);
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0 || !set) throw new InputErrors(errors);
  return set;
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (e) {
    throw new InputError({ file: path }, describeFsError(e));
  }
}

/** `*.yml`/`*.yaml` regular files (symlinks followed), sorted by code point; other entries are noted. */
async function listDefinitionFiles(dir: string, notes: string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new InputError({ file: dir }, describeFsError(e));
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: string[] = [];
  for (const name of names) {
    const full = join(dir, name);
    let kind: 'file' | 'dir' | 'other';
    try {
      const s = await stat(full);
      kind = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
    } catch {
      kind = 'other'; // dangling symlink and the like
    }
    if (name.startsWith('.')) {
      // editor and VCS droppings (.git, .#x.yml); only a hidden definition file is worth a note
      if (kind === 'file' && DEFINITION_FILE_RE.test(name)) notes.push(`${full}: ignored (hidden file)`);
    } else if (kind === 'file' && DEFINITION_FILE_RE.test(name)) {
      files.push(full);
    } else if (kind === 'dir') {
      notes.push(`${full}: ignored (subdirectories are not read)`);
    } else {
      notes.push(`${full}: ignored (${kind === 'file' ? 'not a .yml/.yaml file' : 'not a regular file'})`);
    }
  }
  return files;
}

async function readDefinitionText(file: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new InputError({ file }, describeFsError(e));
  }
  if (size > maxBytes) throw new InputError({ file }, `${size} bytes is larger than the ${maxBytes}-byte limit for a definitions file`);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    throw new InputError({ file }, describeFsError(e));
  }
  if (buf.length > maxBytes) throw new InputError({ file }, `larger than the ${maxBytes}-byte limit for a definitions file`);
  return decodeUtf8(buf, file);
}

/** Strict UTF-8 (a BOM is dropped); the error names the byte offset and line of the first bad byte. */
function decodeUtf8(buf: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    const offset = firstInvalidUtf8(buf);
    let line = 1;
    for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
    throw new InputError({ file, line }, `not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8`);
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

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read (${code ?? (e as Error).message})`;
}
