/** Glance v2 image request types and enums (wire values; the Image model lives in core). */
import type { Visibility } from '../../../../core/images/image.js';

/** Glance image statuses. */
const IMAGE_STATUSES = [
  /** Record exists, no data yet. */
  'queued',
  /** Data is being uploaded (PUT /file). */
  'saving',
  /** Data is staged for glance-direct (PUT /stage). */
  'uploading',
  /** An import task is running. */
  'importing',
  /** Usable. */
  'active',
  /** Data download blocked for non-admins. */
  'deactivated',
  /** Upload failed. */
  'killed',
  'deleted',
  'pending_delete',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

/**
 * The top-level keys Glance itself defines (everything else at an image's root is a custom
 * property), each with the JSON type a PATCH must give it, or `read-only` for those Glance
 * manages (patching one is always refused with 403). The one list of Glance's own keys: the
 * result mapping, the patch validation and the create body all read it.
 */
export const GLANCE_CORE_KEYS = {
  id: 'read-only',
  name: 'string',
  status: 'read-only',
  visibility: 'string',
  os_hidden: 'boolean',
  owner: 'read-only',
  created_at: 'read-only',
  updated_at: 'read-only',
  min_disk: 'number',
  min_ram: 'number',
  size: 'read-only',
  virtual_size: 'read-only',
  disk_format: 'string',
  container_format: 'string',
  tags: 'string[]',
  protected: 'boolean',
  checksum: 'read-only',
  os_hash_algo: 'read-only',
  os_hash_value: 'read-only',
  self: 'read-only',
  file: 'read-only',
  schema: 'read-only',
  stores: 'read-only',
  locations: 'read-only',
  direct_url: 'read-only',
} as const satisfies Readonly<Record<string, 'string' | 'number' | 'boolean' | 'string[]' | 'read-only'>>;
export type GlanceCoreKey = keyof typeof GLANCE_CORE_KEYS;

/** `member_status` list filter values. */
const MEMBER_STATUSES = ['pending', 'accepted', 'rejected', 'all'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Options of GET /v2/images. Field names are camelCase; LIST_QUERY_PARAMS maps them to the wire. */
export interface ListImagesOptions {
  /** Page size; default 1000 (Glance caps at api_limit_max, usually 1000). */
  limit?: number;
  marker?: string;
  /** Exact name, or Glance's `in:a,b` operator syntax. */
  name?: string;
  /** `all` lists every visibility the caller may see. */
  visibility?: Visibility | 'all';
  memberStatus?: MemberStatus;
  status?: ImageStatus | string;
  owner?: string;
  /** All given tags must be present (AND). */
  tags?: readonly string[];
  /** `os_hidden`: true lists only hidden images; Glance's default hides them. */
  hidden?: boolean;
  /** e.g. `name:asc,created_at:desc`. */
  sort?: string;
  sortKey?: string;
  sortDir?: 'asc' | 'desc';
  sizeMin?: number;
  sizeMax?: number;
  /**
   * `created_at` comparison, e.g. `lt:2026-12-03T17:32:37Z` (gt, gte, lt, lte, eq, neq). Glance
   * takes one per request: a second `created_at` replaces the first.
   */
  createdAt?: string;
  /** Custom property filters (`os_distro=ubuntu`). */
  properties?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /**
   * Ask on a connection of its own (`Connection: close`), so that a balancer or Glance's own
   * worker processes place this page anew instead of on the worker of a reused connection.
   */
  newConnection?: boolean;
}

/** Wire names of the list query; the declaration is tested so a typo fails loudly. */
export const LIST_QUERY_PARAMS = {
  limit: 'limit',
  marker: 'marker',
  name: 'name',
  visibility: 'visibility',
  memberStatus: 'member_status',
  status: 'status',
  owner: 'owner',
  tags: 'tag',
  hidden: 'os_hidden',
  sort: 'sort',
  sortKey: 'sort_key',
  sortDir: 'sort_dir',
  sizeMin: 'size_min',
  sizeMax: 'size_max',
  createdAt: 'created_at',
} as const satisfies Record<Exclude<keyof ListImagesOptions, 'properties' | 'signal' | 'newConnection'>, string>;

export interface CreateImageOptions {
  /** Client-chosen UUID (Glance accepts it; a second create with it → 409). */
  id?: string;
  name: string;
  diskFormat?: string;
  containerFormat?: string;
  visibility?: Visibility;
  tags?: readonly string[];
  minDisk?: number;
  minRam?: number;
  protected?: boolean;
  hidden?: boolean;
  /** Custom properties; Glance requires string values. */
  properties?: Readonly<Record<string, string>>;
}

/** Glance JSON-patch operation (application/openstack-images-v2.1-json-patch). */
export type ImagePatchOp = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** Image import methods (POST /v2/images/{id}/import). */
export type ImportMethod =
  | { name: 'glance-direct' }
  | { name: 'copy-image' }
  | { name: 'web-download'; uri: string }
  | { name: string; [key: string]: unknown };

export interface ImportOptions {
  /** Target stores; default: the default store. */
  stores?: readonly string[];
  allStores?: boolean;
  allStoresMustSucceed?: boolean;
}

export interface ImportInfo {
  /** e.g. ['glance-direct', 'web-download', 'copy-image']. */
  importMethods: string[];
}

export interface StoreInfo {
  id: string;
  isDefault: boolean;
  description?: string;
  /** `read-only: "true"` (Glance marks an http store so): images cannot be imported into it. */
  readOnly?: boolean;
}
