import { InputError, InputErrors, type InputLocation } from '../errors.js';
import { isIsoDate } from './calendar.js';

/**
 * Release facts of the distributions scs-0104 v2 names, as versioned data (shipped as
 * `data/distros/releases.json`; the CLI reads the file, core only validates what it is given).
 *
 * Format version 1 (an integer): a document with another `formatVersion` is rejected, so a
 * change of meaning needs a new number. Unknown keys are errors (they are typos more often than
 * additions), except the free-text `comment`, `sources` and per-release `note`.
 */
export const DISTRO_RELEASES_FORMAT_VERSION = 1;

const RELEASE_DISTROS = ['ubuntu', 'debian'] as const;
export type ReleaseDistro = (typeof RELEASE_DISTROS)[number];

/**
 * Distributions that scs-0104 v2 does not name but `init`/`update` know: only their end of
 * support is used (validate's warning). Optional lists; a codename is optional for them.
 */
const SUPPORT_DISTROS = ['almalinux', 'rocky', 'centos', 'opensuse'] as const;
export type SupportDistro = (typeof SUPPORT_DISTROS)[number];
type AnyDistro = ReleaseDistro | SupportDistro;

export interface DistroRelease {
  /** `24.04` (Ubuntu, always `NN.NN`) or `13` (Debian, the major version). */
  version: string;
  /** Lower-case codename as it appears in the vendors' image URLs: `noble`, `trixie`. */
  codename: string;
  /** `YYYY-MM-DD`; null while the release has not shipped. */
  released: string | null;
  /** End of the vendor's standard (free) security support, `YYYY-MM-DD`; null if not announced. */
  endOfStandardSupport: string | null;
  /** End of the free long-term support after it (Debian LTS), `YYYY-MM-DD`; null if not announced. */
  endOfLts?: string | null;
  /**
   * Which date a definition's `provided_until` defaults to (init, adopt) and when validate warns
   * that the vendor no longer supports the release: `standard` (endOfStandardSupport, the
   * default) or `lts` (endOfLts: Debian, as OIM's definitions have it).
   */
  providedUntilFrom?: ProvidedUntilFrom;
  note?: string;
}

const PROVIDED_UNTIL_FROM = ['standard', 'lts'] as const;
export type ProvidedUntilFrom = (typeof PROVIDED_UNTIL_FROM)[number];

/** The date a definition's `provided_until` defaults to: the end of the free support the release's `providedUntilFrom` names. */
export function providedUntilOf(release: Pick<DistroRelease, 'endOfStandardSupport' | 'endOfLts' | 'providedUntilFrom'>): string | null {
  return release.providedUntilFrom === 'lts' ? (release.endOfLts ?? null) : release.endOfStandardSupport;
}

/** What `providedUntilFrom` means, for the messages and comments that name the date. */
export function providedUntilSource(release: Pick<DistroRelease, 'providedUntilFrom'>): string {
  return release.providedUntilFrom === 'lts' ? "end of the vendor's free long-term support (LTS)" : "end of the vendor's standard security support";
}

export interface UbuntuRelease extends DistroRelease {
  /** A long-term-support release (every two years, in April of even years). */
  lts: boolean;
}

/** Debian has no LTS flag in this data: every Debian release is a stable release. */
export type DebianRelease = DistroRelease;

export interface DistroReleases {
  formatVersion: typeof DISTRO_RELEASES_FORMAT_VERSION;
  comment?: string;
  sources: string[];
  /** Sorted by version, oldest first. */
  ubuntu: readonly UbuntuRelease[];
  /** Sorted by version, oldest first. */
  debian: readonly DebianRelease[];
  /** AlmaLinux, Rocky Linux (major versions), CentOS (Linux 7 and Stream), openSUSE Leap (`16.0`); codename may be ''. */
  almalinux: readonly DistroRelease[];
  rocky: readonly DistroRelease[];
  centos: readonly DistroRelease[];
  opensuse: readonly DistroRelease[];
}

const MAJOR = { re: /^[1-9]\d?$/, form: 'the major version (e.g. 10)' };
const VERSION_FORMS: Record<AnyDistro, { re: RegExp; form: string }> = {
  ubuntu: { re: /^\d{2}\.\d{2}$/, form: 'NN.NN (e.g. 24.04)' },
  debian: { re: /^[1-9]\d?$/, form: 'the major version (e.g. 13)' },
  almalinux: MAJOR,
  rocky: MAJOR,
  centos: MAJOR,
  opensuse: { re: /^\d{2}\.\d$/, form: 'NN.N (e.g. 16.0)' },
};

