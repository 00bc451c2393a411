/** Shapes shared by the apply engine and the CLI that drives it. */
import type { Image } from '../core/images/image.js';
import type { Change, ChangeAction } from '../core/plan/types.js';
import type { ImageClient } from '../openstack/image/v2/client.js';

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
  | 'downloadImageData'
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
  /** Verify by reading the image back from Glance when its hash algorithm differs from the definition's (default true). */
  readBack: boolean;
  signal?: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent: (event: ApplyEvent) => void;
  /** Test seam for the tool's own downloads (default: global fetch). */
  fetch?: typeof fetch;
}

export type ApplyEvent =
  | { type: 'start'; key: string; action: ChangeAction; name: string }
  | { type: 'step'; key: string; name: string; message: string }
  | { type: 'bytes'; key: string; name: string; done: number; total: number | undefined }
  | { type: 'done'; key: string; name: string; message: string }
  | { type: 'failed'; key: string; name: string; message: string }
  | { type: 'skipped'; key: string; name: string; message: string };

export interface ChangeResult {
  key: string;
  action: ChangeAction;
  name: string;
  outcome: 'done' | 'failed' | 'skipped';
  message: string;
  imageId?: string;
}

export interface ApplyResult {
  ok: boolean;
  results: ChangeResult[];
}

/** An import that ended with a verified, still private image. */
export interface Imported {
  image: Image;
  /** web-download, glance-direct, upload, or resumed. */
  method: string;
  verification: string;
}

export type { Change };
