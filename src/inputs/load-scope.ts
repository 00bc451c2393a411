import { parseScope } from '../core/scope/parse-scope.js';
import type { Scope } from '../core/scope/scope.js';
import { BUNDLED_SCOPE, readBundledDocument } from './bundled.js';
import { readStandardsDocument } from './standards-document.js';

/**
 * `--scope`: the bundled `scs-compatible-iaas`, a file, or an http(s) URL; read and parsed. Which
 * of its versions applies is the caller's decision (core/scope/select-version.ts); a run loads
 * its scope once and passes it on.
 */
export async function loadScope(scope: string = BUNDLED_SCOPE): Promise<Scope> {
  return parseScope(await (scope === BUNDLED_SCOPE ? readBundledDocument(BUNDLED_SCOPE) : readStandardsDocument(scope)), scope);
}
