/**
 * The definition of the SCS CAPI image: `multi: false` (one image per Kubernetes version, no bare
 * name) with the separator that makes `name{sep}version` match the requirements' name_scheme,
 * checked with the spec's own matcher; OSISM's bucket as image_source; os_purpose k8snode and the
 * image_description URL scs-0104 v2 demands.
 */
import { CAPI_BASE_OS_VERSION, CAPI_VERSION_RE, CATALOG } from './catalog.js';
import { requirementLines } from './explain.js';
import { buildMeta } from './meta.js';
import { describeSources, mirrorUrl, pickUrl } from './urls.js';
import type { CommentMap, DraftImage, InitOptions, InitTarget, Requirement } from './types.js';

/** Dash first: the v5 spec and the v2 draft name the dash form; the space form is the older v1 spec's. */
const SEPARATORS = ['-', ' '] as const;

const STATUS_WEIGHT = { mandatory: 100, recommended: 10, optional: 1 } as const;

/**
 * The separator whose names satisfy the most important requirements (every version's name must
 * match), or undefined if no separator satisfies any. Requirements it leaves unmet show up as
 * not covered in the coverage check.
 */
export function chooseSeparator(base: string, versions: readonly string[], requirements: readonly Requirement[]): string | undefined {
  let best: { sep: string; score: number } | undefined;
  for (const sep of SEPARATORS) {
    const names = versions.map((v) => `${base}${sep}${v}`);
    const score = requirements
      .filter((r) => names.every((n) => (r.matcher ? r.matcher.matches(n) : n === r.name)))
      .reduce((s, r) => s + STATUS_WEIGHT[r.status], 0);
    if (score > 0 && (!best || score > best.score)) best = { sep, score };
  }
  return best?.sep;
}

export function capiDraft(target: InitTarget, opts: InitOptions): DraftImage | { reason: string } {
  const cat = CATALOG.capi;
  const bad = opts.capiVersions.find((v) => !CAPI_VERSION_RE.test(v));
  if (bad !== undefined) return { reason: `CAPI version '${bad}' is not of the form v1.35.5 or v1.35` };
  if (opts.capiVersions.length === 0) return { reason: 'no CAPI version given' };
  const sep = chooseSeparator(target.name, opts.capiVersions, target.requirements);
  if (sep === undefined) {
    return { reason: `no separator makes '${target.name}<sep>${opts.capiVersions[0]}' match the name_scheme` };
  }

  const comments: CommentMap = {};
  const versions: Record<string, unknown>[] = [];
  for (const [i, k8s] of opts.capiVersions.entries()) {
    const m = CAPI_VERSION_RE.exec(k8s) as RegExpExecArray;
    const picked = pickUrl(cat.undated, { k8s, k8sMinor: `v${m[1]}.${m[2]}` }, target.requirements);
    if (!picked) return { reason: `no CAPI image URL lies under the allowed prefixes (${describeSources(target.requirements)})` };
    const version: Record<string, unknown> = { version: k8s, url: picked.url };
    const base = opts.baseUrls.capi;
    if (base) {
      version['mirror_url'] = mirrorUrl(picked.url, base);
      comments[`versions.${i}.mirror_url`] = 'downloaded from here (--base-url); image_source still comes from url, as in OIM';
    }
    version['build_date'] = opts.versionDate;
    versions.push(version);
    comments[`versions.${i}.url`] = `OSISM's image for Kubernetes ${k8s}; image_source is always this url`;
    comments[`versions.${i}.build_date`] = 'the day init wrote this file: set the build date OSISM publishes';
  }

  const { meta, comments: metaComments } = buildMeta({
    osDistro: cat.osDistro,
    osVersion: CAPI_BASE_OS_VERSION,
    osVersionWhy:
      'the Ubuntu release the image is built on (ubuntu-2404-kube); OIM would overwrite it with the version label for non-multi images, scs-images keeps it',
    purpose: 'k8snode',
    description: 'https://github.com/osism/k8s-capi-images',
    descriptionWhy: 'scs-0104 v2 requires exactly this URL for CAPI images',
    replaceFrequency: 'never',
    providedUntil: 'none',
    providedUntilWhy: 'none: OSISM publishes no end date per image; set one if you commit to it',
  });

  const example = `${target.name}${sep}${opts.capiVersions[0]}`;
  const image: Record<string, unknown> = {
    name: target.name,
    enable: true,
    shortname: target.name,
    format: 'qcow2',
    login: cat.login,
    min_disk: cat.minDisk,
    min_ram: cat.minRam,
    status: 'active',
    visibility: 'public',
    multi: false,
    separator: sep,
    meta,
    tags: [],
    versions,
  };
  Object.assign(comments, {
    '': requirementLines(target.name, target.requirements).join('\n'),
    login: "the image's default user, written as image_original_user",
    min_disk: cat.sizeNote,
    visibility: 'public: the SCS tests only look at public (and community) images',
    multi: `false: every version is its own image named '${example}'; multi: true would add the bare name '${target.name}', which no CAPI name_scheme matches`,
    separator: `'${sep}' between name and version, so '${example}' matches the name_scheme (OIM's default is ' ')`,
    versions: 'one entry per Kubernetes version to offer (--capi-version); each becomes an image of its own',
    ...metaComments,
  });
  return { family: 'capi', target, image, comments };
}