const TOP_KEYS = new Set(['formatVersion', 'comment', 'sources', 'ubuntu', 'debian', ...SUPPORT_DISTROS]);
const PLAIN_KEYS = new Set(['version', 'codename', 'released', 'endOfStandardSupport', 'endOfLts', 'providedUntilFrom', 'note']);
const RELEASE_KEYS: Record<AnyDistro, Set<string>> = {
  ubuntu: new Set(['version', 'codename', 'released', 'lts', 'endOfStandardSupport', 'endOfLts', 'providedUntilFrom', 'note']),
  debian: PLAIN_KEYS,
  almalinux: PLAIN_KEYS,
  rocky: PLAIN_KEYS,
  centos: PLAIN_KEYS,
  opensuse: PLAIN_KEYS,
};
const isSupportDistro = (d: AnyDistro): d is SupportDistro => (SUPPORT_DISTROS as readonly string[]).includes(d);

/** Compare release versions numerically, part by part (`9` < `10`, `16.10` < `17.04`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validate release data: the JSON text or the already parsed value. Returns the releases sorted by
 * version; throws InputError (one problem) or InputErrors (several), each naming the field.
 *
 * Checked: the format version; per release the version form, a lower-case codename, dates that are
 * real calendar days or null, `lts` (Ubuntu only), no duplicate versions or codenames, end of
 * support after the release, release dates rising with the version, and no released version after
 * an unreleased one.
 */
