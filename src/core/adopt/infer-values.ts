/**
 * What can be said about one existing image's SCS-0102 values, from what it already carries: its
 * name, its properties, `created_at` and the distributions' release data. Pure.
 *
 * A value is either found on the image (`found`), inferred (`inferred`, with the reason, shown
 * to the operator before anything is written), or missing (with what would settle it). Nothing is
 * guessed: a property that describes the image's content (distro, version, architecture, origin)
 * is only inferred from something that names it; the promises the operator makes
 * (`replace_frequency`, `uuid_validity`, `provided_until`) default to the ones that promise nothing
 * beyond what the release data says.
 */
import { CATALOG, fillTemplate } from '../init/catalog.js';
import { providedUntilOf, providedUntilSource, type DistroReleases } from '../releases/distro-releases.js';
import type { Image } from '../images/image.js';

export type ValueOrigin = 'found' | 'given' | 'inferred';

export interface Proposal {
  value: string;
  origin: ValueOrigin;
  /** Why this value (for an inferred one: from what). */
  why: string;
}

export interface InferredImage {
  image: Image;
  /** Property → proposed value. */
  values: Record<string, Proposal>;
  /** Property → what would settle it (the operator must give it). */
  missing: Record<string, string>;
  /** The build date as YYYYMMDD when the name carries it (for the vendor URL). */
  nameDate?: string;
}

const DISTRO_WORDS: readonly [RegExp, string][] = [
  [/ubuntu/, 'ubuntu'],
  [/debian/, 'debian'],
  [/centos/, 'centos'],
  [/rocky/, 'rocky'],
  [/alma/, 'almalinux'],
  [/fedora/, 'fedora'],
  [/cirros/, 'cirros'],
  [/opensuse/, 'opensuse'],
  [/flatcar/, 'flatcar'],
  [/freebsd/, 'freebsd'],
];

const ARCH_WORDS: readonly [RegExp, string][] = [
  [/(^|[^a-z0-9])(amd64|x86_64|x86-64|x64)([^a-z0-9]|$)/, 'x86_64'],
  [/(^|[^a-z0-9])(arm64|aarch64)([^a-z0-9]|$)/, 'aarch64'],
  [/(^|[^a-z0-9])(riscv64|risc-v)([^a-z0-9]|$)/, 'risc-v'],
];

const HW_ARCH: Readonly<Record<string, string>> = { x86_64: 'x86_64', amd64: 'x86_64', aarch64: 'aarch64', arm64: 'aarch64', riscv64: 'risc-v' };

