import type { CheckRequest, CheckSource } from '../../../usecases/check/run-check.js';
import type { CheckRun } from './index.js';

/** The check the flags ask for: the same in a report run and in --script. */
export function checkRequest({ flags, opts, io }: CheckRun, source: CheckSource, ids: readonly string[]): CheckRequest {
  const { rules, catalogue, clock } = flags;
  return {
    rules: {
      spec: rules.spec,
      standards: rules.standards,
      scope: rules.scope,
      scopeVersion: rules.scopeVersion,
      withRecommended: rules.withRecommended,
      ...(ids.length > 0 ? { testcases: ids } : {}),
    },
    source,
    selection: catalogue.selection,
    allCommunity: catalogue.allCommunity,
    strict: rules.strict,
    strictReading: rules.strictReading,
    now: clock.now,
    env: io.env,
    ...(opts.owner !== undefined ? { owner: opts.owner } : {}),
  };
}
