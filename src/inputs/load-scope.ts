import { parseScope } from '../core/scope/parse-scope.js';
import type { Scope } from '../core/scope/scope.js';
import { BUNDLED_SCOPE, bundledPath } from './bundled.js';
import { readStandardsDocument } from './standards-document.js';

/**
 * The bundled scope is read once per process: it ships with the package and never changes while
 * it runs, and parsing it with positions is the largest part of an offline check. Callers do not
 * mutate a Scope.
 */
let bundled: Promise<Scope> | undefined;

/** `--scope`: the bundled `scs-compatible-iaas`, a file, or an http(s) URL. */
export async function loadScope(scope: string = BUNDLED_SCOPE): Promise<Scope> {
  if (scope !== BUNDLED_SCOPE) return parseScope(await readStandardsDocument(scope), scope);
  bundled ??= readStandardsDocument(bundledPath(BUNDLED_SCOPE)).then((text) => parseScope(text, BUNDLED_SCOPE));
  const result = bundled;
  // a failed read is not kept: the next call tries again
  result.catch(() => {
    if (bundled === result) bundled = undefined;
  });
  return result;
}
