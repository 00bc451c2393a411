/**
 * `version: latest` (and noticing new upstream builds): a `latest` version points at
 * a URL whose bytes change upstream. Before planning, the use case asks upstream for the build's
 * digest (checksums_url / checksum_url) and Last-Modified; pinLatest turns the version into the
 * build it names: label `YYYYMMDD` of Last-Modified (OIM's internal_version for `latest`),
 * `image_build_date` that day (not the definition's static build_date, nor the day of import),
 * the upstream digest as checksum and as `upstream_checksum` (OIM's property). A new upstream build
 * is then a new version to the planner: imported, rotated, the old one aged out per
 * uuid_validity, as `update` + `apply` would do. Pure.
 *
 * A build republished on the same day with another digest gets the label `YYYYMMDD-<digest:8>`
 * when an image of that day with another `upstream_checksum` is in the cloud (the caller says so).
 */
import type { Checksum, ImageDefinition, VersionDefinition } from '../definitions/types.js';
import { dayOf } from '../clock.js';

export interface LatestBuild {
  checksum?: Checksum;
  /** Last-Modified of the image URL, as the server sent it. */
  lastModified?: string;
}

/** Versions that need upstream facts: `latest` with a checksum source. */
export function latestVersions(defs: readonly ImageDefinition[]): Array<{ definition: ImageDefinition; version: VersionDefinition }> {
  return defs.flatMap((definition) =>
    definition.versions.filter((v) => v.version === 'latest' && (v.checksumsUrl || v.checksumUrl)).map((version) => ({ definition, version })),
  );
}

function day(httpDate: string | undefined): string | undefined {
  const t = httpDate ? Date.parse(httpDate) : Number.NaN;
  return Number.isNaN(t) ? undefined : dayOf(new Date(t));
}

/**
 * The version pinned to the upstream build; unchanged (still `latest`) when upstream told
 * neither a date nor a digest. `taken(label, digest)`: is that label already used in the cloud by
 * an image of another digest?
 */
export function pinLatest(v: VersionDefinition, build: LatestBuild, taken: (label: string, hex: string) => boolean = () => false): VersionDefinition {
  const date = day(build.lastModified);
  if (!date) return build.checksum ? { ...v, checksum: build.checksum, meta: { ...v.meta, upstream_checksum: build.checksum.hex } } : v;
  const base = date.replace(/-/g, '');
  const label = build.checksum && taken(base, build.checksum.hex) ? `${base}-${build.checksum.hex.slice(0, 8)}` : base;
  return {
    ...v,
    version: label,
    buildDate: date,
    ...(build.checksum ? { checksum: build.checksum, meta: { ...v.meta, upstream_checksum: build.checksum.hex } } : {}),
  };
}

/** The definitions with every resolved `latest` version pinned (same order, other versions untouched). */
export function withPinnedLatest(defs: readonly ImageDefinition[], pinned: ReadonlyMap<VersionDefinition, VersionDefinition>): ImageDefinition[] {
  return defs.map((d) => (d.versions.some((v) => pinned.has(v)) ? { ...d, versions: d.versions.map((v) => pinned.get(v) ?? v) } : d));
}
