/**
 * The check use case: which rules (a scope, standards or a spec), which images (clouds or an
 * export), one clock → a CheckReport. Everything about the input is validated before the first
 * cloud call. The CLI and the library call this; rendering and exit codes are theirs.
 */
import { buildReport, type CheckReport, type Subject, type SubjectInput } from '../../core/check/report.js';
import type { TestcaseResult } from '../../core/check/result.js';
import { abortRuleSets, runRuleSets } from '../../core/check/rule-sets.js';
import { ownAbort } from '../../core/check/official-aborts.js';
import { buildInventory } from '../../core/check/inventory.js';
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

  const subjects: SubjectInput[] = sources.map((src) => {
    if (!src.images) {
      const error = src.error ?? 'could not list images';
      return { subject: src.subject, images: { listed: 0, considered: 0 }, testcases: abortRuleSets(resolved.ruleSets, error, ctx), error };
    }
    const selected = selectImages(src.images, req.selection);
    let testcases = runRuleSets(resolved.ruleSets, selected, ctx);
    if (propertiesMissing) testcases = abortPropertyTestcases(testcases, propertiesMissing);
    const inventory = buildInventory(src.images, selected, req.selection, testcases);
    return { subject: src.subject, images: { listed: src.images.length, considered: selected.length }, testcases, inventory };
  });

  return buildReport({
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
}

/** Testcases that read image properties cannot be decided from an export without them. */
function abortPropertyTestcases(results: readonly TestcaseResult[], reason: string): TestcaseResult[] {
  return results.map((r) => (r.id.startsWith('scs-0104-source-') || r.id.startsWith('scs-0102-') ? ownAbort(r, reason) : r));
}
