/**
 * Which definition and version a managed cloud image belongs to. Pure.
 *
 * The version comes from the image's `internal_version` property first (so rotation does not
 * assume which version carries the bare name, unlike OIM), else from its versioned
 * name. The definition comes from the name: bare name or `Name (v)` for multi images,
 * `Name{sep}v` for the others. When several definitions fit (`Ubuntu` and `Ubuntu 24.04`), the
 * one named in the image's `image_name` property wins, then the longest name. OIM keyed this on
 * `image_description`, which breaks once the description is a URL.
 */
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';

export interface ClaimedImage {
  image: Image;
  definition: ImageDefinition;
  /** Version label; guessed from the creation date for a bare-named image without internal_version. */
  label: string;
  guessed: boolean;
}

export interface Assignment {
  claimed: ClaimedImage[];
  /** Managed images no definition claims. */
  unclaimed: Image[];
  notes: string[];
}

interface Candidate {
  definition: ImageDefinition;
  label: string | undefined;
}

function prop(image: Image, key: string): string | undefined {
  const v = image.properties[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function candidatesFor(image: Image, defs: readonly ImageDefinition[]): Candidate[] {
  const out: Candidate[] = [];
  const internal = prop(image, 'internal_version');
  for (const def of defs) {
    const prefix = `${def.name}${def.separator}`;
    if (def.multi) {
      if (image.name === def.name) out.push({ definition: def, label: internal });
      else if (image.name.startsWith(`${prefix}(`) && image.name.endsWith(')')) {
        out.push({ definition: def, label: internal ?? image.name.slice(prefix.length + 1, -1) });
      }
    } else if (image.name.startsWith(prefix) && image.name.length > prefix.length) {
      const rest = image.name.slice(prefix.length);
      out.push({ definition: def, label: internal !== undefined && rest === internal ? internal : rest });
    }
  }
  return out;
}

function pick(image: Image, candidates: Candidate[]): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  const named = prop(image, 'image_name');
  const byProperty = candidates.filter((c) => c.definition.name === named);
  const pool = byProperty.length > 0 ? byProperty : candidates;
  return [...pool].sort((a, b) => b.definition.name.length - a.definition.name.length)[0];
}

/** `2026-01-08T…` → `20260108`: the label OIM gives a rotated image whose version is unknown. */
function dateLabel(image: Image): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(image.createdAt ?? '');
  return m ? `${m[1]}${m[2]}${m[3]}` : 'unknown';
}

export function assignImages(defs: readonly ImageDefinition[], images: readonly Image[]): Assignment {
  const claimed: ClaimedImage[] = [];
  const unclaimed: Image[] = [];
  const notes: string[] = [];
  for (const image of images) {
    const c = pick(image, candidatesFor(image, defs));
    if (!c) {
      unclaimed.push(image);
      continue;
    }
    if (c.label !== undefined) {
      claimed.push({ image, definition: c.definition, label: c.label, guessed: false });
      continue;
    }
    const label = dateLabel(image);
    notes.push(`image ${image.id} '${image.name}' has no internal_version; treated as an older version '${label}' (from its creation date)`);
    claimed.push({ image, definition: c.definition, label, guessed: true });
  }
  return { claimed, unclaimed, notes };
}

/** The images managed by this tool: carrying the tag and owned by the current project. */
export function managedImages(images: readonly Image[], tag: string, ownerProjectId: string): Image[] {
  return images.filter((i) => i.tags.includes(tag) && i.owner === ownerProjectId && i.status !== 'deleted' && i.status !== 'pending_delete');
}
