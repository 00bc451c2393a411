import type { Image } from '../images/image.js';

export interface ImageSelection {
  /** Visibilities that count; the official test uses public and community. */
  visibilities: readonly string[];
  /** Glance leaves `os_hidden` images out of default listings, so the official test never sees them. */
  includeHidden: boolean;
  /**
   * Reference behaviour: the official test keys images by name, so of several images with the same
   * name only the last one listed is checked. Off by default: every image is checked.
   */
  collapseDuplicates: boolean;
}

export const DEFAULT_VISIBILITIES = ['public', 'community'] as const;

export const DEFAULT_SELECTION: ImageSelection = {
  visibilities: DEFAULT_VISIBILITIES,
  includeHidden: false,
  collapseDuplicates: false,
};

/** The images a check looks at, in listing order. */
export function selectImages(images: readonly Image[], selection: ImageSelection): Image[] {
  const wanted = new Set(selection.visibilities);
  const all = wanted.has('all');
  const considered = images.filter((img) => (all || wanted.has(img.visibility)) && (selection.includeHidden || !img.hidden));
  if (!selection.collapseDuplicates) return considered;
  const lastByName = new Map<string, Image>();
  for (const img of considered) lastByName.set(img.name, img);
  const keep = new Set(lastByName.values());
  return considered.filter((img) => keep.has(img));
}
