/**
 * The predict use case (`validate --spec/--scope/--standard`, ensure's first step): the images a
 * set of definitions would produce once applied, checked with the check's own rules, before any
 * cloud call.
 */
import { buildReport, type CheckReport } from '../core/check/report.js';
import { runRuleSets } from '../core/check/rule-sets.js';
import { DEFAULT_SELECTION, selectImages } from '../core/check/select-images.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { predictImages } from '../core/plan/predict-images.js';
import { DEFAULT_OUTDATED_POLICY } from '../core/plan/types.js';
import { VERSION } from '../version.js';
import { resolveRuleSets, type ResolvedRuleSets, type RuleSetRequest } from './check/resolve-rule-sets.js';
import { dayOf } from '../core/clock.js';

export interface PredictRequest {
  definitions: DefinitionSet;
  /** Names the predicted subject, e.g. the definitions path. */
  label: string;
  rules: Omit<RuleSetRequest, 'today' | 'withRecommended'>;
  /** The managed tag the images would carry. */
  tag: string;
  strict: boolean;
  /** `--strict-reading`: FAIL where the official test aborts on its input; default ABORT, as it does. */
  strictReading?: boolean | undefined;
  /** The clock of the prediction: the scope version, recency, the registration of new images. */
  now: Date;
}

export async function predict(req: PredictRequest): Promise<CheckReport> {
  return predictWithRules(req, await resolveRuleSets({ ...req.rules, withRecommended: false, today: dayOf(req.now) }));
}

/** `predict` with the rules already resolved (ensure resolves them once for its prediction and its check). */
export function predictWithRules(req: Omit<PredictRequest, 'rules'>, resolved: ResolvedRuleSets): CheckReport {
  const { now } = req;
  const predicted = predictImages(req.definitions.images, { managedTag: req.tag, policy: DEFAULT_OUTDATED_POLICY, now, includeDisabled: false });
  const selected = selectImages(predicted, DEFAULT_SELECTION);
  return buildReport({
    toolVersion: VERSION,
    checkedAt: now,
    ...(resolved.scope ? { scope: resolved.scope } : {}),
    modules: resolved.modules,
    warnings: resolved.warnings,
    options: {
      visibilities: [...DEFAULT_SELECTION.visibilities],
      includeHidden: false,
      allCommunity: false,
      strict: req.strict,
      strictReading: req.strictReading === true,
      collapseDuplicates: false,
    },
    subjects: [
      {
        subject: { kind: 'file', name: `${req.label} (predicted after apply)` },
        images: { listed: predicted.length, considered: selected.length },
        testcases: runRuleSets(resolved.ruleSets, selected, { now, strictReading: req.strictReading }),
      },
    ],
  });
}
