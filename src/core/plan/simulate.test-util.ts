/**
 * Test helper: the effect of a plan on a list of images, as a perfect apply would have it (every
 * import succeeds). Used to check that planning again after applying gives no changes.
 */
import type { Image } from '../images/image.js';
import { minDiskFor } from './targets.js';
import { IMPORT_MARKER, isImportChange, type PatchOp, type Plan } from './types.js';

let counter = 0;

const unpointer = (path: string): string => path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');

export function applyPatch(image: Image, ops: readonly PatchOp[]): Image {
  const next: Image = { ...image, tags: [...image.tags], properties: { ...image.properties } };
  for (const op of ops) {
    const key = unpointer(op.path);
    if (op.op === 'remove') {
      delete next.properties[key];
      continue;
    }
    const v = op.value;
    if (key === 'name') next.name = v as string;
    else if (key === 'visibility') next.visibility = v as string;
    else if (key === 'os_hidden') next.hidden = v as boolean;
    else if (key === 'min_disk') next.minDisk = v as number;
    else if (key === 'min_ram') next.minRam = v as number;
    else if (key === 'tags') next.tags = [...(v as string[])];
    else next.properties[key] = v;
  }
  return next;
}

export function simulateApply(images: readonly Image[], plan: Plan, opts: { size?: number } = {}): Image[] {
  let out = [...images];
  for (const c of plan.changes) {
    if (isImportChange(c)) {
      if (c.imageId) out = out.filter((i) => i.id !== c.imageId);
      counter++;
      const size = opts.size ?? 1024;
      const properties: Record<string, unknown> = { ...c.create.properties };
      delete properties[IMPORT_MARKER];
      out.push({
        id: c.create.id ?? `sim-${String(counter).padStart(8, '0')}`,
        name: c.finalize.name,
        status: c.finalize.status,
        visibility: c.finalize.visibility,
        hidden: c.finalize.hidden,
        owner: plan.cloud.projectId,
        createdAt: plan.createdAt,
        minDisk: minDiskFor(c.finalize.minDisk, size),
        minRam: c.create.minRam,
        size,
        diskFormat: c.create.diskFormat,
        containerFormat: 'bare',
        tags: [...c.create.tags],
        properties,
      });
    } else if (c.action === 'delete') {
      out = out.filter((i) => i.id !== c.imageId);
    } else {
      out = out.map((i) => {
        if (i.id !== c.imageId) return i;
        const next = applyPatch(i, c.patch);
        if (c.statusAction === 'deactivate') next.status = 'deactivated';
        if (c.statusAction === 'reactivate') next.status = 'active';
        return next;
      });
    }
  }
  return out;
}
