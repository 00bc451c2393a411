import { imageRef, type Image } from '../images/image.js';
import type { ImageSpec, ImageSpecEntry } from '../spec/image-spec.js';
import { imageTestcaseId, sourceTestcaseId } from '../spec/testcase-ids.js';
import { hasNoCustomProperty } from './scs-0102/official-crashes.js';
import { decideOfficialCrashes, type OfficialCrash, type ReadingOptions } from './official-aborts.js';
import type { Finding, TestcaseResult } from './result.js';

/**
 * scs-0104 v1: for every spec entry, a presence testcase (mandatory and recommended entries) and
 * an image_source testcase (every entry: whatever the status, each matching image must carry an
 * `image_source` that starts with one of the allowed prefixes).
 *
 * `images` are the images already selected for checking (see selectImages). Where the official
 * test raises (an unnamed image under a name scheme), the testcase ABORTs as it does, or FAILs
 * with `strictReading` (see official-aborts.ts).
 */
export function checkStandardImages(spec: ImageSpec, images: readonly Image[], opts: ReadingOptions = {}): TestcaseResult[] {
  const byName = new Map<string, Image[]>();
  for (const img of images) {
    const list = byName.get(img.name);
    if (list) list.push(img);
    else byName.set(img.name, [img]);
  }
  const unnamed = images.filter((img) => img.nameMissing);
  const results: TestcaseResult[] = [];
  for (const entry of spec.entries) {
    const matches = entry.matcher ? images.filter((img) => !img.nameMissing && entry.matcher!.matches(img.name)) : (byName.get(entry.name) ?? []);
    const nameCrashes = entry.matcher ? unnamed.map(unnamedCrash) : [];
    if (entry.status !== 'optional') results.push(decideOfficialCrashes(presenceResult(entry, matches), nameCrashes, opts));
    // the official test reads image_source from each match's properties, which are None on an image without any
    const bare = matches.filter(hasNoCustomProperty);
    const propertyCrashes = bare.map((img) => ({
      image: imageRef(img),
      problem: `Image '${img.name}' (${img.id}) has no custom property at all (so no image_source)`,
      why: 'openstacksdk gives such an image properties=None, from which the test reads image_source',
      property: 'image_source',
      expected: entry.sources,
    }));
    results.push(decideOfficialCrashes(sourceResult(entry, matches, new Set(bare)), [...nameCrashes, ...propertyCrashes], opts));
  }
  return results;
}

/**
 * The official test matches a name scheme against every image's name; an image whose name is None
 * makes `re.match` raise, so the testcase ABORTs there.
 */
function unnamedCrash(img: Image): OfficialCrash {
  return { image: imageRef(img), problem: `Image ${img.id} has no name`, why: 'its name-scheme match cannot read a missing name' };
}

function describeEntry(entry: ImageSpecEntry): string {
  return entry.nameScheme ? `an image whose name matches '${entry.nameScheme}'` : `an image named '${entry.name}'`;
}

function presenceResult(entry: ImageSpecEntry, matches: readonly Image[]): TestcaseResult {
  const requirement = entry.status === 'mandatory' ? 'mandatory' : 'recommended';
  const findings: Finding[] = [];
  if (matches.length === 0) {
    findings.push({
      level: requirement === 'mandatory' ? 'error' : 'warning',
      message: `Missing ${entry.status === 'mandatory' ? 'mandatory' : 'recommended'} image: found no ${describeEntry(entry).replace(/^an? /, '')} among the checked images`,
    });
  }
  return {
    id: imageTestcaseId(entry.slug),
    description: `${entry.status === 'mandatory' ? 'Mandatory' : 'Recommended'}: ${describeEntry(entry)} is present`,
    requirement,
    verdict: matches.length > 0 ? 'PASS' : 'FAIL',
    findings,
    images: matches.map(imageRef),
    entry: entry.name,
  };
}

function sourceResult(entry: ImageSpecEntry, matches: readonly Image[], crashing: ReadonlySet<Image>): TestcaseResult {
  const findings: Finding[] = [];
  for (const img of matches) {
    if (crashing.has(img)) continue;
    const problem = sourceProblem(img.properties['image_source'], entry.sources);
    if (problem === undefined) continue;
    findings.push({
      level: 'error',
      message: `Image '${img.name}' (${img.id}) ${problem}; allowed prefixes: ${entry.sources.join(', ')}`,
      image: imageRef(img),
      property: 'image_source',
      ...(img.properties['image_source'] !== undefined ? { value: img.properties['image_source'] } : {}),
      expected: entry.sources,
    });
  }
  return {
    id: sourceTestcaseId(entry.slug),
    description: `${entry.nameScheme ? `${entry.name} images` : `'${entry.name}' images`} have an image_source under an allowed prefix`,
    requirement: 'mandatory',
    verdict: findings.length === 0 ? 'PASS' : 'FAIL',
    findings,
    images: matches.map(imageRef),
    entry: entry.name,
  };
}

function sourceProblem(value: unknown, prefixes: readonly string[]): string | undefined {
  if (value === undefined || value === null) return 'has no image_source property';
  if (typeof value !== 'string') return `has a non-string image_source (${JSON.stringify(value)})`;
  if (value === '') return 'has an empty image_source';
  if (prefixes.some((p) => value.startsWith(p))) return undefined;
  return `has image_source '${value}', which starts with none of the allowed prefixes`;
}

/**
 * Every testcase of the spec as ABORT: the check could not see the images (cloud unreachable, auth
 * failed, listing incomplete). A partial listing never yields PASS.
 */
export function abortStandardImages(spec: ImageSpec, reason: string): TestcaseResult[] {
  return checkStandardImages(spec, []).map((r) => ({
    ...r,
    verdict: 'ABORT',
    findings: [{ level: 'error', message: reason }],
    images: [],
  }));
}
