/**
 * Publishing a verified import: one PATCH sets the final name (the bare name for the newest
 * version of a multi image), visibility, os_hidden and min_disk (raised to hold the image), and
 * removes the import marker; a deactivate follows when the definition says so. Until this PATCH
 * the image is private and marked, so a crash before it leaves nothing visible and unverified.
 */
import type { Image } from '../core/images/image.js';
import { diffImage } from '../core/plan/diff-image.js';
import { minDiskFor } from '../core/plan/targets.js';
import { IMPORT_MARKER, type ImportChange } from '../core/plan/types.js';
import type { ImageApi } from './types.js';

export async function finalizeImport(change: ImportChange, image: Image, api: Pick<ImageApi, 'updateImage' | 'deactivateImage'>): Promise<Image> {
  const f = change.finalize;
  const diff = diffImage(image, {
    name: f.name,
    visibility: f.visibility,
    hidden: f.hidden,
    minDisk: minDiskFor(f.minDisk, image.size),
    removeProperties: [IMPORT_MARKER],
  });
  const updated = diff.patch.length > 0 ? await api.updateImage(image.id, diff.patch) : image;
  if (f.status === 'deactivated' && updated.status === 'active') {
    await api.deactivateImage(image.id);
    return { ...updated, status: 'deactivated' };
  }
  return updated;
}
