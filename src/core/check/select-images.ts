import type { Image } from '../images/image.js';

export interface ImageSelection {
  /** Visibilities that count; the official test uses public and community. */
  visibilities: readonly string[];
  /** Glance leaves `os_hidden` images out of default listings, so the official test never sees them. */
  includeHidden: boolean;
  /**
   * Reference behaviour: the official test keys images by name for its scs-0104 lookups, so there
   * of several images with the same name only the last one listed is checked (scs-0102 still sees
   * every image). Off by default: every image is checked everywhere. Applied by runRuleSets.
   */
  collapseDuplicates: boolean;
}

export const DEFAULT_VISIBILITIES = ['public', 'community'] as const;

export const DEFAULT_SELECTION: ImageSelection = {
  visibilities: DEFAULT_VISIBILITIES,
  includeHidden: false,
  collapseDuplicates: false,
};

/** The images a check looks at, in listing order (collapseDuplicates is not applied here). */
export function selectImages(images: readonly Image[], selection: ImageSelection): Image[] {
  const wanted = new Set(selection.visibilities);
  const all = wanted.has('all');
  return images.filter((img) => (all || wanted.has(img.visibility)) && (selection.includeHidden || !img.hidden));
}

/**
 * `{img.name: img for img in images}`: of several images with one name only the last listed
 * remains (in listing order). Images without a name share one key, as Python's None does.
 */
export function collapseDuplicateNames(images: readonly Image[]): Image[] {
  const lastByName = new Map<string | null, Image>();
  for (const img of images) lastByName.set(img.nameMissing ? null : img.name, img);
  const keep = new Set(lastByName.values());
  return images.filter((img) => keep.has(img));
}
