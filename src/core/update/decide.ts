/**
 * What an update does to a definition's `versions` list, given the newest upstream build.
 *
 * In order:
 * 1. some version already has the build's digest              → up to date, nothing changes;
 * 2. a version with the same label (upstream rebuilt that day) → that entry is replaced;
 * 3. a version with the same url (a `latest` pointer whose bytes changed, e.g. Rocky)
 *                                                              → that entry is replaced, since
 *    two entries for one URL would leave the older one with a digest nobody can download;
 * 3b. a version without a checksum whose url is a moving pointer (`…-latest.…`, `/current/`,
 *    `/latest/`, `/release/`: what `init` writes before any build is pinned) → that entry is
 *    replaced: it names no bytes, and its label (the day it was written) says nothing about the
 *    build, so rule 4 must not keep it;
 * 4. the build is older than the newest defined version        → nothing changes (a stale mirror
 *    or a hand-pinned newer build; never go backwards);
 * 5. `multi: false`                                            → the newest entry is replaced;
 * 6. `multi: true`                                             → the build is appended, and the
 *    older versions stay: apply keeps them as `Name (version)` images and gives the bare name to
 *    the new one (rotation), and `uuid_validity: last-N` can only hold with N versions listed.
 *
 * OIM's contrib/update.py overwrites versions[0] in every case; with its one-version files that
 * equals rule 5, but it throws the previous build away for multi images,
 * whose rotation keeps it as `Name (version)`.
 */
import { naturalCompare, newestVersion } from '../definitions/naming.js';
import type { Checksum, ImageDefinition, VersionDefinition } from '../definitions/types.js';
import { buildDateOf } from './builds.js';
import type { PickedFile } from './handlers/types.js';
import type { UpstreamBuild } from './types.js';

export type VersionChange =
  | { kind: 'current'; version: string }
  | { kind: 'older'; version: string; newest: string }
  | { kind: 'append'; build: UpstreamBuild }
  | { kind: 'replace'; replaces: string; reason: 'same version' | 'same url' | 'unpinned pointer' | 'single version'; build: UpstreamBuild };

export function decideChange(def: Pick<ImageDefinition, 'multi' | 'versions'>, build: UpstreamBuild): VersionChange {
  const same = def.versions.find((v) => v.checksum && sameChecksum(v.checksum, build.checksum));
  if (same) return { kind: 'current', version: same.version };
  const sameLabel = def.versions.find((v) => v.version === build.version);
  if (sameLabel) return { kind: 'replace', replaces: sameLabel.version, reason: 'same version', build };
  const sameUrl = def.versions.find((v) => v.url === build.url);
  if (sameUrl) return { kind: 'replace', replaces: sameUrl.version, reason: 'same url', build };
  const unpinned = def.versions.find((v) => !v.checksum && isMovingPointer(v.url));
  if (unpinned) return { kind: 'replace', replaces: unpinned.version, reason: 'unpinned pointer', build };
  const newest: VersionDefinition | undefined = newestVersion(def);
  if (newest && naturalCompare(build.version, newest.version) < 0) return { kind: 'older', version: build.version, newest: newest.version };
  if (!def.multi && newest) return { kind: 'replace', replaces: newest.version, reason: 'single version', build };
  return { kind: 'append', build };
}

/**
 * URLs that serve whatever the newest build is: a `latest` file (AlmaLinux, CentOS Stream, Rocky),
 * or a pointer folder (Ubuntu's `current/` and `release/`, Debian's `latest/`).
 */
export function isMovingPointer(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const segments = path.split('/');
  const file = segments.pop() ?? '';
  return /(^|[-._])latest([-._]|$)/i.test(file) || segments.some((s) => s === 'current' || s === 'latest' || s === 'release');
}

/** The version entry for a picked file and its build date (`YYYYMMDD`). */
export function toUpstreamBuild(picked: PickedFile, date: string): UpstreamBuild {
  return { version: date, url: picked.url, checksum: picked.checksum, buildDate: buildDateOf(date) };
}

/** `sha256:<hex>`: the algorithm follows from the digest length (manifest.ts algorithmForHex). */
export function checksumText(c: Checksum): string {
  return `${c.algorithm}:${c.hex}`;
}

function sameChecksum(a: Checksum, b: Checksum): boolean {
  return a.algorithm === b.algorithm && a.hex.toLowerCase() === b.hex.toLowerCase();
}

/**
 * OIM's mirror layout (contrib/update.py, mirror.py): `<base>/<shortname>/<version>-<shortname>.<format>`.
 * Written only on request (--mirror-base-url): apply downloads from mirror_url when it is set, and
 * the mirror holds the file only after someone copied it there.
 */
export function mirrorUrlFor(base: string, shortname: string, version: string, format: string): string {
  return `${base.replace(/\/+$/, '')}/${shortname}/${version}-${shortname}.${format}`;
}
