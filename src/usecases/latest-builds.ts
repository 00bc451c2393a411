/**
 * Upstream facts of `version: latest` definitions (core/plan/latest-builds.ts): the digest from
 * `checksums_url` (the line naming the url's file) or `checksum_url` (a bare digest), and the
 * image's Last-Modified. A failure is a note, not an error: the version then stays `latest` (OIM
 * aborted the definition), and the plan says why.
 */
import type { VersionDefinition } from '../core/definitions/types.js';
import type { ImageDefinition } from '../core/definitions/types.js';
import type { LatestBuild } from '../core/plan/latest-builds.js';
import { latestVersions } from '../core/plan/latest-builds.js';
import { algorithmForHex, findManifestEntry, parseChecksumManifest } from '../core/update/manifest.js';
import { fetchLastModified, fetchText, type FetchOptions } from '../inputs/fetch-text.js';

const basename = (url: string): string => decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');

async function digestOf(v: VersionDefinition, opts: FetchOptions): Promise<LatestBuild['checksum']> {
  if (v.checksumsUrl) {
    const entry = findManifestEntry(parseChecksumManifest(await fetchText(v.checksumsUrl, opts)), basename(v.url));
    if (!entry) throw new Error(`${v.checksumsUrl} does not list ${basename(v.url)}`);
    return entry.checksum;
  }
  const hex = (await fetchText(v.checksumUrl as string, opts)).trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const algorithm = /^[0-9a-f]+$/.test(hex) ? algorithmForHex(hex) : undefined;
  if (!algorithm) throw new Error(`${v.checksumUrl} holds no md5/sha1/sha256/sha512 digest`);
  return { algorithm, hex };
}

export async function fetchLatestBuilds(
  defs: readonly ImageDefinition[],
  opts: FetchOptions = {},
): Promise<{ builds: Map<VersionDefinition, LatestBuild>; notes: string[] }> {
  const builds = new Map<VersionDefinition, LatestBuild>();
  const notes: string[] = [];
  await Promise.all(
    latestVersions(defs).map(async ({ definition, version }) => {
      try {
        const [checksum, lastModified] = await Promise.all([digestOf(version, opts), fetchLastModified(version.url, opts).catch(() => undefined)]);
        builds.set(version, { ...(checksum ? { checksum } : {}), ...(lastModified ? { lastModified } : {}) });
        if (!lastModified) notes.push(`'${definition.name}' version latest: ${version.url} sent no Last-Modified; the build is not dated and stays 'latest'`);
      } catch (e) {
        notes.push(`'${definition.name}' version latest: upstream could not tell the current build (${(e as Error).message}); planned as 'latest'`);
      }
    }),
  );
  return { builds, notes };
}
