/**
 * What links an image imported from a compressed artefact (`.raw.xz`, `.img.bz2`, `.tar.xz`) to
 * that artefact. Glance holds the decompressed disk image, so its `os_hash_value` can never match
 * the upstream manifest's line for the compressed file that `image_source` names; the import
 * records both sides as properties, and `audit` follows them:
 *
 * - `scs_images_unpacked_from`: how the file was packed (`xz`, `bz2`, `gz`, `zst`, `tar`, `tar.xz`, ...);
 * - `scs_images_unpacked_entry`: for a tarball, the disk image's path inside it;
 * - `scs_images_source_sha256`, `scs_images_source_sha512`: the downloaded (compressed) file;
 * - `scs_images_content_sha256`, `scs_images_content_sha512`: the decompressed image, the bytes
 *   Glance holds (Glance's own `os_hash_value` is compared with the sha512 at import).
 *
 * The link is a record made by the import, as trustworthy as whoever may edit the image's
 * properties; audit says so in its finding. Pure.
 */
import type { ChecksumAlgorithm } from '../definitions/types.js';
import type { Image } from './image.js';

export const UNPACKED_FROM = 'scs_images_unpacked_from';
export const UNPACKED_ENTRY = 'scs_images_unpacked_entry';
export const sourceHashProperty = (a: ChecksumAlgorithm | string): string => `scs_images_source_${a}`;
export const contentHashProperty = (a: ChecksumAlgorithm | string): string => `scs_images_content_${a}`;

/** The algorithms both sides are always hashed with (the manifests' and Glance's usual ones). */
export const LINK_ALGORITHMS: readonly ChecksumAlgorithm[] = ['sha256', 'sha512'];

type Hexes = Partial<Record<ChecksumAlgorithm, string>>;

export function unpackedLinkProperties(label: string, source: Hexes, content: Hexes, entry?: string): Record<string, string> {
  const out: Record<string, string> = { [UNPACKED_FROM]: label };
  if (entry !== undefined) out[UNPACKED_ENTRY] = entry.slice(0, 255);
  for (const a of LINK_ALGORITHMS) {
    if (source[a]) out[sourceHashProperty(a)] = source[a];
    if (content[a]) out[contentHashProperty(a)] = content[a];
  }
  return out;
}

export interface UnpackedLink {
  from: string;
  entry?: string;
  source: Hexes;
  content: Hexes;
}

/** The link an image carries, or undefined when it was not imported from a compressed file. */
export function unpackedLinkOf(image: Pick<Image, 'properties'>): UnpackedLink | undefined {
  const from = image.properties[UNPACKED_FROM];
  if (typeof from !== 'string' || from === '') return undefined;
  const read = (name: string): string | undefined => {
    const v = image.properties[name];
    return typeof v === 'string' && /^[0-9a-f]+$/i.test(v) ? v.toLowerCase() : undefined;
  };
  const source: Hexes = {};
  const content: Hexes = {};
  for (const a of ['md5', 'sha1', 'sha256', 'sha512'] as const) {
    const s = read(sourceHashProperty(a));
    const c = read(contentHashProperty(a));
    if (s) source[a] = s;
    if (c) content[a] = c;
  }
  const entry = image.properties[UNPACKED_ENTRY];
  return { from, ...(typeof entry === 'string' ? { entry } : {}), source, content };
}
