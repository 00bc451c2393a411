/**
 * The ensure use case: predict, then plan + apply, then check, with one clock for all three. The
 * cloud ends compliant, or the outcome says at which step it stopped and why. Nothing is changed
 * when the definitions cannot make the cloud comply; nothing is checked when apply failed.
 */
import { dayOf } from '../core/clock.js';
import type { ApplyResult } from '../apply/types.js';
import type { CheckReport } from '../core/check/report.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { isEmptyPlan, type OutdatedPolicy } from '../core/plan/types.js';
import type { OpenCloudOptions } from '../openstack/open-cloud.js';
import { applyChanges, lockSession, type ApplyChangesOptions, type LockOptions } from './apply.js';
import { checkWithRules } from './check/run-check.js';
import { resolveRuleSets, type RuleSetRequest } from './check/resolve-rule-sets.js';
import { closeSession, makePlan, type PlanSession } from './plan.js';
import { predictWithRules } from './predict.js';
import { DEFAULT_SELECTION } from '../core/check/select-images.js';

export interface EnsureRequest {
  definitions: DefinitionSet;
  /** Names the definitions in the prediction, e.g. their path. */
  label: string;
  rules: Omit<RuleSetRequest, 'today' | 'withRecommended'>;
  tag: string;
  policy: OutdatedPolicy;
  includeDisabled: boolean;
  strict: boolean;
  /** `--strict-reading`: FAIL where the official test aborts on its input; default ABORT, as it does. */
  strictReading?: boolean | undefined;
  now: Date;
  cloud: OpenCloudOptions;
  apply: Omit<ApplyChangesOptions, 'onEvent'>;
  /** The lease apply takes on the project and tag (see lockSession). */
  lock: LockOptions;
}

/** Where the caller shows each step (the CLI prints them; a library caller may ignore them). */
export interface EnsureHooks {
  predicted?(report: CheckReport): Promise<void> | void;
  /** The plan about to be applied; an empty plan is not applied. */
  planned?(session: PlanSession): Promise<void> | void;
  /** Before the lease and the first change of a plan with changes: throws to stop (apply's preflight). */
  preflight?(session: PlanSession): Promise<void>;
  applyEvent?: ApplyChangesOptions['onEvent'];
  applied?(session: PlanSession, result: ApplyResult): Promise<void> | void;
  /** The check is about to start. */
  checking?(): void;
}

export type EnsureOutcome =
  /** The definitions cannot make the cloud comply: nothing was changed. */
  | { step: 'predict'; prediction: CheckReport }
  /** A change failed: the cloud was not checked. */
  | { step: 'apply'; prediction: CheckReport; result: ApplyResult }
  /** Applied (or nothing to do) and checked. */
  | { step: 'check'; prediction: CheckReport; result: ApplyResult | undefined; report: CheckReport };

export async function ensure(req: EnsureRequest, hooks: EnsureHooks = {}): Promise<EnsureOutcome> {
  // the rules are resolved (the scope loaded, its version selected) once, for the prediction and the check
  const rules = await resolveRuleSets({ ...req.rules, withRecommended: false, today: dayOf(req.now) });
  const prediction = predictWithRules(
    { definitions: req.definitions, label: req.label, tag: req.tag, strict: req.strict, strictReading: req.strictReading, now: req.now },
    rules,
  );
  await hooks.predicted?.(prediction);
  if (!prediction.compliant) return { step: 'predict', prediction };

  const session = await makePlan({
    definitions: req.definitions,
    cloud: req.cloud,
    tag: req.tag,
    policy: req.policy,
    includeDisabled: req.includeDisabled,
    now: req.now,
  });
  let result: ApplyResult | undefined;
  try {
    if (!isEmptyPlan(session.plan)) await hooks.preflight?.(session);
    await lockSession(session, req.lock);
    await hooks.planned?.(session);
    if (!isEmptyPlan(session.plan)) {
      result = await applyChanges(session, { ...req.apply, ...(hooks.applyEvent ? { onEvent: hooks.applyEvent } : {}) });
      await hooks.applied?.(session, result);
      if (!result.ok) return { step: 'apply', prediction, result };
    }
  } finally {
    await closeSession(session);
  }

  hooks.checking?.();
  const report = await checkWithRules(
    {
      source: { kind: 'clouds', clouds: [req.cloud.cloud], allClouds: false, concurrency: 1, connection: req.cloud },
      selection: DEFAULT_SELECTION,
      allCommunity: false,
      strict: req.strict,
      strictReading: req.strictReading,
      now: req.now,
      env: req.cloud.env,
    },
    rules,
  );
  return { step: 'check', prediction, result, report };
}
