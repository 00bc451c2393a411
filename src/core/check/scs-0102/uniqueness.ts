import type { Image } from '../../images/image.js';
import { crash, label, show, violation, type Observation } from './observation.js';
import { prop, truthy } from './python-values.js';

/**
 * scs-0102-os_purpose-uniqueness: at most one public, non-hidden `os_purpose=generic` image per
 * (architecture, os_distro, os_version). Images without os_distro or os_version are not counted;
 * a missing architecture counts as ''.
 */

export interface GenericGroup {
  architecture: unknown;
  osDistro: unknown;
  osVersion: unknown;
  images: Image[];
}

/** The images the testcase counts: public, not hidden, generic, with os_distro and os_version. */
export function uniquenessCandidates(images: readonly Image[]): Image[] {
  return images.filter(
    (image) =>
      image.visibility === 'public' &&
      !image.hidden &&
      truthy(prop(image, 'os_distro')) &&
      truthy(prop(image, 'os_version')) &&
      prop(image, 'os_purpose') === 'generic',
  );
}

/** Candidates grouped by (architecture or '', os_distro, os_version), in first-seen order. */
export function genericGroups(images: readonly Image[]): GenericGroup[] {
  const groups = new Map<string, GenericGroup>();
  for (const image of uniquenessCandidates(images)) {
    const architecture = truthy(prop(image, 'architecture')) ? prop(image, 'architecture') : '';
    const osDistro = prop(image, 'os_distro');
    const osVersion = prop(image, 'os_version');
    // JSON keeps value types apart, as Python's tuple equality does ('24.04' is not 24.04)
    const key = JSON.stringify([architecture, osDistro, osVersion]);
    const group = groups.get(key);
    if (group) group.images.push(image);
    else groups.set(key, { architecture, osDistro, osVersion, images: [image] });
  }
  return [...groups.values()];
}

export function checkUniqueness(images: readonly Image[]): Observation[] {
  const groups = genericGroups(images).filter((g) => g.images.length > 1);
  // the official test names each group with ', '.join(names): an unnamed image makes it raise
  const crashes = groups.flatMap((g) =>
    g.images
      .filter((img) => img.nameMissing)
      .map((image) =>
        crash({
          image,
          problem: `${label(image)} has no name and is not unique as a generic image`,
          why: 'it joins the names of the images in the group, and None raises TypeError',
        }),
      ),
  );
  return [
    ...crashes,
    ...groups.map((g) =>
      violation({
        value: { architecture: g.architecture, os_distro: g.osDistro, os_version: g.osVersion },
        message:
          `os_purpose=generic is not unique for architecture ${show(g.architecture)}, os_distro ${show(g.osDistro)}, os_version ${show(g.osVersion)}: ` +
          `${g.images.map(label).join(', ')}; at most one public, non-hidden generic image is allowed per (architecture, os_distro, os_version) — hide the older ones or set their os_purpose to oldgeneric`,
      }),
    ),
  ];
}