export function parseDistroReleases(json: unknown, file = 'releases.json'): DistroReleases {
  let doc = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json) as unknown;
    } catch (e) {
      throw new InputError({ file }, `not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isRecord(doc)) throw new InputError({ file }, 'not distro release data: expected an object with formatVersion, ubuntu and debian');
  const at = (field: string): InputLocation => ({ file, field });
  if (doc['formatVersion'] !== DISTRO_RELEASES_FORMAT_VERSION) {
    throw new InputError(
      at('formatVersion'),
      `unsupported format version: expected ${DISTRO_RELEASES_FORMAT_VERSION}, received ${JSON.stringify(doc['formatVersion'])}`,
    );
  }
  const errors: InputError[] = [];
  const fail = (field: string, problem: string) => errors.push(new InputError(at(field), problem));

  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) fail(key, 'unknown key');
  const comment = doc['comment'];
  if (comment !== undefined && typeof comment !== 'string') fail('comment', 'must be a string');
  const sources = doc['sources'] ?? [];
  if (!Array.isArray(sources) || sources.some((s) => typeof s !== 'string')) fail('sources', 'must be a list of strings');

  const ubuntu = parseList(doc, 'ubuntu', fail) as UbuntuRelease[];
  const debian = parseList(doc, 'debian', fail);
  const support = Object.fromEntries(SUPPORT_DISTROS.map((d) => [d, doc[d] === undefined ? [] : parseList(doc, d, fail)])) as Record<
    SupportDistro,
    DistroRelease[]
  >;

  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InputErrors(errors);
  return {
    formatVersion: DISTRO_RELEASES_FORMAT_VERSION,
    ...(typeof comment === 'string' ? { comment } : {}),
    sources: sources as string[],
    ubuntu,
    debian,
    ...support,
  };
}

function parseList(doc: Record<string, unknown>, distro: AnyDistro, fail: (field: string, problem: string) => void): DistroRelease[] {
  const list = doc[distro];
  if (!Array.isArray(list)) {
    fail(distro, list === undefined ? 'missing: expected a list of releases' : 'must be a list of releases');
    return [];
  }
  const out: Array<{ release: DistroRelease; field: string }> = [];
  list.forEach((raw: unknown, i) => {
    const field = `${distro}[${i}]`;
    const release = parseRelease(raw, distro, field, fail);
    if (release) out.push({ release, field });
  });

  const seenVersions = new Map<string, string>();
  const seenCodenames = new Map<string, string>();
  for (const { release, field } of out) {
    const v = seenVersions.get(release.version);
    if (v !== undefined) fail(`${field}.version`, `duplicate version ${release.version} (also ${v})`);
    else seenVersions.set(release.version, field);
    const c = release.codename === '' ? undefined : seenCodenames.get(release.codename);
    if (c !== undefined) fail(`${field}.codename`, `duplicate codename '${release.codename}' (also ${c})`);
    else seenCodenames.set(release.codename, field);
  }

  out.sort((a, b) => compareVersions(a.release.version, b.release.version));
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const cur = out[i]!;
    if (prev.release.released === null && cur.release.released !== null) {
      fail(`${cur.field}.released`, `${distro} ${cur.release.version} is released but the older ${prev.release.version} is not`);
    } else if (prev.release.released !== null && cur.release.released !== null && cur.release.released < prev.release.released) {
      fail(
        `${cur.field}.released`,
        `${distro} ${cur.release.version} (${cur.release.released}) is dated before the older ${prev.release.version} (${prev.release.released})`,
      );
    }
  }
  return out.map((o) => o.release);
}

function parseRelease(raw: unknown, distro: AnyDistro, field: string, fail: (field: string, problem: string) => void): DistroRelease | undefined {
  if (!isRecord(raw)) {
    fail(field, 'must be an object with version, codename, released and endOfStandardSupport');
    return undefined;
  }
  let ok = true;
  const bad = (key: string, problem: string) => {
    fail(`${field}.${key}`, problem);
    ok = false;
  };
  for (const key of Object.keys(raw)) if (!RELEASE_KEYS[distro].has(key)) bad(key, 'unknown key');

  const { version, codename, released, endOfStandardSupport, endOfLts, providedUntilFrom, note, lts } = raw;
  const form = VERSION_FORMS[distro];
  if (typeof version !== 'string' || !form.re.test(version)) bad('version', `must be a string of the form ${form.form}, got ${JSON.stringify(version)}`);
  if (isSupportDistro(distro)) {
    if (codename !== undefined && typeof codename !== 'string') bad('codename', `must be a string, got ${JSON.stringify(codename)}`);
  } else if (typeof codename !== 'string' || !/^[a-z]+$/.test(codename))
    bad('codename', `must be a lower-case word (e.g. noble), got ${JSON.stringify(codename)}`);
  for (const [key, value] of [
    ['released', released],
    ['endOfStandardSupport', endOfStandardSupport],
  ] as const) {
    if (value === undefined) bad(key, 'missing: give a YYYY-MM-DD date or null');
    else if (value !== null && !isIsoDate(value)) bad(key, `must be a YYYY-MM-DD calendar day or null, got ${JSON.stringify(value)}`);
  }
  if (endOfLts !== undefined && endOfLts !== null && !isIsoDate(endOfLts))
    bad('endOfLts', `must be a YYYY-MM-DD calendar day or null, got ${JSON.stringify(endOfLts)}`);
  if (providedUntilFrom !== undefined && !(PROVIDED_UNTIL_FROM as readonly unknown[]).includes(providedUntilFrom))
    bad('providedUntilFrom', `must be one of ${PROVIDED_UNTIL_FROM.join(', ')}, got ${JSON.stringify(providedUntilFrom)}`);
  else if (providedUntilFrom === 'lts' && endOfLts === undefined)
    bad('endOfLts', "missing: providedUntilFrom 'lts' needs endOfLts (a YYYY-MM-DD date or null)");
  if (note !== undefined && typeof note !== 'string') bad('note', 'must be a string');
  if (distro === 'ubuntu' && typeof lts !== 'boolean') bad('lts', `must be true or false, got ${JSON.stringify(lts)}`);
  if (!ok) return undefined;

  const release: DistroRelease = {
    version: version as string,
    codename: typeof codename === 'string' ? codename : '',
    released: released as string | null,
    endOfStandardSupport: endOfStandardSupport as string | null,
    ...(endOfLts !== undefined ? { endOfLts: endOfLts as string | null } : {}),
    ...(providedUntilFrom !== undefined ? { providedUntilFrom: providedUntilFrom as ProvidedUntilFrom } : {}),
    ...(typeof note === 'string' ? { note } : {}),
  };
  if (typeof endOfLts === 'string' && release.endOfStandardSupport !== null && endOfLts < release.endOfStandardSupport)
    fail(`${field}.endOfLts`, `${endOfLts} is before the end of standard support ${release.endOfStandardSupport}`);
  if (release.endOfStandardSupport !== null) {
    if (release.released === null) fail(`${field}.endOfStandardSupport`, 'set, but the release has no release date');
    else if (release.endOfStandardSupport <= release.released)
      fail(`${field}.endOfStandardSupport`, `${release.endOfStandardSupport} is not after the release date ${release.released}`);
  }
  if (distro !== 'ubuntu') return release;
  const ubuntu: UbuntuRelease = { ...release, lts: lts as boolean };
  return ubuntu;
}
