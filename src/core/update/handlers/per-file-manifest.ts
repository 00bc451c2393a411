/**
 * A checksum file beside every image instead of one manifest per folder: OSISM's bucket of
 * Kubernetes CAPI images publishes `ubuntu-2404-kube-v1.33.9.qcow2.CHECKSUM` next to the image, one
 * `sha256sum` line. The series image (`ubuntu-2404-kube-v1.33.qcow2`) is overwritten with each
 * patch release, so its date comes from Last-Modified (the driver HEADs it).
 */
import { findManifestEntry } from '../manifest.js';
import { UpstreamError, type ManifestEntry } from '../types.js';
import { splitUrl } from '../url-parts.js';
import type { UpstreamHandler } from './types.js';

export interface PerFileManifestConfig {
  id: string;
  shortnamePrefixes: string[];
  hosts: string[];
  osDistros: string[];
  /** Appended to the image's file name: `.CHECKSUM`. */
  suffix: string;
  /** File names that are overwritten by every new build of their series. */
  pointerFile?: RegExp;
}

/**
 * The line of a per-file manifest that stands for `file`: the one naming it, or the only line
 * (such files are written by `sha256sum <path>`, whose path need not be the published name).
 */
export function perFileEntry(entries: readonly ManifestEntry[], file: string): ManifestEntry | undefined {
  const named = findManifestEntry(entries, file) ?? entries.findLast((e) => e.file.split('/').at(-1) === file);
  if (named) return named;
  return entries.length === 1 ? entries[0] : undefined;
}

export function perFileManifestHandler(cfg: PerFileManifestConfig): UpstreamHandler {
  return {
    id: cfg.id,
    defaultManifest: `<file>${cfg.suffix}`,
    manifestFor: (file) => `${file}${cfg.suffix}`,
    isPointerFile: (file) => cfg.pointerFile?.test(file) ?? false,
    shortnamePrefixes: cfg.shortnamePrefixes,
    hosts: cfg.hosts,
    osDistros: cfg.osDistros,
    listingUrl: () => undefined,
    candidates(src) {
      const { file } = splitUrl(src.latestUrl);
      const manifestUrl = src.latestChecksumUrl ?? `${src.latestUrl}${cfg.suffix}`;
      return [
        {
          label: file,
          manifestUrl,
          pick(entries) {
            const entry = perFileEntry(entries, file);
            if (!entry) throw new UpstreamError(`${manifestUrl} has ${entries.length} lines and none names ${file}`);
            return { url: src.latestUrl, checksum: entry.checksum };
          },
        },
      ];
    },
  };
}
