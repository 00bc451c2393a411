/**
 * The plan: a value that says exactly what `apply` will do to the cloud (Terraform's Plan,
 * changesets' ReleasePlan). JSON-serialisable, versioned, sorted deterministically. `reason`
 * explains a change to people and must never steer apply; everything apply needs is in the
 * other fields.
 */
import type { Checksum, DiskFormat } from '../definitions/types.js';

/** `major.minor`: a reader rejects another major; a minor bump only adds fields (ignore unknown ones). */
export const PLAN_FORMAT_VERSION = '1.1'; // 1.1: ImportSource.upstreamUrl, the adopt action and unmanagedImageIds

/** The property a freshly created image carries until it is verified and finalised (crash safety). */
export const IMPORT_MARKER = 'scs_images_importing';

/** Default tag that marks images this tool (or OIM) manages. */
export const DEFAULT_MANAGED_TAG = 'managed_by_osism';

export const CHANGE_ACTIONS = ['create', 'resume', 'adopt', 'update', 'rename', 'reactivate', 'hide', 'deactivate', 'delete'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Glance JSON-patch operation (the same shape the client sends). */
export type PatchOp = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** A partial image state for display: only the fields a change touches. `null` property = removed / absent. */
export interface ImageState {
  name?: string;
  status?: string;
  visibility?: string;
  hidden?: boolean;
  minDisk?: number;
  minRam?: number;
  tags?: string[];
  properties?: Record<string, string | null>;
}

/** What is downloaded and how it is checked. */
export interface ImportSource {
  /** `url`: http(s) (web-download or the tool's streamed download); `file`: a local file (glance-direct). */
  kind: 'url' | 'file';
  /** Download URL: the version's `mirror_url`, else its `url` (for `file`, the URL as written). */
  url: string;
  /** Absolute path of a `file:` source. */
  path?: string;
  checksum?: Checksum;
  /**
   * The version's upstream `url`, when `url` above is its `mirror_url`: where apply retries from
   * when the mirror fails, and only when allowed (`--mirror-fallback`); never silently.
   */
  upstreamUrl?: string;
}

/** POST /v2/images parameters of a new image: private, versioned name, every property plus the marker. */
export interface CreateSpec {
  name: string;
  id?: string;
  diskFormat: DiskFormat;
  containerFormat: 'bare';
  visibility: 'private';
  minDisk: number;
  minRam: number;
  tags: string[];
  properties: Record<string, string>;
}

/** The one PATCH after a verified import (plus a deactivate when the definition says so). */
export interface FinalizeSpec {
  name: string;
  visibility: string;
  hidden: boolean;
  /** Floor; apply raises it to ceil(size / GiB) once the size is known. */
  minDisk: number;
  status: 'active' | 'deactivated';
}

interface ChangeBase {
  /** Unique within the plan; other changes refer to it in `requires`. */
  key: string;
  action: ChangeAction;
  /** Definition and version this image belongs to (absent for images no definition claims). */
  definition?: string;
  version?: string;
  /** The image's name now (for a create: the name it will end with). */
  name: string;
  /** Display only. */
  reason: string;
}

/** Import a version (create), or finish / clean up an interrupted import of it first (resume). */
export interface ImportChange extends ChangeBase {
  action: 'create' | 'resume';
  create: CreateSpec;
  source: ImportSource;
  finalize: FinalizeSpec;
  /** resume: the leftover image of an interrupted import and its status when planned. */
  imageId?: string;
  resumeStatus?: string;
  after: ImageState;
}

/** Change an existing image: one PATCH and/or one deactivate/reactivate call. */
export interface UpdateChange extends ChangeBase {
  /** `adopt`: an existing image without the managed tag is taken under management (tag + properties, never re-imported). */
  action: 'adopt' | 'update' | 'rename' | 'hide' | 'deactivate' | 'reactivate';
  imageId: string;
  patch: PatchOp[];
  statusAction?: 'deactivate' | 'reactivate';
  before: ImageState;
  after: ImageState;
  /** Keys of import changes that must have succeeded first (rotation waits for the new image). */
  requires?: string[];
  /** Hiding/deactivating outdated images: skipped in a run that had errors. */
  cleanup: boolean;
}

export interface DeleteChange extends ChangeBase {
  action: 'delete';
  imageId: string;
  before: ImageState;
  /** Outdated versions are cleanup; leftovers of interrupted imports are not. */
  cleanup: boolean;
  /** Keys of import changes that must have succeeded first (the image still carries the bare name). */
  requires?: string[];
}

export type Change = ImportChange | UpdateChange | DeleteChange;

/** What to do with versions that are superseded or outdated. */
export interface OutdatedPolicy {
  /** `os_hidden` (default), `community` visibility (OIM's --hide), or leave them listed. */
  hide: 'os_hidden' | 'community' | 'none';
  /** Deactivate outdated versions (beyond uuid_validity). */
  deactivate: boolean;
  /** Delete outdated versions (the CLI needs --yes-i-really-know-what-i-do for this). */
  delete: boolean;
  /** Managed images that no definition claims (definition removed) count as outdated; otherwise they are only reported. */
  prune: boolean;
  /** Which versions `uuid_validity: last-N` counts (absent: `unlisted`, this tool's rule). */
  lifetime?: LifetimeRule;
  /** OIM's `--keep`: versions of non-multi definitions that are no longer listed are left alone. */
  keepUnlisted?: boolean;
}

/**
 * Which versions `last-N` counts. `unlisted` (plan/apply): a version the definition lists is never
 * outdated, only the others age out. `listed-too` (`manage`, OIM's rule): the N newest versions of
 * a multi image are kept whether listed or not, so a definition listing more than N has outdated ones.
 */
export type LifetimeRule = 'unlisted' | 'listed-too';

/**
 * Which definitions a run works on, and which of their versions it imports (OIM's `--filter`,
 * `--latest`). Images of definitions left out are never touched, not even cleaned up.
 */
export interface Selection {
  /** Definitions whose name this matches (JavaScript RegExp, searched like Python's re.search). */
  filter?: RegExp;
  /** Import only the newest version of each definition; older ones already there stay managed. */
  latestOnly?: boolean;
}

export const DEFAULT_OUTDATED_POLICY: OutdatedPolicy = { hide: 'os_hidden', deactivate: false, delete: false, prune: false };

export interface Plan {
  formatVersion: string;
  /** ISO 8601: the clock the plan was computed with. */
  createdAt: string;
  tool: { name: string; version: string };
  cloud: { name: string; region?: string; projectId: string };
  tag: string;
  policy: OutdatedPolicy;
  /** Hash of the managed images' state the plan was computed from; apply refuses a plan whose cloud moved on. */
  fingerprint: string;
  /** Managed images seen (tag + owner). */
  managedImages: number;
  /**
   * Images of the project without the managed tag that the plan changes (adopt, fix); the
   * fingerprint covers them too. Absent in plans that change managed images only (format 1.0).
   */
  unmanagedImageIds?: string[];
  changes: Change[];
  /** Things the operator should know that are no change (duplicates, unclaimed images, unverifiable checksums). */
  notes: string[];
}

export function isEmptyPlan(plan: Pick<Plan, 'changes'>): boolean {
  return plan.changes.length === 0;
}

export function countByAction(changes: readonly Change[]): Partial<Record<ChangeAction, number>> {
  const out: Partial<Record<ChangeAction, number>> = {};
  for (const c of changes) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
}

/** Type guard: TS does not narrow a two-valued discriminant through `a === 'x' || a === 'y'`. */
export function isImportChange(c: Change): c is ImportChange {
  return c.action === 'create' || c.action === 'resume';
}

/**
 * How people see a change: the image and its version, `Ubuntu 24.04 (version 20261204)`. Keys
 * are for the plan's own references (`requires`) and never appear in output meant for people.
 */
export function changeLabel(c: Pick<Change, 'name' | 'version'>): string {
  return c.version !== undefined ? `${c.name} (version ${c.version})` : c.name;
}

/** The labels of the changes `keys` name (unknown keys are kept, so nothing silently disappears). */
export function labelsOf(keys: readonly string[], changes: readonly Change[]): string[] {
  return keys.map((k) => {
    const c = changes.find((x) => x.key === k);
    return c ? changeLabel(c) : k;
  });
}
