/**
 * One image against its upstream manifest: locate the manifest (core/audit), fetch it once per
 * run (the cache is shared by all images and clouds), compare with what Glance knows, and with
 * `deep` read the data back and hash it with the manifest's algorithm.
 */
import { compareUnpacked, compareWithGlance } from '../../core/audit/compare.js';
import { locateManifest, type ManifestLookup } from '../../core/audit/locate-manifest.js';
import type { Checksum } from '../../core/definitions/types.js';
import type { Image } from '../../core/images/image.js';
import { findManifestEntry, parseChecksumManifest } from '../../core/update/manifest.js';
import { perFileEntry } from '../../core/update/handlers/per-file-manifest.js';
import type { ManifestEntry } from '../../core/update/types.js';
import { FetchError, fetchText } from '../../inputs/fetch-text.js';
import { Digests } from '../../inputs/streams/checksum.js';
import { rewriteUrl, type BaseUrls } from '../update/base-urls.js';

export type AuditOutcome =
  | { kind: 'verified'; how: string; manifestUrl: string; fileUrl: string; bytesRead?: number }
  | { kind: 'mismatch'; expected: Checksum; actual: string; how: string; manifestUrl: string; fileUrl: string; bytesRead?: number }
  | { kind: 'unverifiable'; why: string; unreachable: boolean; manifestUrl?: string; bytesRead?: number };

/** Fetches each manifest once per run; a failure is remembered too (the same answer for every image). */
export class ManifestCache {
  private readonly entries = new Map<string, Promise<ManifestEntry[]>>();
  fetches = 0;
  constructor(private readonly opts: { baseUrls: BaseUrls; timeoutMs: number }) {}

  get(lookup: ManifestLookup): Promise<ManifestEntry[]> {
    const url = rewriteUrl(lookup.manifestUrl, this.opts.baseUrls.get(lookup.distribution));
    let entry = this.entries.get(url);
    if (!entry) {
      this.fetches++;
      entry = fetchText(url, { timeoutMs: this.opts.timeoutMs }).then(parseChecksumManifest);
      entry.catch(() => undefined);
      this.entries.set(url, entry);
    }
    return entry;
  }
}

/** Reads an image's data back from Glance into `sink`, slice by slice (never the whole image in memory). */
export type ReadImageData = (image: Image, sink: (chunk: Uint8Array) => void) => Promise<number>;

export interface AuditImageOptions {
  manifests: ManifestCache;
  /** Set with `--deep` on a cloud: how to read the data back. */
  readBack?: ReadImageData;
  /** Bytes read so far for this image (progress). */
  onBytes?: (bytes: number) => void;
}

export async function auditImage(image: Image, opts: AuditImageOptions): Promise<AuditOutcome> {
  const location = locateManifest(image);
  if (location.kind === 'none') return { kind: 'unverifiable', why: location.reason, unreachable: false };
  const problems: string[] = [];
  let unreachable = true;
  // bytes read back for a lookup that could not decide (a moving folder): still reported
  let readInVain = 0;
  for (const lookup of location.lookups) {
    let entries: ManifestEntry[];
    try {
      entries = await opts.manifests.get(lookup);
    } catch (e) {
      const gone = e instanceof FetchError && (e.status === 404 || e.status === 410);
      if (!isUnreachable(e)) unreachable = false;
      problems.push(gone ? `${lookup.manifestUrl} is gone upstream (${e.status}): the build was removed` : `${lookup.manifestUrl}: ${(e as Error).message}`);
      continue;
    }
    unreachable = false;
    const entry = lookup.perFile ? perFileEntry(entries, lookup.file) : findManifestEntry(entries, lookup.file);
    if (!entry) {
      problems.push(`${lookup.manifestUrl} does not list ${lookup.file}`);
      continue;
    }
    const found = { manifestUrl: lookup.manifestUrl, fileUrl: lookup.fileUrl };
    const glance = compareUnpacked(image, entry.checksum) ?? compareWithGlance(image, entry.checksum);
    if (glance.kind === 'verified') return { kind: 'verified', how: glance.how, ...found };
    if (glance.kind === 'no-data') return { kind: 'unverifiable', why: glance.why, unreachable: false, manifestUrl: lookup.manifestUrl };
    let actual: string;
    let how: string;
    let bytesRead: number | undefined;
    if (glance.kind === 'mismatch') {
      actual = glance.actual;
      how = glance.how;
    } else {
      if (!opts.readBack)
        return { kind: 'unverifiable', why: `${glance.why}: run with --deep to read the data back`, unreachable: false, manifestUrl: lookup.manifestUrl };
      const digests = new Digests([entry.checksum.algorithm]);
      await opts.readBack(image, (chunk) => {
        digests.update(chunk);
        opts.onBytes?.(digests.bytes);
      });
      actual = digests.digest()[entry.checksum.algorithm] as string;
      how = `${entry.checksum.algorithm} of the data read back from Glance`;
      bytesRead = digests.bytes;
    }
    const bytes = bytesRead !== undefined ? { bytesRead } : {};
    if (actual === entry.checksum.hex) return { kind: 'verified', how: `${how} matches the manifest`, ...found, ...bytes };
    if (lookup.moving) {
      if (bytesRead !== undefined) readInVain += bytesRead;
      problems.push(`${lookup.manifestUrl} now names another build of ${lookup.file} (${lookup.manifestUrl.split('/').at(-2)}/ moves on with every build)`);
      continue;
    }
    return { kind: 'mismatch', expected: entry.checksum, actual, how, ...found, ...bytes };
  }
  return { kind: 'unverifiable', why: problems.join('; '), unreachable, ...(readInVain > 0 ? { bytesRead: readInVain } : {}) };
}

/** No answer at all (refused, DNS, timeout) or a server error: "upstream unreachable", not "removed". */
function isUnreachable(e: unknown): boolean {
  if (!(e instanceof FetchError)) return false;
  return e.status === undefined || e.status >= 500;
}