const str = (image: Image, key: string): string | undefined => {
  const v = image.properties[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** `ubuntu-noble-20240423` → `20240423`; `Ubuntu 24.04 (20240423)` → `20240423`. */
export function dateInName(name: string): string | undefined {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?:[^0-9]|$)/.exec(name);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

interface DistroGuess {
  distro: string;
  version?: string;
  codename?: string;
  from: string;
}

/** A distro named in `text` (a name or a URL), with its version from the digits after it or a codename. */
export function distroIn(text: string, releases: DistroReleases, from: string): DistroGuess | undefined {
  const lower = text.toLowerCase();
  const hit = DISTRO_WORDS.find(([re]) => re.test(lower));
  for (const [family, list] of [['ubuntu', releases.ubuntu] as const, ['debian', releases.debian] as const]) {
    const release = list.find((r) => new RegExp(`(^|[^a-z])${r.codename}([^a-z]|$)`).test(lower));
    if (release && (!hit || hit[1] === family)) return { distro: family, version: release.version, codename: release.codename, from };
  }
  if (!hit) return undefined;
  const [re, distro] = hit;
  const after = lower.slice((re.exec(lower)?.index ?? 0) + (re.exec(lower)?.[0].length ?? 0));
  const m = /^[a-z]*[\s_-]*(?:stream[\s_-]*|linux[\s_-]*)?v?(\d+(?:\.\d+){0,2})(?![0-9])/.exec(after);
  const guess: DistroGuess = { distro, from };
  if (m?.[1] && !/^\d{8}$/.test(m[1])) guess.version = distro === 'debian' ? String(Number.parseInt(m[1], 10)) : m[1];
  if (guess.version && (distro === 'ubuntu' || distro === 'debian')) {
    const release = (distro === 'ubuntu' ? releases.ubuntu : releases.debian).find((r) => r.version === guess.version);
    if (release) guess.codename = release.codename;
  }
  return guess;
}

function archIn(text: string): string | undefined {
  const lower = text.toLowerCase();
  return ARCH_WORDS.find(([re]) => re.test(lower))?.[1];
}

const isoDate = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** Everything that can be said about one image; `given` (from --set / --values) wins over all. */
export function inferImage(image: Image, releases: DistroReleases, given: Readonly<Record<string, string>> = {}): InferredImage {
  const values: Record<string, Proposal> = {};
  const missing: Record<string, string> = {};
  const found = (key: string): boolean => {
    const g = given[key];
    if (g !== undefined) {
      values[key] = { value: g, origin: 'given', why: 'given by you' };
      return true;
    }
    const v = str(image, key);
    if (v !== undefined) values[key] = { value: v, origin: 'found', why: 'as on the image' };
    return v !== undefined;
  };
  const propose = (key: string, value: string, why: string): void => {
    values[key] = { value, origin: 'inferred', why };
  };

  const source = str(image, 'image_source');
  const fromName = distroIn(image.name, releases, `the name '${image.name}'`);
  const fromSource = source && source !== 'private' ? distroIn(source, releases, `image_source ${source}`) : undefined;
  const disagree = fromName && fromSource && fromName.distro !== fromSource.distro;
  const guess = disagree ? undefined : (fromName ?? fromSource);

  if (!found('os_distro')) {
    if (disagree) missing['os_distro'] = `the name names ${fromName.distro} but image_source names ${fromSource.distro}`;
    else if (guess) propose('os_distro', guess.distro, `from ${guess.from}`);
    else missing['os_distro'] = `neither the name '${image.name}' nor image_source names a distribution`;
  }
  const distro = values['os_distro']?.value;
  const version = guess?.distro === distro ? (guess?.version ?? (fromSource?.distro === distro ? fromSource?.version : undefined)) : undefined;
  if (!found('os_version')) {
    if (version) propose('os_version', version, `from ${guess?.from}`);
    else missing['os_version'] = `no release of ${distro ?? 'the distribution'} is named in '${image.name}' or image_source`;
  }

  if (!found('architecture')) {
    const hw = str(image, 'hw_architecture');
    const named = archIn(image.name) ?? (source ? archIn(source) : undefined);
    if (hw && HW_ARCH[hw]) propose('architecture', HW_ARCH[hw] as string, `from hw_architecture ${hw}`);
    else if (named) propose('architecture', named, `named in ${archIn(image.name) ? 'the name' : 'image_source'}`);
    else missing['architecture'] = 'no hw_architecture property, and neither the name nor image_source names one (x86_64, aarch64, risc-v)';
  }

  const nameDate = dateInName(image.name);
  const codename = guess?.codename;
  if (!found('image_source')) {
    const catalog = distro === 'ubuntu' ? CATALOG.ubuntu : undefined;
    const template = catalog?.dated.find((t) => t.image.includes('/{codename}/{date}/'));
    if (template && codename && nameDate && values['architecture']?.value === 'x86_64') {
      propose(
        'image_source',
        fillTemplate(template.image, { codename, date: nameDate, version: values['os_version']?.value ?? '' }),
        `the vendor's URL of the ${nameDate} build`,
      );
    } else {
      missing['image_source'] =
        distro === 'ubuntu' || distro === 'debian'
          ? `the vendor URL needs ${distro === 'debian' ? 'the build serial Debian puts in its directories' : 'the build date in the name'}${values['architecture']?.value !== 'x86_64' && distro === 'ubuntu' ? ' and the amd64 architecture' : ''}; give the URL the image came from (or 'private')`
          : "give the URL the image came from (or 'private' for an image built in-house)";
    }
  }

  if (!found('image_build_date')) {
    const internal = str(image, 'internal_version');
    const date = nameDate ?? (internal && /^\d{8}$/.test(internal) ? internal : undefined);
    if (date) propose('image_build_date', isoDate(date), `the build date in the ${nameDate ? 'name' : 'internal_version'}`);
    else if (image.createdAt) propose('image_build_date', image.createdAt.slice(0, 10), 'the day it was uploaded (created_at): the build is at most that old');
  }

  if (!found('image_original_user')) {
    const login = distro === 'ubuntu' || distro === 'debian' ? CATALOG[distro].login : undefined;
    if (login) propose('image_original_user', login, `the user the vendor's ${distro} cloud images log in as`);
    else propose('image_original_user', 'none', 'no default user is known (as OIM writes for a definition without login)');
  }
  if (!found('image_description')) propose('image_description', image.name, "the image's name (as OIM describes an image)");

  const release = distro === 'ubuntu' ? releases.ubuntu : distro === 'debian' ? releases.debian : undefined;
  const facts = release?.find((r) => r.version === values['os_version']?.value);
  if (!found('provided_until')) {
    const until = facts ? providedUntilOf(facts) : null;
    if (facts && until) propose('provided_until', until, `${providedUntilSource(facts)} of ${distro} ${facts.version} (release data)`);
    else propose('provided_until', 'none', 'no end date is promised (the release data knows none)');
  }
  if (!found('replace_frequency'))
    propose('replace_frequency', 'never', 'an uploaded image is not replaced on a schedule; set quarterly once `scs-images update` keeps it current');
  if (!found('uuid_validity')) {
    const supported = facts ? providedUntilOf(facts) : null;
    if (supported) propose('uuid_validity', supported, 'the UUID stays valid while the release is supported');
    else propose('uuid_validity', 'none', 'no promise about how long the UUID stays');
  }

  const out: InferredImage = { image, values, missing };
  if (nameDate) out.nameDate = nameDate;
  return out;
}
