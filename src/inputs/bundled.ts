import type { StandardsSnapshot } from '../core/scope/staleness.js';
import { packageFileLabel, readPackageFile } from './package-files.js';

/** Spec files shipped with the package (copies of the published SCS files), by name. */
export const BUNDLED_SPECS = ['scs-0104-v1-images', 'scs-0104-v1-images-v5'] as const;
export type BundledSpecName = (typeof BUNDLED_SPECS)[number];

export const BUNDLED_SCOPE = 'scs-compatible-iaas';

/** data/standards/ of the installed package (works from dist/ and from src/ alike; in the single executable, a label). */
export const STANDARDS_DIR = packageFileLabel('data/standards/');

export function bundledPath(name: string): string {
  return `${STANDARDS_DIR}${name}.yaml`;
}

/** A bundled spec or scope file's text, by name (from disk, or the single executable's assets). */
export function readBundledDocument(name: string): Promise<string> {
  return readPackageFile(`data/standards/${name}.yaml`);
}

export function isBundledSpec(name: string): name is BundledSpecName {
  return (BUNDLED_SPECS as readonly string[]).includes(name);
}

let snapshot: Promise<StandardsSnapshot> | undefined;

/** Where and when the bundled copies were taken (data/standards/snapshot.json), read once. */
export function bundledSnapshot(): Promise<StandardsSnapshot> {
  snapshot ??= readPackageFile('data/standards/snapshot.json').then((text) => {
    const data = JSON.parse(text) as Partial<StandardsSnapshot>;
    if (typeof data.date !== 'string' || typeof data.revision !== 'string' || typeof data.repository !== 'string') {
      throw new Error(`${STANDARDS_DIR}snapshot.json: expected repository, revision and date`);
    }
    return { repository: data.repository, revision: data.revision, date: data.date };
  });
  return snapshot;
}
