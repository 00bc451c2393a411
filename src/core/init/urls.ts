/**
 * Upstream URLs for a definition: the first catalog template whose URL starts with an allowed
 * prefix of every requirement (so `image_source`, which is always `url`, passes scs-0104), and the
 * `--base-url` rewrite into `mirror_url` for downloading from somewhere else.
 */
import { fillTemplate, type UrlTemplate } from './catalog.js';
import type { Requirement } from './types.js';

export interface PickedUrl {
  url: string;
  /** The checksum manifest next to it, when the vendor publishes one. */
  manifest?: string;
  /** Where update looks for newer builds, when that is not `url` itself. */
  latest?: string;
}

/** Does `url` lie under an allowed prefix of every requirement? (Plain, case-sensitive prefixes, as the check.) */
function allowedByAll(url: string, requirements: readonly Requirement[]): boolean {
  return requirements.every((r) => r.sources.some((prefix) => url.startsWith(prefix)));
}

export function pickUrl(
  templates: readonly UrlTemplate[],
  values: Readonly<Record<string, string>>,
  requirements: readonly Requirement[],
): PickedUrl | undefined {
  for (const t of templates) {
    if (t.forVersions && !t.forVersions.test(values['version'] ?? '')) continue;
    const url = fillTemplate(t.image, values);
    if (!allowedByAll(url, requirements)) continue;
    const picked: PickedUrl = { url };
    if (t.manifest) picked.manifest = fillTemplate(t.manifest, values);
    if (t.latest) picked.latest = fillTemplate(t.latest, values);
    return picked;
  }
  return undefined;
}

/**
 * `mirror_url` for `--base-url`: the official URL's path below the base, so one local directory
 * tree can stand in for every upstream host of a family
 * (`https://cloud-images.ubuntu.com/releases/noble/…` + `http://127.0.0.1:8080/ubuntu` →
 * `http://127.0.0.1:8080/ubuntu/releases/noble/…`).
 */
export function mirrorUrl(officialUrl: string, base: string): string {
  const u = new URL(officialUrl);
  return `${base.replace(/\/+$/, '')}${u.pathname}${u.search}`;
}

/** Check a `--base-url` value: an absolute http(s) URL without credentials, query or fragment. */
export function checkBaseUrl(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `not a URL: ${value}`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http(s) URL: ${value}`;
  if (u.username || u.password) return `must not contain credentials: ${u.origin}`;
  if (u.search || u.hash) return `must not have a query or fragment: ${value}`;
  return undefined;
}

/** A human list of prefixes for comments and messages. */
export function describeSources(requirements: readonly Requirement[]): string {
  return [...new Set(requirements.flatMap((r) => r.sources))].join(', ');
}
