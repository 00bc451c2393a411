import type { Image } from '../images/image.js';
import type { ImageSpec } from '../spec/image-spec.js';
import type { ModuleRef } from './report.js';
import type { Finding, Requirement, TestcaseResult } from './result.js';
import { checkStandardImages } from './check-standard-images.js';
import { ownAbort } from './official-aborts.js';
import { collapseDuplicateNames } from './select-images.js';
import { checkImageMetadata } from './scs-0102/index.js';
import type { DistroReleases } from '../releases/distro-releases.js';
import { checkStandardImagesV2 } from './scs-0104-v2/index.js';
import { dayOf } from '../clock.js';

/** Which testcases of a rule set to run and how much each counts (from a scope's targets). */
export interface TestcaseSelection {
  id: string;
  requirement: Requirement;
}

/**
 * One standard's rules, ready to run on a subject's images. A scope turns each module into one
 * rule set; without a scope the standard asked for is one rule set with all its testcases.
 */
export type RuleSet =
  | {
      kind: 'scs-0104-v1';
      module: ModuleRef;
      spec: ImageSpec;
      /**
       * Entries the official test knows by label but the spec may lack (a scope can name
       * `scs-0104-source-capi-1` with a spec that only has the dash scheme).
       */
      reference?: ImageSpec;
      testcases?: TestcaseSelection[];
    }
  | { kind: 'scs-0102'; module: ModuleRef; version: 'v1' | 'v2'; testcases?: TestcaseSelection[] }
  | { kind: 'scs-0104-v2'; module: ModuleRef; releases: DistroReleases; testcases?: TestcaseSelection[] };

export interface RunContext {
  now: Date;
  /**
   * Reference behaviour (`--collapse-duplicates`): the scs-0104 v1 lookups see one image per name,
   * the last listed, as the official test's name-keyed lookup does; scs-0102 sees every image.
   */
  collapseDuplicates?: boolean;
  /**
   * `--strict-reading`: FAIL where the official test aborts on its input (see official-aborts.ts).
   * Default: ABORT, as the official test and the certificate have it.
   */
  strictReading?: boolean | undefined;
}

/** Run every rule set on the (already selected) images; testcases carry their module id. */
export function runRuleSets(ruleSets: readonly RuleSet[], images: readonly Image[], ctx: RunContext): TestcaseResult[] {
  return ruleSets.flatMap((rs) => tagged(rs, computeAll(rs, images, ctx)));
}

/** Every testcase of every rule set as ABORT: the subject's images could not be listed. */
export function abortRuleSets(ruleSets: readonly RuleSet[], reason: string, ctx: RunContext): TestcaseResult[] {
  return runRuleSets(ruleSets, [], ctx).map((r) => ({ ...ownAbort(r, reason), images: [] }));
}

function computeAll(rs: RuleSet, images: readonly Image[], ctx: RunContext): TestcaseResult[] {
  if (rs.kind === 'scs-0104-v2') {
    return checkStandardImagesV2(images, {
      today: dayOf(ctx.now),
      releases: rs.releases,
      strictReading: ctx.strictReading,
      ...(rs.testcases ? { testcases: rs.testcases.map((t) => t.id) } : {}),
    });
  }
  if (rs.kind === 'scs-0102') {
    return checkImageMetadata(images, {
      now: ctx.now,
      version: rs.version,
      strictReading: ctx.strictReading,
      ...(rs.testcases ? { testcases: rs.testcases.map((t) => t.id) } : {}),
    });
  }
  const lookup = ctx.collapseDuplicates ? collapseDuplicateNames(images) : images;
  const reading = { strictReading: ctx.strictReading };
  const fromSpec = checkStandardImages(rs.spec, lookup, reading);
  if (!rs.testcases) return fromSpec;
  // the spec's own entries first, then the official test's built-in ones for ids the spec lacks
  const known = new Map(fromSpec.map((r) => [r.id, r]));
  const missing = rs.testcases.filter((t) => !known.has(t.id));
  if (missing.length > 0 && rs.reference) {
    // presence testcases only exist for non-optional entries: ask for every entry as recommended
    const reference: ImageSpec = { ...rs.reference, entries: rs.reference.entries.map((e) => ({ ...e, status: 'recommended' })) };
    for (const r of checkStandardImages(reference, lookup, reading)) if (!known.has(r.id)) known.set(r.id, r);
  }
  return rs.testcases.map(
    (t) =>
      known.get(t.id) ?? {
        id: t.id,
        description: `unknown scs-0104 testcase ${t.id}`,
        requirement: t.requirement,
        verdict: 'ABORT',
        findings: [{ level: 'error', message: `the image spec ${rs.spec.origin} defines no entry for ${t.id}` }],
        images: [],
      },
  );
}

/** Selected testcases in the selection's order, with the selection's requirement and the module id. */
function tagged(rs: RuleSet, results: TestcaseResult[]): TestcaseResult[] {
  if (!rs.testcases) return results.map((r) => ({ ...r, module: rs.module.id }));
  const byId = new Map(results.map((r) => [r.id, r]));
  return rs.testcases.flatMap((t) => {
    const r = byId.get(t.id);
    return r ? [{ ...r, requirement: t.requirement, findings: r.findings.map((f) => relevel(f, t.requirement)), module: rs.module.id }] : [];
  });
}

/** A rule violation is an error where it counts and a warning where it is only recommended. */
function relevel(f: Finding, requirement: Requirement): Finding {
  if (requirement === 'mandatory' && f.level === 'warning' && f.message.startsWith('Missing ')) return { ...f, level: 'error' };
  if (requirement === 'recommended' && f.level === 'error') return { ...f, level: 'warning' };
  return f;
}
