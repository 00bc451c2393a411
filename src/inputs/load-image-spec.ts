import type { ImageSpec } from '../core/spec/image-spec.js';
import { parseImageSpec } from '../core/spec/parse-image-spec.js';
import { BUNDLED_SPECS, bundledPath, isBundledSpec, readBundledDocument } from './bundled.js';
import { readStandardsDocument } from './standards-document.js';

/** A spec by name: a bundled one, an http(s) URL, or a local file; read and parsed. */
export async function readImageSpec(name: string): Promise<ImageSpec> {
  return parseImageSpec(
    await (isBundledSpec(name)
      ? readBundledDocument(name)
      : readStandardsDocument(name, { notFound: `no such file (bundled specs: ${BUNDLED_SPECS.join(', ')})` })),
    name,
  );
}

/**
 * The project's own table of the official test's hard-coded entries (data/standards), the
 * reference the scope's scs-0104 module is compared with.
 */
export async function loadReferenceEntries(): Promise<ImageSpec> {
  const name = 'scs-0104-reference-entries';
  return parseImageSpec(await readBundledDocument(name), bundledPath(name));
}
