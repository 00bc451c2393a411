/**
 * Static prediction: the images a cloud would hold after `apply` of these definitions on a bare
 * cloud, as Image values, so the check's own rules can run on them before anything touches a cloud
 * (`scs-images validate --spec`). Uses the planner's own target computation: names (bare for the
 * newest multi version), visibility, hiding and `oldgeneric` of superseded versions, properties.
 * Pure; `now` stands in for created_at, and Glance's default hash algorithm is assumed.
 */
import type { Image } from '../images/image.js';
import type { ImageDefinition } from '../definitions/types.js';
import { desiredVersions } from './desired.js';
import { definedTarget } from './targets.js';
import type { OutdatedPolicy } from './types.js';

export interface PredictOptions {
  managedTag: string;
  policy: OutdatedPolicy;
  now: Date;
  includeDisabled: boolean;
}

export function predictImages(definitions: readonly ImageDefinition[], opts: PredictOptions): Image[] {
  const createdAt = opts.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const images: Image[] = [];
  for (const def of definitions) {
    if (!def.enable && !opts.includeDisabled) continue;
    for (const d of desiredVersions(def, opts.managedTag)) {
      const target = definedTarget(d, def.multi && !d.newest, opts.policy);
      images.push({
        id: `predicted:${def.name}:${d.label}`,
        name: target.name ?? d.name,
        status: target.status ?? 'active',
        visibility: target.visibility ?? d.visibility,
        hidden: target.hidden ?? false,
        createdAt,
        updatedAt: createdAt,
        minDisk: target.minDisk ?? d.minDisk,
        minRam: target.minRam ?? d.minRam,
        // not known before the download; `null` would mean "no data" (a queued image)
        size: undefined,
        diskFormat: def.format,
        containerFormat: 'bare',
        tags: [...(target.tags ?? d.tags)],
        // Glance computes it on upload; sha512 is its default (os_hash_algo)
        hashAlgo: 'sha512',
        properties: { ...(target.properties ?? d.properties) },
      });
    }
  }
  return images;
}
