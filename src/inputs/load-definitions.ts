/**
 * Read image definitions from disk: one file, or every `*.yml` / `*.yaml` file of a directory
 * (sorted by name, not recursive). Parsing and validation are pure (core/definitions); this
 * module only finds and reads files, then reports every problem of every file at once.
 *
 * Differences to OIM's reader: one rule for which files count (`.yml`/`.yaml`, with the
 * dot; OIM matched names ending in `yaml` and validated every file of the directory); a file that
 * is not valid YAML is an error, not silently skipped; other entries are ignored with a note.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError, InputErrors } from '../core/errors.js';
import { parseDefinitionSources } from '../core/definitions/parse-definitions.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { describeFsError, readTextFile } from './read-file.js';

/** Per file. Real definition files are a few KiB; anything this large is not one. */
const MAX_DEFINITION_FILE_BYTES = 4 * 1024 * 1024;

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
      sources.push({ file, text: await readTextFile(file, { maxBytes, kind: 'a definitions file', utf8LineInLocation: true }) });
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
  // relative `file:` URLs are relative to their file; the working directory is read here, not in core
  for (const def of set.images) def.baseDir = resolve(dirname(def.location.file));
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
