/**
 * Handlers for trees with one folder per build next to a moving pointer folder (Ubuntu, Debian):
 *
 *   latest_url  <tree>/<pointer>/<file>     e.g. https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img
 *   listing     <tree>/                     dated folders 20261120/ (Debian: 20261115-2298/)
 *   manifest    <tree>/<dated>/<SUMS>       SUMS = basename of latest_checksum_url (default below)
 *   file        fileInBuild(<file>, folder) Ubuntu: the same name; Debian: the folder appended
 *
 * The written url is the dated one, so a version entry keeps describing the same bytes after
 * the pointer moves on. Version and build date come from the folder name.
 */
import { datedFolders, type DatedFolder } from '../builds.js';
import { findManifestEntry } from '../manifest.js';
import { UpstreamError } from '../types.js';
import { joinUrl, splitPointerUrl, splitUrl } from '../url-parts.js';
import type { Candidate, UpstreamHandler, UpstreamSource } from './types.js';

/** Newest builds tried before giving up: the newest folder may still be uploading. */
const MAX_CANDIDATES = 3;

export interface DatedFolderHandlerConfig {
  id: string;
  shortnamePrefixes: string[];
  hosts: string[];
  osDistros: string[];
  /** Manifest file name when the definition has no latest_checksum_url. */
  defaultManifest: string;
  /** The image's file name inside a dated folder, from its name under the pointer folder. */
  fileInBuild(file: string, folder: DatedFolder): string;
}

export function datedFolderHandler(cfg: DatedFolderHandlerConfig): UpstreamHandler {
  return {
    id: cfg.id,
    defaultManifest: cfg.defaultManifest,
    datedFile: (file, folder) => cfg.fileInBuild(file, { name: folder, date: folder.slice(0, 8), serial: 0 }),
    shortnamePrefixes: cfg.shortnamePrefixes,
    hosts: cfg.hosts,
    osDistros: cfg.osDistros,
    listingUrl: (src) => splitPointerUrl(src.latestUrl).parent,
    candidates(src, listing) {
      if (!listing) throw new UpstreamError(`${cfg.id}: a directory listing is needed`);
      const { parent, pointer, file } = splitPointerUrl(src.latestUrl);
      const folders = datedFolders(listing, pointer);
      if (folders.length === 0) throw new UpstreamError(`no dated build folder (like 20261120/ or 20261115-2298/) in the listing of ${parent}`);
      const manifest = manifestName(src, cfg.defaultManifest);
      return folders.slice(0, MAX_CANDIDATES).map((folder): Candidate => {
        const name = cfg.fileInBuild(file, folder);
        return {
          label: `${folder.name}/`,
          manifestUrl: joinUrl(parent, folder.name, manifest),
          pick(entries) {
            const entry = findManifestEntry(entries, name);
            return entry && { url: joinUrl(parent, folder.name, name), checksum: entry.checksum, date: folder.date };
          },
        };
      });
    },
  };
}

function manifestName(src: UpstreamSource, fallback: string): string {
  return src.latestChecksumUrl ? splitUrl(src.latestChecksumUrl).file : fallback;
}

/** Debian: `debian-13-genericcloud-amd64-daily.qcow2` in `20261115-2298/` is `debian-13-genericcloud-amd64-daily-20261115-2298.qcow2`. */
export function withFolderSuffix(file: string, folder: DatedFolder): string {
  const dot = file.indexOf('.');
  return dot < 0 ? `${file}-${folder.name}` : `${file.slice(0, dot)}-${folder.name}${file.slice(dot)}`;
}
