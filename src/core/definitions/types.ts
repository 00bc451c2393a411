/**
 * Image definitions in the openstack-image-manager (OIM) YAML format, as a camelCase model.
 *
 * Wire names (snake_case keys such as `min_disk`, `build_date`, `checksums_url`) stop at the
 * definitions readers (read-image.ts, read-versions.ts); everything after them works with these types. `meta` keeps the Glance
 * property names unchanged, because they are property names, not model fields.
 */
import type { InputLocation } from '../errors.js';

export const DISK_FORMATS = ['aki', 'ari', 'ami', 'raw', 'iso', 'vhd', 'vdi', 'qcow2', 'vmdk'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

export const DEFINITION_VISIBILITIES = ['public', 'private', 'community', 'shared'] as const;
export type DefinitionVisibility = (typeof DEFINITION_VISIBILITIES)[number];

export const DEFINITION_STATUSES = ['active', 'deactivated'] as const;
export type DefinitionStatus = (typeof DEFINITION_STATUSES)[number];

export const CHECKSUM_ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Hex digits per algorithm. */
export const CHECKSUM_HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** A declared image digest. `hex` is lowercase. */
export interface Checksum {
  algorithm: ChecksumAlgorithm;
  hex: string;
}

/** Glance custom properties as written in `meta`: values keep their YAML scalar type. */
export type MetaValue = string | number | boolean;
export type Meta = Record<string, MetaValue>;

/** One `versions[]` entry. */
export interface VersionDefinition {
  /** Version label, e.g. `20260108`, `0.6.3` or the special `latest`. */
  version: string;
  /** Upstream URL; becomes `image_source`. `http(s)://`, `ftp(s)://`, or `file:` (relative to the definitions dir). */
  url: string;
  /** Preferred download URL; `image_source` is still `url`. */
  mirrorUrl?: string;
  /**
   * `YYYY-MM-DD`. Quoted and unquoted dates both work; a timestamp (`2024-08-19 10:00:00`,
   * `2024-08-19T10:00:00Z`, with or without offset) is reduced to its UTC date.
   */
  buildDate: string;
  checksum?: Checksum;
  /** `<digest> <filename>` manifest (with `version: latest`). */
  checksumsUrl?: string;
  /** File holding a single bare digest (with `version: latest`). */
  checksumUrl?: string;
  /** `os_hidden` for this version. */
  hidden?: boolean;
  /** Overrides the image's visibility for this version. */
  visibility?: DefinitionVisibility;
  /** `os_version` property for this version (multi images). */
  osVersion?: string;
  /** This version's own properties; they override the image's `meta` (see effectiveMeta). */
  meta?: Meta;
  imageDescription?: string;
  /** Source URL or `private`. */
  source?: string;
  /** Fixed Glance image UUID (lowercase). */
  id?: string;
  location: InputLocation;
}

/** One `images[]` entry. */
export interface ImageDefinition {
  /** Base name; the Glance names are derived from it (naming.ts). */
  name: string;
  /** `enable: false` definitions are skipped unless forced; absent means true (as OIM's code does). */
  enable: boolean;
  /** Glance `disk_format`. */
  format: DiskFormat;
  /** Default login user → `image_original_user`. */
  login?: string;
  password?: string;
  /** GiB. */
  minDisk: number;
  /** MiB. */
  minRam: number;
  /** true: rotating image (newest carries the bare name); false: one image per version. */
  multi: boolean;
  /** Never delete old versions of this image (deactivate/hide only). */
  keep?: boolean;
  /** Between name and version; default `' '`. */
  separator: string;
  shortname?: string;
  status?: DefinitionStatus;
  tags: string[];
  visibility: DefinitionVisibility;
  latestUrl?: string;
  latestChecksumUrl?: string;
  /** Image-level Glance properties. Keys whose YAML value was null (allowed by the schema) are left out. */
  meta: Meta;
  /** In OIM's processing order: natural sort of `version` (naming.ts compareVersions), newest last. */
  versions: VersionDefinition[];
  location: InputLocation;
  /**
   * The absolute directory of the definition file, set by the loader that read it: relative
   * `file:` URLs are resolved against it (the pure core never asks for the working directory).
   */
  baseDir?: string;
}

export interface DefinitionSet {
  /** The files read, in the order read. */
  files: string[];
  images: ImageDefinition[];
  /** Non-fatal findings, each prefixed with file:line:column (field). */
  warnings: string[];
  /**
   * What this tool accepts but OIM's own `--check` would reject (custom properties, osinfo-db
   * short ids), same prefix: shown by `validate` only, so files shared with OIM can be kept
   * compatible without every plan and apply repeating it.
   */
  compatNotes: string[];
}

/** Image meta with the version's own meta merged over it (version keys win). */
export function effectiveMeta(image: ImageDefinition, version: VersionDefinition): Meta {
  return version.meta ? { ...image.meta, ...version.meta } : { ...image.meta };
}
