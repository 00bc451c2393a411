import { imageSpecName, selectScopeVersion } from '../core/scope/select-version.js';
import type { ImageSpec } from '../core/spec/image-spec.js';
import { parseImageSpec } from '../core/spec/parse-image-spec.js';
import { BUNDLED_SPECS, bundledPath, isBundledSpec, STANDARDS_DIR } from './bundled.js';
import { readStandardsDocument } from './standards-document.js';
import { loadScope } from './load-scope.js';

/**
 * Resolve `--spec`: a bundled name, an http(s) URL, or a local file. Without one, the spec of the
 * newest effective version of the bundled SCS-compatible IaaS scope on `today` (YYYY-MM-DD).
 */
export async function loadImageSpec(spec: string | undefined, today: string): Promise<ImageSpec> {
  const name = spec ?? (await defaultSpecName(today));
  return parseImageSpec(
    await readStandardsDocument(isBundledSpec(name) ? bundledPath(name) : name, { notFound: `no such file (bundled specs: ${BUNDLED_SPECS.join(', ')})` }),
    name,
  );
}

/** The spec the newest stable version of the bundled scope names on `today`. */
export async function defaultSpecName(today: string): Promise<string> {
  const scope = await loadScope();
  let name: string | undefined;
  try {
    name = imageSpecName(selectScopeVersion(scope, { day: today, withRecommended: false }));
  } catch {
    // no stable version effective on that day (before the timeline starts): the newest bundled spec
  }
  if (name && isBundledSpec(name)) return name;
  return BUNDLED_SPECS[BUNDLED_SPECS.length - 1] as string;
}

/**
 * The project's own table of the official test's hard-coded entries (data/standards), the
 * reference the scope's scs-0104 module is compared with.
 */
export async function loadReferenceEntries(): Promise<ImageSpec> {
  const name = 'scs-0104-reference-entries';
  return parseImageSpec(await readStandardsDocument(bundledPath(name)), `${STANDARDS_DIR}${name}.yaml`);
}
