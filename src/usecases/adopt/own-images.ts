/**
 * The images `adopt` and `fix` work on: the project's own images (hidden ones included), by
 * default the public and community ones (what the check counts), or the ones `--image` names
 * (any visibility) or whose name matches `--filter`.
 */
import { InputError } from '../../core/errors.js';
import type { Image } from '../../core/images/image.js';
import type { OpenStackClient } from '../../openstack/client.js';

export interface ImageChoice {
  /** Names or ids; each must name an image of the project. */
  images: readonly string[];
  filter?: RegExp | undefined;
}

export async function listOwnImages(client: OpenStackClient, projectId: string): Promise<Image[]> {
  const [visible, hidden] = await Promise.all([
    client.image.listAllImages({ owner: projectId }),
    client.image.listAllImages({ owner: projectId, hidden: true }),
  ]);
  const seen = new Set(visible.map((i) => i.id));
  return [...visible, ...hidden.filter((i) => !seen.has(i.id))].filter((i) => i.owner === projectId);
}

/** The chosen images and the ones `--image` named (for `--set`). */
export function chooseImages(own: readonly Image[], choice: ImageChoice): { chosen: Image[]; named: Image[] } {
  const named: Image[] = [];
  for (const ref of choice.images) {
    const hits = own.filter((i) => i.id === ref || i.name === ref);
    if (hits.length === 0) throw new InputError({ file: '--image', field: ref }, `no image of your project is named or has the id '${ref}'`);
    named.push(...hits);
  }
  let chosen = named.length > 0 ? named : own.filter((i) => i.visibility === 'public' || i.visibility === 'community');
  if (choice.filter) chosen = chosen.filter((i) => choice.filter?.test(i.name));
  return { chosen: [...new Map(chosen.map((i) => [i.id, i])).values()], named };
}
