/**
 * Where the upstream checksum manifest of an image's build is, from what the image says about
 * itself: `image_source` names the file; the distribution's handler (the same registry `update`
 * uses) names the manifest next to it. An image_source under a moving folder (`current/`,
 * `latest/`, `release/`) names whatever the newest build is today, so where the image says which
 * build it is (`internal_version` = the dated folder, as Debian's and Ubuntu's trees name them)
 * that dated folder is tried first. Pure: no fetch.
 */
import type { Image } from '../images/image.js';
import { HANDLERS, selectHandler } from '../update/handlers/registry.js';
import type { UpstreamHandler } from '../update/handlers/types.js';
import { joinUrl, splitPointerUrl, splitUrl } from '../update/url-parts.js';

/** Folder names that point at the newest build rather than one build. */
const MOVING_FOLDERS: readonly string[] = ['current', 'latest', 'release', 'daily'];

/** A dated build folder as Ubuntu (`20261120`, `20261120.1`) and Debian (`20261120-2298`) name them. */
const DATED_FOLDER = /^\d{8}(?:[.-]\d+)?$/;

export interface ManifestLookup {
  /** Handler id (`ubuntu`, `debian`, ...): picks `--base-url`. */
  distribution: string;
  manifestUrl: string;
  /** The file name to find in the manifest. */
  file: string;
  /** The upstream URL of the file this lookup stands for. */
  fileUrl: string;
  /** True when the folder moves on with every build (a mismatch may mean "a newer build", not tampering). */
  moving: boolean;
  /** A checksum file for this one image (`<file>.CHECKSUM`): its only line counts whatever name it gives. */
  perFile: boolean;
}

export type ManifestLocation = { kind: 'found'; lookups: ManifestLookup[] } | { kind: 'none'; reason: string };

export function locateManifest(image: Image, handlers: readonly UpstreamHandler[] = HANDLERS): ManifestLocation {
  const source = image.properties['image_source'];
  if (typeof source !== 'string' || source === '') return { kind: 'none', reason: 'the image has no image_source' };
  if (!/^https?:\/\//.test(source)) return { kind: 'none', reason: `image_source ${JSON.stringify(source)} is not an http(s) URL of an upstream file` };
  const osDistro = image.properties['os_distro'];
  const handler = selectHandler({ name: image.name, latestUrl: source, ...(typeof osDistro === 'string' ? { osDistro } : {}) }, handlers);
  if (!handler) return { kind: 'none', reason: `no checksum manifest is known for ${new URL(source).host} (known: ${handlers.map((h) => h.id).join(', ')})` };
  let dir: string;
  let file: string;
  try {
    ({ dir, file } = splitUrl(source));
  } catch (e) {
    return { kind: 'none', reason: (e as Error).message };
  }
  const folder = dir.slice(0, -1).split('/').at(-1) ?? '';
  const moving = MOVING_FOLDERS.includes(folder) || (handler.isPointerFile?.(file) ?? false);
  const lookups: ManifestLookup[] = [];
  const build = image.properties['internal_version'];
  if (moving && handler.datedFile && typeof build === 'string' && DATED_FOLDER.test(build)) {
    const { parent } = splitPointerUrl(source);
    const datedFile = handler.datedFile(file, build);
    lookups.push({
      distribution: handler.id,
      manifestUrl: joinUrl(parent, build, handler.defaultManifest),
      file: datedFile,
      fileUrl: joinUrl(parent, build, datedFile),
      moving: false,
      perFile: false,
    });
  }
  const manifest = handler.manifestFor ? joinUrl(dir, handler.manifestFor(file)) : `${dir}${handler.defaultManifest}`;
  lookups.push({ distribution: handler.id, manifestUrl: manifest, file, fileUrl: source, moving, perFile: handler.manifestFor !== undefined });
  return { kind: 'found', lookups };
}
