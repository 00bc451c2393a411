import { imageRef, type Image } from '../../images/image.js';
import { advisoryMessage, type Reading } from '../advisory.js';
import { decideOfficialCrashes, type OfficialCrash, type ReadingOptions } from '../official-aborts.js';
import type { Finding, Requirement, TestcaseResult, Verdict } from '../result.js';
import { requireIsoDate } from '../../releases/calendar.js';
import {
  CAPI_IMAGE_DESCRIPTION,
  CAPI_NAME_MATCHER,
  CAPI_NAME_SCHEME,
  CAPI_OS_PURPOSE,
  CAPI_PRESENCE_MATCHER,
  CAPI_PRESENCE_SCHEME,
  CAPI_SOURCE_PREFIXES,
} from './capi.js';
import type { DistroReleases, ReleaseDistro } from '../../releases/distro-releases.js';
import { codenamesIn, genericDistro, GENERIC_PURPOSE, isGenericImageOf, OFFICIAL_VENDOR_PREFIXES, readOsVersion, releaseOf } from './generic-images.js';
import { requiredUbuntuLts } from '../../releases/lts-calendar.js';
import { releaseLabel, resolveTargets, type ReleaseTargets, type TrackResolution } from '../../releases/targets.js';
import { vendorPrefixes } from '../../releases/vendor-sources.js';
import { isScs0104V2TestcaseId, SCS_0104_V2_TESTCASES, type Scs0104V2Testcase } from './testcases.js';

export interface CheckStandardImagesV2Options extends ReadingOptions {
  /** The check day, `YYYY-MM-DD`: decides which Ubuntu LTS and Debian stable are the latest. */
  today: string;
  /** Release facts (see parseDistroReleases; the CLI reads data/distros/releases.json). */
  releases: DistroReleases;
  /** Run only these testcases (in table order); default all. Unknown ids throw a RangeError. */
  testcases?: readonly string[];
}

/**
 * scs-0104 v2 (Draft): one result per testcase of SCS_0104_V2_TESTCASES.
 *
 * `images` are the images already selected for checking (see selectImages): the standard counts
 * public and community images, and hidden (`os_hidden`) images are left out by the caller, as
 * Glance's default listing does. Nothing here filters by visibility or `hidden`.
 *
 * Verdicts: the source and CAPI property testcases FAIL on any violating image; the presence
 * testcases FAIL when no matching image exists and ABORT when the release data has no release to
 * ask for on `today`. Findings of level `info` (near misses, the next release) and `warning`
 * (unverifiable codename, possibly outdated release data) never change a verdict.
 */
export function checkStandardImagesV2(images: readonly Image[], opts: CheckStandardImagesV2Options): TestcaseResult[] {
  const today = requireIsoDate(opts.today, 'today');
  const targets = resolveTargets(opts.releases, today);
  return selectTestcases(opts.testcases).map((testcase) => {
    const outcome = run(testcase, images, opts.releases, targets);
    const result: TestcaseResult = {
      id: testcase.id,
      description: outcome.description ?? testcase.description,
      requirement: testcase.requirement,
      verdict: outcome.verdict,
      findings: outcome.findings,
      images: outcome.looked.map(imageRef),
      ...(outcome.entry !== undefined ? { entry: outcome.entry } : {}),
    };
    return decideOfficialCrashes(result, outcome.crashes ?? [], opts);
  });
}

function selectTestcases(ids: readonly string[] | undefined): Scs0104V2Testcase[] {
  if (ids === undefined) return [...SCS_0104_V2_TESTCASES];
  const unknown = ids.filter((id) => !isScs0104V2TestcaseId(id));
  if (unknown.length > 0) throw new RangeError(`unknown scs-0104 v2 testcase id(s): ${unknown.join(', ')}`);
  const wanted = new Set(ids);
  return SCS_0104_V2_TESTCASES.filter((t) => wanted.has(t.id));
}

interface Outcome {
  verdict: Verdict;
  findings: Finding[];
  looked: readonly Image[];
  description?: string;
  entry?: string;
  /** Where the official test raises on these images (see ../official-aborts.ts). */
  crashes?: OfficialCrash[];
}

