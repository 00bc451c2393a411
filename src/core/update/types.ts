/**
 * Values passed between the pure update core (parsers, handlers, decisions, YAML edits) and the
 * update use case (src/usecases/update/), which does the HTTP fetches (src/inputs/fetch-text.ts) and writes files.
 */
import type { Checksum } from '../definitions/types.js';

/** One line of a checksum manifest (SHA256SUMS, CHECKSUM, ...). */
export interface ManifestEntry {
  /** File name as written in the manifest (no directory part in the manifests we read). */
  file: string;
  checksum: Checksum;
}

/** One link of an HTML directory listing, relative to the listing's URL. */
export interface ListingEntry {
  /** Link target without a trailing slash, e.g. `20261120` or `SHA256SUMS`. */
  name: string;
  isDir: boolean;
}

/** The newest upstream build of one image, in the shape written to the definition. */
export interface UpstreamBuild {
  /** `YYYYMMDD`, the build date (OIM's convention for upstream cloud images). */
  version: string;
  /** Upstream URL of the image file; a dated one where upstream offers it. */
  url: string;
  checksum: Checksum;
  /** `YYYY-MM-DD`. */
  buildDate: string;
}

/**
 * Upstream content the tool cannot use: an HTML page where a manifest was expected, no build
 * folder in a listing, the image missing from the manifest. The message names what was read.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
}

/** The definition can be updated but not edited safely in place (aliases, flow lists, ...). */
export class EditError extends Error {
  override readonly name = 'EditError';
}
