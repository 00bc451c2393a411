/**
 * What `mirror` copies and what `mirror --check` reads, from the definitions alone (pure).
 *
 * As OIM's contrib/mirror.py: only versions with both `url` and `mirror_url` are mirrored; the
 * object's name is the part of `mirror_url` below the mirror's base URL (the container's public
 * URL, or --mirror-base-url), so the mirror is written where the definitions will read it.
 * `update --mirror-base-url` writes mirror_url as <base>/<shortname>/<version>-<shortname>.<format>,
 * which lands at <shortname>/<version>-<shortname>.<format> in the container.
 */
import type { InputLocation } from '../errors.js';
import type { Checksum, ImageDefinition } from '../definitions/types.js';

export interface MirrorTarget {
  definition: string;
  version: string;
  /** Upstream: the bytes come from here. */
  url: string;
  /** Where the definitions read the mirror: the object must answer here afterwards. */
  mirrorUrl: string;
  /** Object name in the container (decoded: `/` separates pseudo-folders). */
  objectName: string;
  /** Required: what the mirror copies is verified before it is stored. */
  checksum: Checksum;
  location: InputLocation;
}

export interface MirrorSkip {
  definition: string;
  version: string;
  reason: string;
  location: InputLocation;
}

export interface MirrorSelection {
  targets: MirrorTarget[];
  skipped: MirrorSkip[];
}

const WEB = /^https?:\/\//i;

/** The object name of `mirrorUrl` below `base`, or undefined when it is not below it. */
export function objectNameUnder(base: string, mirrorUrl: string): string | undefined {
  const root = base.replace(/\/+$/, '');
  if (!mirrorUrl.startsWith(`${root}/`)) return undefined;
  const rest = mirrorUrl.slice(root.length + 1).split(/[?#]/)[0] ?? '';
  if (rest === '' || rest.endsWith('/')) return undefined;
  try {
    return rest.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/**
 * Every version to mirror, each object once: two versions naming the same mirror_url share it
 * (downloaded once); if their checksums disagree, the second is skipped with the reason.
 */
export function mirrorTargets(images: readonly ImageDefinition[], base: string): MirrorSelection {
  const targets: MirrorTarget[] = [];
  const skipped: MirrorSkip[] = [];
  const byObject = new Map<string, MirrorTarget>();
  for (const def of images) {
    for (const v of def.versions) {
      const skip = (reason: string): void => void skipped.push({ definition: def.name, version: v.version, reason, location: v.location });
      if (v.mirrorUrl === undefined) {
        skip('no mirror_url');
        continue;
      }
      if (!WEB.test(v.url)) {
        skip(`url ${v.url} is not an http(s) download`);
        continue;
      }
      if (v.checksum === undefined) {
        skip('no checksum: the mirror stores only bytes it could verify');
        continue;
      }
      const objectName = objectNameUnder(base, v.mirrorUrl);
      if (objectName === undefined) {
        skip(`mirror_url ${v.mirrorUrl} is not below the mirror's base URL ${base}`);
        continue;
      }
      const seen = byObject.get(objectName);
      if (seen) {
        const same = seen.checksum.hex === v.checksum.hex && seen.url === v.url;
        skip(
          same
            ? `same object as ${seen.definition} ${seen.version} (mirrored once)`
            : `mirror_url is also ${seen.definition} ${seen.version}'s, with another url or checksum; fix the definitions`,
        );
        continue;
      }
      const t: MirrorTarget = {
        definition: def.name,
        version: v.version,
        url: v.url,
        mirrorUrl: v.mirrorUrl,
        objectName,
        checksum: { ...v.checksum },
        location: v.location,
      };
      byObject.set(objectName, t);
      targets.push(t);
    }
  }
  return { targets, skipped };
}

/** What `mirror --check` reads: every version's mirror_url (http(s)), with the checksum it must match. */
export interface MirrorProbe {
  definition: string;
  version: string;
  mirrorUrl: string;
  checksum?: Checksum;
  location: InputLocation;
}

export function mirrorProbes(images: readonly ImageDefinition[]): MirrorProbe[] {
  const out: MirrorProbe[] = [];
  for (const def of images) {
    for (const v of def.versions) {
      if (v.mirrorUrl === undefined || !WEB.test(v.mirrorUrl)) continue;
      const p: MirrorProbe = { definition: def.name, version: v.version, mirrorUrl: v.mirrorUrl, location: v.location };
      if (v.checksum) p.checksum = { ...v.checksum };
      out.push(p);
    }
  }
  return out;
}

/** The value stored as the object's `X-Object-Meta-Checksum`: the definition's checksum as written. */
export const checksumMeta = (c: Checksum): string => `${c.algorithm}:${c.hex}`;
