/**
 * `scs-images init`: what the standard asks for (targets and their requirements) and what init
 * writes for it (drafts: definitions in the OIM wire format plus the comments explaining them).
 */
import type { ProvidedUntilFrom } from '../releases/distro-releases.js';
import type { EntryStatus } from '../spec/image-spec.js';
import type { NameMatcher } from '../spec/python-regex.js';

/**
 * The kinds of image init knows how to define; one output file each (`ubuntu.yml`, ...). The
 * standard asks for the first three; the others are written on request (`init --distro`).
 */
export const FAMILIES = ['ubuntu', 'debian', 'capi', 'almalinux', 'rocky', 'centos', 'opensuse'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * One thing a definition must satisfy: a v1 spec entry or a rule of the v2 draft. Presence: an
 * image named `name` (or, with `matcher`, one whose name the scheme matches); source: every image
 * the name (scheme) covers has an `image_source` starting with one of `sources`.
 */
export interface Requirement {
  /** Where it comes from, for comments and the summary: `scs-0104-v1-images-v5`, `scs-0104-v2 draft (2026-11-28)`. */
  origin: string;
  /** Why, in words: `latest Ubuntu LTS`; empty for v1 entries (the spec says nothing more). */
  why: string;
  status: EntryStatus;
  /** The exact name, or the label of the class when `matcher` is set. */
  name: string;
  /** `name_scheme` (Python `re.match` semantics) for classes of images. */
  matcher?: NameMatcher;
  sources: readonly string[];
}

/** A distribution release as init needs it (from data/distros/releases.json or the spec's prefixes). */
export interface ReleaseInfo {
  version: string;
  codename: string;
  /** YYYY-MM-DD or null when unknown. */
  endOfStandardSupport: string | null;
  /** End of the free LTS after it (Debian), when the data has one. */
  endOfLts?: string | null;
  /** Which date `provided_until` is taken from (data/distros/releases.json); absent = `standard`. */
  providedUntilFrom?: ProvidedUntilFrom;
}

/** One definition to write: every requirement it serves (several when v1 and v2 ask for the same image). */
export interface InitTarget {
  family: Family;
  /** A distribution: the image name (`Ubuntu 24.04`); CAPI: the base name (`ubuntu-capi-image`). */
  name: string;
  /** Distributions only (not CAPI). */
  release?: ReleaseInfo;
  requirements: Requirement[];
}

/** A requirement init leaves to the operator, and why. */
export interface Uncovered {
  requirement: Requirement;
  reason: string;
}

export interface InitOptions {
  /** YYYY-MM-DD: build_date and version label (YYYYMMDD) of the generated versions. */
  versionDate: string;
  /**
   * True when the operator named the build date (`--version-date`): Ubuntu versions then point at
   * that dated release directory. Otherwise at the moving "current release" URL, which exists on
   * every day (the label is only the day the file was written; `scs-images update` pins the build).
   */
  datedBuild: boolean;
  /** Kubernetes versions of the CAPI image (`v1.35.5`, or `v1.35` for the newest patch of a minor). */
  capiVersions: readonly string[];
  /** `--base-url family=URL`: download from here (`mirror_url`), keep the official `url`. */
  baseUrls: Partial<Record<Family, string>>;
}

/** A comment placed before a key (or before the image with path ''), dotted paths: `meta.provided_until`. */
export type CommentMap = Record<string, string>;

/** One image definition in the OIM wire format (snake_case keys, key order as written). */
export interface DraftImage {
  family: Family;
  target: InitTarget;
  image: Record<string, unknown>;
  comments: CommentMap;
}

/** One file to write. */
export interface DraftFile {
  family: Family;
  /** `ubuntu.yml`. */
  fileName: string;
  text: string;
  images: DraftImage[];
}
