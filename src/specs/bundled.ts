import { fileURLToPath } from 'node:url';

/** Spec files shipped with the package (copies of the published SCS files), by name. */
export const BUNDLED_SPECS = ['scs-0104-v1-images', 'scs-0104-v1-images-v5'] as const;
export type BundledSpecName = (typeof BUNDLED_SPECS)[number];

export const BUNDLED_SCOPE = 'scs-compatible-iaas';

/** data/standards/ of the installed package (works from dist/ and from src/ alike). */
export const STANDARDS_DIR = fileURLToPath(new URL('../../data/standards/', import.meta.url));

export function bundledPath(name: string): string {
  return `${STANDARDS_DIR}${name}.yaml`;
}

export function isBundledSpec(name: string): name is BundledSpecName {
  return (BUNDLED_SPECS as readonly string[]).includes(name);
}
