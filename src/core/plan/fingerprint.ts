/**
 * A hash of the managed images' state a plan was computed from. `apply plan.json` lists the
 * images again and refuses to run when the hash differs: the plan would act on a cloud it has
 * not seen (Terraform's "saved plan is stale"). Pure (hashing is computation, not I/O).
 *
 * Glance-managed `os_glance_*` properties and `updated_at` are left out: Glance rewrites them on
 * its own (import bookkeeping), and they do not change what the plan does.
 */
import { createHash } from 'node:crypto';
import type { Image } from '../images/image.js';

function canonical(image: Image): unknown {
  const props = Object.keys(image.properties)
    .filter((k) => !k.startsWith('os_glance_'))
    .sort()
    .map((k) => [k, image.properties[k]]);
  return [
    image.id,
    image.name,
    image.status,
    image.visibility,
    image.hidden,
    image.owner ?? null,
    image.minDisk ?? null,
    image.minRam ?? null,
    image.size ?? null,
    image.hashValue ?? null,
    [...image.tags].sort(),
    props,
  ];
}

export function fingerprintImages(images: readonly Image[]): string {
  const sorted = [...images].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(sorted.map(canonical)))
    .digest('hex')}`;
}
