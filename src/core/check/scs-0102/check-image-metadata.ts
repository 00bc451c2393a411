import { imageRef, type Image } from '../../images/image.js';
import { decideOfficialCrashes, type OfficialCrash } from '../official-aborts.js';
import type { TestcaseResult } from '../result.js';
import { toSeconds } from './dates.js';
import { hasNoCustomProperty, noCustomPropertyCrash, READS_CUSTOM_PROPERTIES, unnamedOffenderCrashes } from './official-crashes.js';
import { toFinding, type Observation } from './observation.js';
import { propertyRule, type RuleContext } from './property-rules.js';
import { prop, truthy } from './python-values.js';
import { checkRecency } from './recency.js';
import { SCS_0102_TESTCASES, isScs0102TestcaseId, type MetadataVersion, type Scs0102Testcase, type Scs0102TestcaseId } from './testcases.js';
import { checkUniqueness, uniquenessCandidates } from './uniqueness.js';

export interface CheckImageMetadataOptions {
  /** The check time; every date rule compares with it. */
  now: Date;
  /** scs-0102 version: decides which testcases are mandatory and the v1-only advisories. */
  version: MetadataVersion;
  /** Run only these testcases (in table order); default all. Unknown ids throw a RangeError. */
  testcases?: readonly string[];
  /** FAIL where the official test aborts (`--strict-reading`); default: ABORT, as it does. */
  strictReading?: boolean | undefined;
}

/**
 * scs-0102 image metadata: one result per testcase, with the official test's verdicts.
 *
 * `images` are the images already selected for checking (see selectImages; the official test sees
 * public and community images that are not hidden). Where the official test would raise (an image
 * without any custom property, see official-crashes.ts; `min_disk` without data; recency on an
 * outdated image without `provided_until`, ...) the testcase ABORTs as the official one does, or
 * FAILs with `strictReading` (see ../official-aborts.ts). Findings of level `info` whose message
 * starts with `advisory (` describe another reading of a rule (see advisories.ts) and never change
 * a verdict.
 */
export function checkImageMetadata(images: readonly Image[], opts: CheckImageMetadataOptions): TestcaseResult[] {
  const ctx: RuleContext = { now: toSeconds(opts.now), version: opts.version };
  return selectTestcases(opts.testcases).map((testcase) => {
    const { observations, looked } = run(testcase.id, images, ctx);
    const requirement = testcase.requirement[opts.version];
    const crashes: OfficialCrash[] = [];
    const rest: Exclude<Observation, { kind: 'crash' }>[] = [];
    for (const o of observations) {
      if (o.kind !== 'crash') rest.push(o);
      else crashes.push({ ...o, ...(o.image ? { image: imageRef(o.image) } : {}) } as OfficialCrash);
    }
    const result: TestcaseResult = {
      id: testcase.id,
      description: testcase.description,
      requirement,
      verdict: rest.some((o) => o.kind === 'violation') ? 'FAIL' : 'PASS',
      findings: rest.map((o) => toFinding(o, requirement)),
      images: looked.map(imageRef),
    };
    return decideOfficialCrashes(result, crashes, opts);
  });
}

function selectTestcases(ids: readonly string[] | undefined): Scs0102Testcase[] {
  if (ids === undefined) return [...SCS_0102_TESTCASES];
  const unknown = ids.filter((id) => !isScs0102TestcaseId(id));
  if (unknown.length > 0) throw new RangeError(`unknown scs-0102 testcase id(s): ${unknown.join(', ')}`);
  const wanted = new Set(ids);
  return SCS_0102_TESTCASES.filter((t) => wanted.has(t.id));
}

function run(id: Scs0102TestcaseId, images: readonly Image[], ctx: RuleContext): { observations: Observation[]; looked: readonly Image[] } {
  const { observations, looked } = runRules(id, images, ctx);
  return { observations: [...unnamedOffenderCrashes(id, observations), ...observations], looked };
}

function runRules(id: Scs0102TestcaseId, images: readonly Image[], ctx: RuleContext): { observations: Observation[]; looked: readonly Image[] } {
  if (READS_CUSTOM_PROPERTIES.has(id)) {
    // where the official test would raise, this image is a crash on its own and the rule sees the rest
    const bare = images.filter((img) => hasNoCustomProperty(img) && (id !== 'scs-0102-os_purpose-uniqueness' || readsOsPurpose(img)));
    if (bare.length > 0) {
      const rest = run2(
        id,
        images.filter((img) => !hasNoCustomProperty(img)),
        ctx,
      );
      const crashes = bare.map(noCustomPropertyCrash);
      return { observations: [...crashes, ...rest.observations], looked: images };
    }
  }
  return run2(id, images, ctx);
}

/**
 * Whether the uniqueness testcase reads the image's os_purpose (and so its properties): only for a
 * public, non-hidden image with os_distro and os_version set; it skips every other image before.
 */
function readsOsPurpose(image: Image): boolean {
  return image.visibility === 'public' && !image.hidden && truthy(prop(image, 'os_distro')) && truthy(prop(image, 'os_version'));
}

function run2(id: Scs0102TestcaseId, images: readonly Image[], ctx: RuleContext): { observations: Observation[]; looked: readonly Image[] } {
  if (id === 'scs-0102-image-recency') return { observations: checkRecency(images, ctx.now), looked: images };
  if (id === 'scs-0102-os_purpose-uniqueness') return { observations: checkUniqueness(images), looked: uniquenessCandidates(images) };
  const rule = propertyRule(id);
  if (!rule) throw new Error(`no rule for ${id}`);
  return { observations: images.flatMap((image) => rule(image, ctx)), looked: images };
}
