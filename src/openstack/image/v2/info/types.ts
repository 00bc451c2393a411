/** Glance's discovery answers beyond import methods and stores: API versions and quota usage. */

/** One entry of GET / (Glance's version document). */
export interface ApiVersion {
  /** e.g. `v2.16`. */
  id: string;
  /** `CURRENT`, `SUPPORTED`, `DEPRECATED`, … */
  status: string;
}

/** One resource of GET /v2/info/usage (sizes in MiB, as Glance reports them). */
export interface UsageEntry {
  usage: number;
  limit: number;
}

/**
 * GET /v2/info/usage: keyed by Keystone unified-limit name (`image_size_total`,
 * `image_stage_total`, `image_count_total`, `image_count_uploading`). Empty when Glance does not
 * enforce unified limits (`use_keystone_limits = False`, the default).
 */
export type Usage = Record<string, UsageEntry>;

/** Wire names of the usage document's keys (Keystone unified limits), pinned by a test. */
export const USAGE_KEYS = {
  sizeTotal: 'image_size_total',
  stageTotal: 'image_stage_total',
  countTotal: 'image_count_total',
  countUploading: 'image_count_uploading',
} as const;
