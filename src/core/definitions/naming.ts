/**
 * OIM image naming, pure, the way OIM names the images it creates and rotates (so that a cloud
 * OIM managed is managed here without renames):
 *
 * - `multi: true`: every version is `"{name}{sep}({version})"`; after rotation the newest version
 *   carries the bare `name`.
 * - `multi: false`: every version is `"{name}{sep}{version}"`, no bare name.
 *
 * Versions are ordered the way OIM's natsort orders them (naturalCompare below), newest last.
 */
import type { ImageDefinition, VersionDefinition } from './types.js';

type NameParts = Pick<ImageDefinition, 'name' | 'separator' | 'multi'>;
type VersionLike = string | Pick<VersionDefinition, 'version'>;

const label = (v: VersionLike): string => (typeof v === 'string' ? v : v.version);

/** The versioned Glance name of one version: `Ubuntu 24.04 (20260108)` or `Cirros 0.6.3`. */
export function versionedName(def: NameParts, version: VersionLike): string {
  const v = label(version);
  return def.multi ? `${def.name}${def.separator}(${v})` : `${def.name}${def.separator}${v}`;
}

/**
 * The name the image of `version` carries once the definition is applied: for multi images the
 * newest version carries the bare name, every other version its versioned name.
 */
export function currentName(def: NameParts & { versions: readonly VersionLike[] }, version: VersionLike): string {
  if (def.multi) {
    const newest = newestVersion(def);
    if (newest !== undefined && label(newest) === label(version)) return def.name;
  }
  return versionedName(def, version);
}

/** Every version with the name it should carry, in processing order (newest last). */
export function expectedNames<V extends VersionLike>(def: NameParts & { versions: readonly V[] }): { version: V; name: string }[] {
  const sorted = sortVersions(def.versions);
  const last = sorted.length - 1;
  return sorted.map((version, i) => ({ version, name: def.multi && i === last ? def.name : versionedName(def, version) }));
}

/**
 * Every Glance name a definition can give its images over time: for multi images the bare name
 * and each version's `name (version)` (old versions are renamed to it), else `name{sep}version`.
 */
export function everyGlanceName(def: NameParts & { versions: readonly VersionLike[] }): { name: string; version: string | undefined }[] {
  return [...(def.multi ? [{ name: def.name, version: undefined }] : []), ...def.versions.map((v) => ({ name: versionedName(def, v), version: label(v) }))];
}

/** The newest version by natural order (the last one OIM processes), or undefined without versions. */
export function newestVersion<V extends VersionLike>(def: { versions: readonly V[] }): V | undefined {
  const sorted = sortVersions(def.versions);
  return sorted[sorted.length - 1];
}

/** Natural sort of versions, oldest first; stable for labels that compare equal (`1` and `01`). */
export function sortVersions<V extends VersionLike>(versions: readonly V[]): V[] {
  return [...versions].sort((a, b) => naturalCompare(label(a), label(b)));
}

export function compareVersions(a: VersionLike, b: VersionLike): number {
  return naturalCompare(label(a), label(b));
}

type Chunk = string | bigint;

/**
 * Split into alternating text and digit chunks the way natsort's default key does: a string
 * that starts with a digit gets a leading empty text chunk, so text and numbers never meet at
 * the same position. `1.10` → ['', 1n, '.', 10n]; `v1.2` → ['v', 1n, '.', 2n].
 */
function chunks(s: string): Chunk[] {
  const out: Chunk[] = [];
  const re = /(\d+)|(\D+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[1] !== undefined) {
      if (out.length === 0) out.push('');
      out.push(BigInt(m[1]));
    } else {
      out.push(m[2] as string);
    }
  }
  return out;
}

/** Code-point order, as Python compares str (JS `<` compares UTF-16 units). */
function compareText(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Natural comparison (natsort's default: unsigned integers, case-sensitive text). Numbers
 * compare by value (`1.9` < `1.10`, `20240819` < `20251118`), text by code point, a shorter
 * chunk list first (`1` < `1a`). Returns 0 for labels with equal keys (`01` vs `1`).
 */
export function naturalCompare(a: string, b: string): number {
  const ca = chunks(a);
  const cb = chunks(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i] as Chunk;
    const y = cb[i] as Chunk;
    let c: number;
    if (typeof x === 'bigint' && typeof y === 'bigint') c = x < y ? -1 : x > y ? 1 : 0;
    else if (typeof x === 'string' && typeof y === 'string') c = compareText(x, y);
    else c = typeof x === 'string' ? -1 : 1; // cannot happen with the alternating layout; keep total
    if (c !== 0) return c;
  }
  return ca.length - cb.length < 0 ? -1 : ca.length > cb.length ? 1 : 0;
}