function run(testcase: Scs0104V2Testcase, images: readonly Image[], releases: DistroReleases, targets: ReleaseTargets): Outcome {
  switch (testcase.id) {
    case 'scs-0104-v2-source-generic':
      return checkGenericSources(images, releases);
    case 'scs-0104-v2-capi-properties':
      return checkCapiProperties(images);
    case 'scs-0104-v2-ubuntu-lts-latest':
      return checkUbuntuLtsLatest(testcase, images, releases, targets.today);
    case 'scs-0104-v2-ubuntu-lts-previous':
      return checkPresence(testcase, images, targets.ubuntuLts, 'previous', targets.today);
    case 'scs-0104-v2-debian-stable-latest':
      return checkPresence(testcase, images, targets.debianStable, 'latest', targets.today);
    case 'scs-0104-v2-debian-stable-previous':
      return checkPresence(testcase, images, targets.debianStable, 'previous', targets.today);
    case 'scs-0104-v2-capi-present':
      return checkCapiPresence(testcase, images);
  }
}

// ---------------------------------------------------------------------------------------------
// messages

/** `Image 'Ubuntu 24.04' (6f1c…)`: how every message names an image. */
function label(image: Image): string {
  return `Image '${image.name}' (${image.id})`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function violation(image: Image, property: string, message: string, expected: readonly string[]): Finding {
  const value = image.properties[property];
  return {
    level: 'error',
    message,
    image: imageRef(image),
    property,
    ...(value !== undefined ? { value } : {}),
    expected: [...expected],
  };
}

function note(level: 'warning' | 'info', message: string, image?: Image): Finding {
  return { level, message, ...(image ? { image: imageRef(image) } : {}) };
}

/** Another reading of the rule (see ../advisory.ts): never changes the verdict. */
function advisory(reading: Reading, message: string, image?: Image): Finding {
  return note('info', advisoryMessage(reading, message), image);
}

/** Why a value is not a string starting with one of the prefixes, or undefined if it is. */
function prefixProblem(property: string, value: unknown, prefixes: readonly string[]): string | undefined {
  if (value === undefined || value === null) return `has no ${property} property`;
  if (typeof value !== 'string') return `has a non-string ${property} (${show(value)})`;
  if (value === '') return `has an empty ${property}`;
  if (prefixes.some((p) => value.startsWith(p))) return undefined;
  return `has ${property} '${value}', which starts with none of the allowed prefixes`;
}

// ---------------------------------------------------------------------------------------------
// scs-0104-v2-source-generic

/**
 * As the official test: every generic Debian/Ubuntu image's image_source starts with the vendor's
 * prefix (a missing one counts as ''). The codename folder that the standard's table names is
 * checked too, but only as an advisory (--explain): it never changes the verdict.
 */
function checkGenericSources(images: readonly Image[], releases: DistroReleases): Outcome {
  const looked = images.filter((img) => genericDistro(img) !== undefined);
  const findings: Finding[] = [];
  let failed = false;
  for (const img of looked) {
    const distro = genericDistro(img) as ReleaseDistro;
    const source = img.properties['image_source'];
    const bases = OFFICIAL_VENDOR_PREFIXES[distro];
    const problem = prefixProblem('image_source', source, bases);
    if (problem !== undefined) {
      failed = true;
      findings.push(violation(img, 'image_source', `${label(img)}, a generic ${distro} image, ${problem}; allowed prefixes: ${bases.join(', ')}`, bases));
      continue;
    }
    const codename = codenameAdvice(img, distro, source as string, releases);
    if (codename) findings.push(advisory('standard', codename, img));
  }
  return { verdict: failed ? 'FAIL' : 'PASS', findings, looked };
}

/** Why the standard's table (`…/{codename}/`) would not accept this source, or undefined. */
function codenameAdvice(img: Image, distro: ReleaseDistro, source: string, releases: DistroReleases): string | undefined {
  const osVersion = img.properties['os_version'];
  const reading = readOsVersion(distro, osVersion);
  const release = reading.kind === 'release' ? releaseOf(releases, distro, reading.version) : undefined;
  if (!release) {
    const why =
      reading.kind === 'release'
        ? `the release data has no ${distro} ${reading.version}`
        : `os_version ${osVersion === undefined ? '(missing)' : show(osVersion)} names no ${distro} release`;
    return `${label(img)}: ${why}, so the codename folder of its image_source ${show(source)} could not be compared with the standard's table`;
  }
  const expected = vendorPrefixes(distro, release.codename);
  if (expected.some((p) => source.startsWith(p))) return undefined;
  const wrong = codenamesIn(source, releases, distro).filter((r) => r.codename !== release.codename);
  const hint = wrong.length > 0 ? ` (it points at ${wrong.map((r) => releaseLabel(distro, r)).join(', ')})` : '';
  return `${label(img)}, a generic ${releaseLabel(distro, release)} image, has image_source ${show(source)}${hint}; the standard's table names ${expected.join(' or ')}`;
}

// ---------------------------------------------------------------------------------------------
// scs-0104-v2-capi-properties

function checkCapiProperties(images: readonly Image[]): Outcome {
  const looked = images.filter((img) => CAPI_NAME_MATCHER.matches(img.name));
  const findings: Finding[] = [];
  for (const img of looked) {
    const source = img.properties['image_source'];
    const problem = prefixProblem('image_source', source, CAPI_SOURCE_PREFIXES);
    if (problem !== undefined) {
      findings.push(
        violation(img, 'image_source', `${label(img)}, a CAPI image, ${problem}; allowed prefixes: ${CAPI_SOURCE_PREFIXES.join(', ')}`, CAPI_SOURCE_PREFIXES),
      );
    }
    for (const [property, wanted] of [
      ['os_purpose', CAPI_OS_PURPOSE],
      ['image_description', CAPI_IMAGE_DESCRIPTION],
    ] as const) {
      const value = img.properties[property];
      if (value === wanted) continue;
      const found = value === undefined ? `has no ${property} property` : `has ${property} ${show(value)}`;
      findings.push(violation(img, property, `${label(img)}, a CAPI image, ${found}; required: ${property}=${wanted}`, [wanted]));
    }
  }
  if (looked.length > 0) {
    findings.push(
      advisory(
        'official',
        `the official test's CAPI name pattern carries a doubled backslash and matches no real CAPI image name, so it checks none of the ${looked.length} image(s) this check looked at`,
      ),
    );
  }
  const failed = findings.some((f) => f.level === 'error');
  return { verdict: failed ? 'FAIL' : 'PASS', findings, looked, crashes: unnamedCrashes(images) };
}

/**
 * The official test matches the CAPI pattern against every name; a missing name (None) makes it
 * raise, so the testcase ABORTs (FAIL with the strict reading).
 */
function unnamedCrashes(images: readonly Image[]): OfficialCrash[] {
  return images
    .filter((img) => img.nameMissing)
    .map((img) => ({ image: imageRef(img), problem: `Image ${img.id} has no name`, why: 'its name pattern cannot read a missing name' }));
}

// ---------------------------------------------------------------------------------------------
// presence of the latest / previous Ubuntu LTS and Debian stable

function checkPresence(testcase: Scs0104V2Testcase, images: readonly Image[], track: TrackResolution, which: 'latest' | 'previous', today: string): Outcome {
  const findings: Finding[] = [];
  if (track.stale !== undefined) findings.push(note('warning', track.stale));
  const target = track[which];
  if (!target) {
    const reason =
      which === 'latest' || !track.latest
        ? `the release data has no ${track.track} release that is due by ${today}`
        : `the release data has no ${track.track} release before ${releaseLabel(track.distro, track.latest.release)}`;
    findings.unshift({ level: 'error', message: `Cannot decide: ${reason}` });
    return { verdict: 'ABORT', findings, looked: [] };
  }

  const { distro, release } = target;
  const wanted = releaseLabel(distro, release);
  const matches = images.filter((img) => isGenericImageOf(img, distro, release.version));
  const description = `${testcase.description} As of ${today}: ${wanted}.`;
  const expected = [`os_distro=${distro}`, `os_version=${release.version}`, `os_purpose=${GENERIC_PURPOSE}`];

  if (matches.length === 0) {
    findings.unshift({
      level: levelFor(testcase.requirement),
      message:
        `Missing ${testcase.requirement === 'mandatory' ? 'required' : 'recommended'} image: no image with ${expected.join(', ')} ` +
        `among the checked images (${wanted} is the ${which} ${track.track} release as of ${today})`,
      expected,
    });
    for (const img of images) {
      const miss = nearMiss(img, distro, release.version);
      if (miss) findings.push(note('info', `${label(img)} ${miss}, so it does not count`, img));
    }
  }
  if (which === 'latest' && track.next) {
    const next = releaseLabel(track.next.distro, track.next.release);
    findings.push(
      note('info', track.next.since === null ? `${next} is not released yet` : `${next} becomes the latest ${track.track} release on ${track.next.since}`),
    );
  }
  return { verdict: matches.length > 0 ? 'PASS' : 'FAIL', findings, looked: matches, description, entry: wanted };
}

/**
 * The required current Ubuntu LTS, as the official test decides it: by the calendar (see
 * lts-calendar.ts), os_version compared as text (`24.04.1` is not `24.04`).
 */
function checkUbuntuLtsLatest(testcase: Scs0104V2Testcase, images: readonly Image[], releases: DistroReleases, today: string): Outcome {
  const rule = requiredUbuntuLts(today);
  const known = releaseOf(releases, 'ubuntu', rule.current);
  const wanted = known ? releaseLabel('ubuntu', known) : `Ubuntu ${rule.current}`;
  const generic = images.filter((img) => genericDistro(img) === 'ubuntu');
  const matches = generic.filter((img) => rule.accepted.includes(img.properties['os_version'] as string));
  const findings: Finding[] = [];
  const expected = ['os_distro=ubuntu', `os_version=${rule.accepted.join(' or ')}`, `os_purpose=${GENERIC_PURPOSE}`];
  const graceNote = rule.grace ? ` (until April 30 of ${today.slice(0, 4)} also Ubuntu ${rule.accepted[1]})` : '';
  if (matches.length === 0) {
    findings.push({
      level: levelFor(testcase.requirement),
      message: `Missing required image: no image with ${expected.join(', ')} among the checked images (${wanted} is the current LTS as of ${today}${graceNote})`,
      expected,
    });
    for (const img of images) {
      const miss = nearMiss(img, 'ubuntu', rule.current) ?? textMiss(img, rule.accepted);
      if (miss) findings.push(note('info', `${label(img)} ${miss}, so it does not count`, img));
    }
  }
  if (rule.officialCodeDemand !== rule.current) {
    findings.push(
      advisory(
        'official',
        `the official test's year arithmetic asks for Ubuntu ${rule.officialCodeDemand} in ${today.slice(0, 4)}, a release that does not exist, so it fails this testcase on every cloud; this check asks for Ubuntu ${rule.current}`,
      ),
    );
  } else if (rule.grace && matches.length > 0 && !matches.some((img) => img.properties['os_version'] === rule.current)) {
    findings.push(
      advisory(
        'official',
        `the official test's grace period never applies, so it asks for Ubuntu ${rule.current} already; this check accepts Ubuntu ${rule.accepted[1]} until April 30`,
      ),
    );
  }
  return {
    verdict: matches.length > 0 ? 'PASS' : 'FAIL',
    findings,
    looked: matches,
    description: `${testcase.description} As of ${today}: Ubuntu ${rule.accepted.join(' or ')}.`,
    entry: wanted,
  };
}

/** A generic Ubuntu image whose os_version names the release but not in the exact text the rule compares. */
function textMiss(img: Image, accepted: readonly string[]): string | undefined {
  if (genericDistro(img) !== 'ubuntu') return undefined;
  const value = img.properties['os_version'];
  const reading = readOsVersion('ubuntu', value);
  if (reading.kind !== 'release' || !accepted.includes(reading.version)) return undefined;
  return `has os_version ${show(value)}, which the rule compares as text with ${accepted.map((v) => `'${v}'`).join(' or ')}`;
}

function levelFor(requirement: Requirement): Finding['level'] {
  return requirement === 'mandatory' ? 'error' : 'warning';
}

/** Why an image that looks like the wanted release is not a generic image of it (or undefined). */
function nearMiss(img: Image, distro: ReleaseDistro, version: string): string | undefined {
  const p = img.properties;
  const osDistro = p['os_distro'];
  if (typeof osDistro !== 'string' || osDistro.toLowerCase() !== distro) return undefined;
  const reading = readOsVersion(distro, p['os_version']);
  if (reading.kind !== 'release' || reading.version !== version) return undefined;
  const reasons: string[] = [];
  if (osDistro !== distro) reasons.push(`os_distro is '${osDistro}', not '${distro}'`);
  if (p['os_purpose'] !== GENERIC_PURPOSE) {
    reasons.push(p['os_purpose'] === undefined ? 'has no os_purpose (generic required)' : `has os_purpose ${show(p['os_purpose'])}, not 'generic'`);
  }
  return reasons.length > 0 ? `is ${distro} ${version} but ${reasons.join(' and ')}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// scs-0104-v2-capi-present

function checkCapiPresence(testcase: Scs0104V2Testcase, images: readonly Image[]): Outcome {
  const matches = images.filter((img) => CAPI_PRESENCE_MATCHER.matches(img.name));
  const findings: Finding[] = [];
  if (matches.length === 0) {
    findings.push({
      level: levelFor(testcase.requirement),
      message: `Missing recommended image: no image whose name matches '${CAPI_PRESENCE_SCHEME}' among the checked images`,
      expected: [CAPI_PRESENCE_SCHEME],
    });
    for (const img of images) {
      if (CAPI_NAME_MATCHER.matches(img.name)) {
        findings.push(note('info', `${label(img)} matches '${CAPI_NAME_SCHEME}' but not the dash form the presence rule names, so it does not count`, img));
      }
    }
  }
  return { verdict: matches.length > 0 ? 'PASS' : 'FAIL', findings, looked: matches };
}
