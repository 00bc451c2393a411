/**
 * The image model every layer shares: what the checks need to know about one Glance image.
 *
 * Wire names (snake_case, `os_hidden`, custom properties at the root of Glance's JSON) stop at the
 * client and the offline parsers; they map into this shape in one function each.
 */

/** Glance image visibilities (Image API v2.5+). */
export const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface Image {
  /** Glance image UUID. */
  id: string;
  /** Image name; Glance allows null, mapped to '' here (and `nameMissing` set). */
  name: string;
  /**
   * True when Glance's name is null (or, in an offline file, missing or not a string): the official
   * test then works with None, which its name lookups cannot handle.
   */
  nameMissing?: boolean;
  /** Glance status: queued, saving, uploading, importing, active, deactivated, killed, deleted, pending_delete. */
  status: string;
  /** Visibility as reported; unknown strings are kept so a report can show them. */
  visibility: Visibility | string;
  /** `os_hidden`: hidden images are left out of Glance's default listings. */
  hidden: boolean;
  owner?: string;
  /** ISO 8601 timestamps as Glance writes them (`2026-11-28T11:09:20Z`). */
  createdAt?: string;
  updatedAt?: string;
  /** GiB. */
  minDisk?: number;
  /** MiB. */
  minRam?: number;
  /** Bytes; null while no data is uploaded. */
  size?: number | null;
  diskFormat?: string;
  containerFormat?: string;
  tags: string[];
  protected?: boolean;
  /** `os_hash_algo` / `os_hash_value` as computed by Glance. */
  hashAlgo?: string;
  hashValue?: string;
  /** Glance's legacy `checksum`: the md5 of the data. */
  checksumMd5?: string;
  /**
   * Every other top-level key of Glance's image JSON: the custom properties (`image_source`,
   * `os_distro`, ...). Glance stores them as strings; offline files may carry other JSON types.
   */
  properties: Record<string, unknown>;
}

/** The short reference to an image that findings and reports carry. */
export interface ImageRef {
  id: string;
  name: string;
}

export function imageRef(image: Image): ImageRef {
  return { id: image.id, name: image.name };
}
