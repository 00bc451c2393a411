/** Shapes shared by the apply engine and the CLI that drives it. */
import type { Image } from '../core/images/image.js';
import type { Change, ChangeAction } from '../core/plan/types.js';
import type { ImageClient } from '../openstack/image/v2/client.js';
import type { UnpackLimits } from '../inputs/streams/unpack.js';

/** The Glance calls apply makes (an ImageClient, or a fake in tests). */
export type ImageApi = Pick<
  ImageClient,
  | 'createImage'
  | 'getImage'
  | 'updateImage'
  | 'deleteImage'
  | 'deactivateImage'
  | 'reactivateImage'
  | 'importImage'
  | 'stageImageData'
  | 'uploadImageData'
  | 'readImageData'
  | 'getImportInfo'
>;

export interface ApplyOptions {
  /** Imports running at the same time (default 3). */
  concurrency: number;
  /** Budget per version, over all attempts (default 30 min). */
  importTimeoutMs: number;
  /** An image still `queued` this long after its import was accepted is stuck (default 120 s). */
  stuckMs: number;
  /** A download by the tool that delivers nothing this long is aborted (default 60 s). */
  downloadIdleMs: number;
  /** Try Glance's web-download first when the cloud offers it (default true). */
  webDownload: boolean;
  /**
   * A version whose mirror_url fails (HTTP error, timeout, wrong checksum) is imported again from
   * its upstream url, and the step and the result say so (default false: the version fails).
   */
  mirrorFallback?: boolean;
  /** Web-download attempts before the streamed fallback (OIM's --stuck-retry + 1; default 1). */
  webDownloadAttempts?: number;
  /** false: never stream a download through the tool; a failed web-download fails (OIM's --prefetch never; default true). */
  streamFallback?: boolean;
  /** Verify by reading the image back from Glance when its hash algorithm differs from the definition's (default true). */
  readBack: boolean;
  signal?: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent: (event: ApplyEvent) => void;
  /** Test seam for the tool's own downloads (default: global fetch). */
  fetch?: typeof fetch;
  /** Bounds on what a compressed source may decompress to (default: unpackLimitsFromEnv()). */
  unpackLimits?: UnpackLimits;
}

/**
 * What apply reports while it runs. `key` tells the changes apart (for the live display); `name`
 * is for people: the image and its version (changeLabel), never the key.
 */
export type ApplyEvent =
  | { type: 'start'; key: string; action: ChangeAction; name: string }
  | { type: 'step'; key: string; name: string; message: string }
  | { type: 'bytes'; key: string; name: string; done: number; total: number | undefined }
  /**
   * What Glance said while the tool waited for an import it cannot watch byte by byte
   * (web-download, glance-direct): no byte counts exist in Glance's API until the image is active.
   */
  | { type: 'glance'; key: string; name: string; status: string; importingTo: string[]; waitingSince: number }
  | { type: ChangeOutcome; key: string; name: string; message: string; imageId?: string };

/**
 * done; failed; skipped (never started: it waited for a failed import, cleanup after an error, or
 * the run was interrupted first); interrupted (under way when the run was interrupted: what is
 * left of it is private and carries the import marker, so the next run resumes or redoes it).
 */
export type ChangeOutcome = 'done' | 'failed' | 'skipped' | 'interrupted';

export interface ChangeResult {
  /** The plan's internal reference; not for display. */
  key: string;
  action: ChangeAction;
  /** The image's name as planned (for a create: the name it ends with). */
  name: string;
  definition?: string;
  version?: string;
  outcome: ChangeOutcome;
  message: string;
  imageId?: string;
}

export interface ApplyResult {
  ok: boolean;
  /** True when the run was stopped by its signal (Ctrl-C, a lost lease) before it finished. */
  interrupted: boolean;
  /** In the order they ended (not the plan's order). */
  results: ChangeResult[];
}

/** An import that ended with a verified, still private image. */
export interface Imported {
  image: Image;
  /** web-download, glance-direct, upload, or resumed. */
  method: string;
  verification: string;
  /** Set when the mirror failed and the bytes came from the upstream url instead: why the mirror failed. */
  mirrorFailed?: string;
}

export type { Change };
