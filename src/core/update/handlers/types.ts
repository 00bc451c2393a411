/**
 * A per-distribution update handler: pure functions that say which upstream documents to read
 * and how to get the newest build out of them. The driver (src/usecases/update/resolve-upstream.ts)
 * fetches in between:
 *
 *   listingUrl(src)          → GET, parseDirectoryListing   (only handlers that need a listing)
 *   candidates(src, listing) → builds to try, newest first
 *   candidate.manifestUrl    → GET, parseChecksumManifest
 *   candidate.pick(entries)  → file URL, checksum, and the build date when the name carries it
 *   (no date)                → HEAD the file URL, date from Last-Modified (as OIM does)
 *
 * Adding a distribution is one entry in registry.ts, usually made with datedFolderHandler
 * (builds in dated folders of a listing) or manifestHandler (the manifest names the builds).
 */
import type { Checksum } from '../../definitions/types.js';
import type { ListingEntry, ManifestEntry } from '../types.js';

/** What a handler reads from an image definition. */
export interface UpstreamSource {
  name: string;
  shortname?: string;
  osDistro?: string;
  latestUrl: string;
  latestChecksumUrl?: string;
}

/** A build's image file as found in its manifest. */
export interface PickedFile {
  url: string;
  checksum: Checksum;
  /** `YYYYMMDD` when the folder or file name carries the build date; otherwise Last-Modified decides. */
  date?: string;
}

/** One build to try: where its manifest is and how to find the image's line in it. */
export interface Candidate {
  /** For messages: the folder or file name the candidate stands for. */
  label: string;
  manifestUrl: string;
  /** undefined when the manifest does not list the image (e.g. a build still being uploaded). */
  pick(entries: readonly ManifestEntry[]): PickedFile | undefined;
}

export interface UpstreamHandler {
  /** Short key, used in messages and for `--base-url <id>=URL` / `SCS_IMAGES_UPSTREAM_<ID>`. */
  readonly id: string;
  /** The checksum manifest's file name next to a build's image file (SHA256SUMS, SHA512SUMS, CHECKSUM). */
  readonly defaultManifest: string;
  /** A manifest per image file instead (openSUSE `<file>.sha256`, OSISM's CAPI bucket `<file>.CHECKSUM`); wins over defaultManifest. */
  manifestFor?(file: string): string;
  /**
   * Trees with dated build folders (Ubuntu, Debian): the image's file name inside the build folder
   * `folder` (e.g. `20261120-2298`), given its name under the pointer folder.
   */
  datedFile?(file: string, folder: string): string;
  /** A file name that stands for the newest build of a series and is overwritten (CAPI's `...-v1.33.qcow2`). */
  isPointerFile?(file: string): boolean;
  /** Selection (registry.ts selectHandler): `shortname` prefixes, latest_url hosts, os_distro values. */
  readonly shortnamePrefixes: readonly string[];
  readonly hosts: readonly string[];
  readonly osDistros: readonly string[];
  /** The directory listing that names the builds, or undefined when the manifest alone tells. */
  listingUrl(src: UpstreamSource): string | undefined;
  /** Builds to try, newest first; throws UpstreamError when there is none. */
  candidates(src: UpstreamSource, listing: readonly ListingEntry[] | undefined): Candidate[];
}
