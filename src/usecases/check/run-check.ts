/**
 * The check use case: which rules (a scope, standards or a spec), which images (clouds or an
 * export), one clock → a CheckReport. Everything about the input is validated before the first
 * cloud call. The CLI and the library call this; rendering and exit codes are theirs.
 */
import { buildReport, type CheckReport, type Subject, type SubjectInput } from '../../core/check/report.js';
import type { TestcaseResult } from '../../core/check/result.js';
import { abortRuleSets, runRuleSets, type RuleSet, type RunContext } from '../../core/check/rule-sets.js';
import { ownAbort } from '../../core/check/official-aborts.js';
import { buildInventory } from '../../core/check/inventory.js';
import { addCountingAdvisories } from '../../core/check/counted-advisories.js';
import { selectImages, type ImageSelection } from '../../core/check/select-images.js';
import type { Image } from '../../core/images/image.js';
import { parseImagesFile } from '../../inputs/parse-images-file.js';
import { readInputFile } from '../../inputs/read-file.js';
import { VERSION } from '../../version.js';
import { collectCloudImages, type CloudsSelection, type SubjectImages } from './collect-subjects.js';
import { resolveRuleSets, type ResolvedRuleSets, type RuleSetRequest } from './resolve-rule-sets.js';
import { dayOf } from '../../core/clock.js';

/** Where the images come from. */
export type CheckSource =
  | { kind: 'file'; path: string }
  /** Images the caller has listed already (the library's way); `subject` says what they are in the report. */
  | { kind: 'images'; subject: Subject; images: readonly Image[] }
  | ({
      kind: 'clouds';
      /** Requests at once for one cloud's listing (created_at ranges); undefined: the default, 2. */
      listStreams?: number | undefined;
    } & CloudsSelection);

export interface CheckRequest {
  rules: Omit<RuleSetRequest, 'today'>;
  source: CheckSource;
  selection: ImageSelection;
  /** Also list other projects' community images. */
  allCommunity: boolean;
  strict: boolean;
  /** `--strict-reading`: FAIL where the official test aborts on its input; default ABORT, as it does. */
  strictReading?: boolean | undefined;
  /** The clock of the run: scope version, recency, build dates in the future. */
  now: Date;
  /** `--owner PROJECT_ID|self`: also check only that project's images, reported apart (CheckReport.ownerView). */
  owner?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export async function runCheck(req: CheckRequest): Promise<CheckReport> {
  return checkWithRules(req, await resolveRuleSets({ ...req.rules, today: dayOf(req.now) }));
}

/** `runCheck` with the rules already resolved (ensure resolves them once for its prediction and its check). */
export async function checkWithRules(req: Omit<CheckRequest, 'rules'>, resolved: ResolvedRuleSets): Promise<CheckReport> {
  const ctx = { now: req.now, collapseDuplicates: req.selection.collapseDuplicates, strictReading: req.strictReading };

  let sources: SubjectImages[];
  let propertiesMissing: string | undefined;
  if (req.source.kind === 'file') {
    const path = req.source.path;
    const file = parseImagesFile(await readInputFile(path), path);
    sources = [{ subject: { kind: 'file', name: path }, images: file.images }];
    if (!file.hasProperties) {
      propertiesMissing = `${path} has no image properties (\`openstack image list --long\` omits them); export with \`openstack image show -f json\` or Glance's GET /v2/images`;
    }
  } else if (req.source.kind === 'images') {
    sources = [{ subject: req.source.subject, images: [...req.source.images] }];
  } else {
    const { listStreams, connection } = req.source;
    sources = await collectCloudImages(req.source, req.env, {
      includeHidden: req.selection.includeHidden,
      allCommunity: req.allCommunity,
      listStreams,
      trace: connection.trace,
    });
  }

  const subjectsOf = (owner?: (src: SubjectImages) => string | undefined): SubjectInput[] =>
    sources.map((src) => {
      if (!src.images) {
        const error = src.error ?? 'could not list images';
        return { subject: src.subject, images: { listed: 0, considered: 0 }, testcases: abortRuleSets(resolved.ruleSets, error, ctx), error };
      }
      let listed = src.images;
      if (owner) {
        const id = owner(src);
        if (id === undefined) {
          const error = '--owner self: the credentials have no project (an offline list or an unscoped token)';
          return { subject: src.subject, images: { listed: 0, considered: 0 }, testcases: abortRuleSets(resolved.ruleSets, error, ctx), error };
        }
        listed = listed.filter((i) => i.owner === id);
      }
      const input = checkListedImages(src.subject, listed, resolved.ruleSets, { ...req, ctx });
      return propertiesMissing ? { ...input, testcases: abortPropertyTestcases(input.testcases, propertiesMissing) } : input;
    });
  const subjects = subjectsOf();

  const build = (subjects: SubjectInput[]): CheckReport =>
    buildReport({
      toolVersion: VERSION,
      checkedAt: req.now,
      ...(resolved.scope ? { scope: resolved.scope } : {}),
      modules: resolved.modules,
      warnings: resolved.warnings,
      options: {
        visibilities: req.selection.visibilities.slice(),
        includeHidden: req.selection.includeHidden,
        allCommunity: req.allCommunity,
        strict: req.strict,
        strictReading: req.strictReading === true,
        collapseDuplicates: req.selection.collapseDuplicates,
      },
      subjects,
    });
  const report = build(subjects);
  const owner = req.owner;
  if (owner !== undefined) {
    const view = build(subjectsOf((src) => (owner === 'self' ? src.subject.connection?.project?.id : owner)));
    report.ownerView = {
      owner,
      note: OWNER_VIEW_NOTE,
      subjects: view.subjects,
      summary: view.summary,
      verdict: view.verdict,
    };
  }
  return report;
}

/** Said wherever the --owner view is shown. */
export const OWNER_VIEW_NOTE =
  'NOT the official verdict: only the images owned by this project were checked (--owner); the official test counts every image the listing shows, and the verdict above (and the exit code) is the official one';

/** Testcases that read image properties cannot be decided from an export without them. */
function abortPropertyTestcases(results: readonly TestcaseResult[], reason: string): TestcaseResult[] {
  return results.map((r) => (r.id.startsWith('scs-0104-source-') || r.id.startsWith('scs-0102-') ? ownAbort(r, reason) : r));
}

/**
 * One subject's listed images → its testcases, counting advisories and inventory: the one place
 * a listing becomes a subject of a report (check, and serve on every cycle).
 */
export function checkListedImages(
  subject: Subject,
  listed: readonly Image[],
  ruleSets: readonly RuleSet[],
  opts: { selection: ImageSelection; allCommunity: boolean; ctx: RunContext },
): SubjectInput {
  const selected = selectImages(listed, opts.selection);
  let testcases = runRuleSets(ruleSets, selected, opts.ctx);
  // what was counted that the official test would not count so (advisories: no verdict changes)
  testcases = addCountingAdvisories(testcases, selected, {
    projectId: subject.connection?.project?.id,
    roles: subject.connection?.roles ?? [],
    allCommunity: opts.allCommunity,
  });
  const inventory = buildInventory(listed, selected, opts.selection, testcases);
  return { subject, images: { listed: listed.length, considered: selected.length }, testcases, inventory };
}
