import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { imageSpecOfNewestEffectiveVersion } from '../core/scope/effective-versions.js';
import type { ImageSpec } from '../core/spec/image-spec.js';
import { parseImageSpec } from '../core/spec/parse-image-spec.js';
import { BUNDLED_SCOPE, BUNDLED_SPECS, bundledPath, isBundledSpec } from './bundled.js';
import { decodeUtf8, fetchText } from './fetch-text.js';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Resolve `--spec`: a bundled name, an http(s) URL, or a local file. Without one, the spec of the
 * newest effective version of the bundled SCS-compatible IaaS scope on `today` (YYYY-MM-DD).
 */
export async function loadImageSpec(spec: string | undefined, today: string): Promise<ImageSpec> {
  const name = spec ?? (await defaultSpecName(today));
  if (isBundledSpec(name)) {
    return parseImageSpec(await readFile(bundledPath(name), 'utf8'), name);
  }
  if (/^https?:\/\//i.test(name)) return parseImageSpec(await fetchText(name), name);
  return parseImageSpec(await readLocal(name), name);
}

export async function defaultSpecName(today: string): Promise<string> {
  const scope = await readFile(bundledPath(BUNDLED_SCOPE), 'utf8');
  const name = imageSpecOfNewestEffectiveVersion(scope, today);
  if (name && isBundledSpec(name)) return name;
  return BUNDLED_SPECS[BUNDLED_SPECS.length - 1] as string;
}

export async function readLocal(path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? `no such file (bundled specs: ${BUNDLED_SPECS.join(', ')})` : `cannot read (${code ?? (e as Error).message})`;
    throw new InputError({ file: path }, hint);
  }
  if (buf.length > MAX_FILE_BYTES) throw new InputError({ file: path }, `larger than ${MAX_FILE_BYTES} bytes; not a spec file`);
  return decodeUtf8(buf, path);
}
