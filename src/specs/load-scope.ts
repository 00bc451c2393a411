import { readFile } from 'node:fs/promises';
import { parseScope } from '../core/scope/parse-scope.js';
import type { Scope } from '../core/scope/scope.js';
import { BUNDLED_SCOPE, bundledPath } from './bundled.js';
import { fetchText } from './fetch-text.js';
import { readLocal } from './load-image-spec.js';

/** `--scope`: the bundled `scs-compatible-iaas`, a file, or an http(s) URL. */
export async function loadScope(scope: string = BUNDLED_SCOPE): Promise<Scope> {
  if (scope === BUNDLED_SCOPE) return parseScope(await readFile(bundledPath(BUNDLED_SCOPE), 'utf8'), scope);
  if (/^https?:\/\//i.test(scope)) return parseScope(await fetchText(scope), scope);
  return parseScope(await readLocal(scope), scope);
}
