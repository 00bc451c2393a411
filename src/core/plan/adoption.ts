/**
 * Adoption: an existing image of the project without the managed tag, named by `id` in a
 * definition's version (what `scs-images adopt` writes), belongs to that version. The planner
 * treats it as claimed, so the version is never imported again; its update becomes an `adopt`
 * change (the tag and the properties the definition gives). Pure.
 */
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import type { ClaimedImage } from './match.js';
import { isImportChange, type Change } from './types.js';

export interface Adoptable {
  claimed: ClaimedImage[];
  /** The images the plan adopts (for the fingerprint). */
  images: Image[];
  notes: string[];
}

/** Images of `ownerProjectId` without `tag` whose id a version of `defs` names. */
export function adoptableImages(defs: readonly ImageDefinition[], images: readonly Image[], tag: string, ownerProjectId: string): Adoptable {
  const byId = new Map(images.map((i) => [i.id, i]));
  const claimed: ClaimedImage[] = [];
  const notes: string[] = [];
  for (const definition of defs) {
    for (const version of definition.versions) {
      const image = version.id ? byId.get(version.id) : undefined;
      if (!image || image.tags.includes(tag)) continue;
      if (image.owner !== ownerProjectId) {
        notes.push(`'${definition.name}' version ${version.version} names image ${image.id}, which another project owns; it is neither adopted nor imported`);
        continue;
      }
      if (image.status === 'deleted' || image.status === 'pending_delete') continue;
      claimed.push({ image, definition, label: version.version, guessed: false });
    }
  }
  return { claimed, images: claimed.map((c) => c.image), notes };
}

/** Version ids that name another project's image: importing them would clash with that image. */
export function foreignIds(defs: readonly ImageDefinition[], images: readonly Image[], ownerProjectId: string): Set<string> {
  const ids = new Set(defs.flatMap((d) => d.versions.map((v) => v.id)).filter((id): id is string => id !== undefined));
  return new Set(images.filter((i) => ids.has(i.id) && i.owner !== ownerProjectId).map((i) => i.id));
}

/** The updates of adopted images become `adopt` changes; imports of versions whose id another project holds are dropped. */
export function markAdoptions(changes: readonly Change[], adopted: readonly Image[], foreign: ReadonlySet<string>): Change[] {
  const ids = new Set(adopted.map((i) => i.id));
  const out: Change[] = [];
  for (const c of changes) {
    if (isImportChange(c)) {
      if (!(c.create.id && foreign.has(c.create.id))) out.push(c);
      continue;
    }
    if (c.action === 'delete' || !ids.has(c.imageId)) {
      out.push(c);
      continue;
    }
    out.push({
      ...c,
      key: `adopt:${c.imageId}`,
      action: 'adopt',
      cleanup: false,
      reason: `not managed yet: adopt it (the tag and the definition's properties; no re-import). ${c.reason}`,
    });
  }
  return out;
}
