/**
 * The definition of a distribution's image (Ubuntu, Debian, and on request AlmaLinux, Rocky,
 * CentOS Stream, openSUSE Leap): `multi: true` under the exact name the standard
 * asks for (the newest version carries the bare name), an upstream URL under an allowed prefix,
 * full SCS-0102 metadata.
 */
import { CATALOG, fillTemplate } from './catalog.js';
import { requirementLines } from './explain.js';
import { buildMeta, providedUntil } from './meta.js';
import { providedUntilOf, providedUntilSource } from '../releases/distro-releases.js';
import { describeSources, mirrorUrl, pickUrl } from './urls.js';
import type { CommentMap, DraftImage, InitOptions, InitTarget } from './types.js';

export function distroDraft(target: InitTarget, opts: InitOptions): DraftImage | { reason: string } {
  const family = target.family;
  const release = target.release;
  if (family === 'capi' || !release) return { reason: `internal: ${target.name} is not a distribution release` };
  const cat = CATALOG[family];
  const label = opts.versionDate.replaceAll('-', '');
  const values = { codename: release.codename, version: release.version, date: label };
  const picked = pickUrl([...(opts.datedBuild ? cat.dated : []), ...cat.undated], values, target.requirements);
  if (!picked) return { reason: `no ${family} download URL lies under the allowed prefixes (${describeSources(target.requirements)})` };
  const latest = pickUrl(cat.undated, values, target.requirements);
  const dated = cat.dated.some((t) => fillTemplate(t.image, values) === picked.url);

  const until = providedUntil(providedUntilOf(release), opts.versionDate, providedUntilSource(release));
  const { meta, comments: metaComments } = buildMeta({
    osDistro: cat.osDistro,
    osVersion: release.version,
    osDistroWhy: cat.osDistroWhy,
    osVersionWhy: 'the release; quoted so that YAML keeps it a string',
    purpose: 'generic',
    description: target.name,
    descriptionWhy: "the image name: OIM finds a definition's old versions by this property when cleaning up (a URL would hide them from it)",
    replaceFrequency: 'quarterly',
    providedUntil: until.value,
    providedUntilWhy: until.why,
  });

  const version: Record<string, unknown> = { version: label, url: picked.url };
  const base = opts.baseUrls[family];
  if (base) version['mirror_url'] = mirrorUrl(picked.url, base);
  version['build_date'] = opts.versionDate;

  const image: Record<string, unknown> = {
    name: target.name,
    enable: true,
    shortname: `${cat.shortnamePrefix}-${release.version}`,
    format: 'qcow2',
    login: cat.login,
    min_disk: cat.minDisk,
    min_ram: cat.minRam,
    status: 'active',
    visibility: 'public',
    multi: true,
    meta,
    tags: [],
  };
  if (latest) {
    image['latest_url'] = latest.latest ?? latest.url;
    if (latest.manifest) image['latest_checksum_url'] = latest.manifest;
  }
  image['versions'] = [version];

  const comments: CommentMap = {
    '': requirementLines(target.name, target.requirements).join('\n'),
    login: "the cloud image's default user, written as image_original_user",
    min_disk: cat.sizeNote,
    visibility: 'public: the SCS tests only look at public (and community) images',
    multi: `true: the newest version carries the bare name '${target.name}' named above; older versions are renamed '${target.name} (<version>)'`,
    ...metaComments,
    'versions.0.url': dated
      ? `the build of ${opts.versionDate} in its own directory; image_source is always this url`
      : `the newest build under a path that never changes (image_source is always this url); the label ${label} names no upstream build: \`scs-images update\` pins the exact build, its date and checksum`,
    'versions.0.build_date': dated
      ? 'the build date (--version-date)'
      : opts.datedBuild
        ? '--version-date; the url above may already serve a newer build'
        : 'the day init wrote this file (--version-date to name a build)',
  };
  if (base) comments['versions.0.mirror_url'] = 'downloaded from here (--base-url); image_source still comes from url, as in OIM';
  if (latest) {
    comments['latest_url'] = latest.latest
      ? "OIM's pattern for the newest dated build in the manifest: `scs-images update` pins it (the -latest file has no line of its own there)"
      : 'where `scs-images update` looks for newer builds (and the manifest with their checksums)';
  }
  return { family, target, image, comments };
}
