import { readFileSync } from 'node:fs';
import { parseImageSpec } from '../spec/parse-image-spec.js';
import type { ImageSpec } from '../spec/image-spec.js';
import type { InitOptions } from './types.js';

export { RELEASES } from '../releases/fixtures.test-util.js';

/** The bundled specs, read like the CLI reads them. */
export const BUNDLED = ['scs-0104-v1-images', 'scs-0104-v1-images-v5'] as const;

export function bundledSpec(name: string): ImageSpec {
  return parseImageSpec(readFileSync(new URL(`../../../data/standards/${name}.yaml`, import.meta.url), 'utf8'), name);
}

export const OPTIONS: InitOptions = { versionDate: '2026-11-28', datedBuild: false, capiVersions: ['v1.35.5'], baseUrls: {} };

export const HEADER = { command: 'scs-images init (test)', date: '2026-11-28' };
