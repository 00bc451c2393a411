import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { StandardsSnapshot } from '../core/scope/staleness.js';

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

let snapshot: Promise<StandardsSnapshot> | undefined;

/** Where and when the bundled copies were taken (data/standards/snapshot.json), read once. */
export function bundledSnapshot(): Promise<StandardsSnapshot> {
  snapshot ??= readFile(`${STANDARDS_DIR}snapshot.json`, 'utf8').then((text) => {
    const data = JSON.parse(text) as Partial<StandardsSnapshot>;
    if (typeof data.date !== 'string' || typeof data.revision !== 'string' || typeof data.repository !== 'string') {
      throw new Error(`${STANDARDS_DIR}snapshot.json: expected repository, revision and date`);
    }
    return { repository: data.repository, revision: data.revision, date: data.date };
  });
  return snapshot;
}
