/**
 * The groups' values and the definitions → a plan request, read in order of cheapness: the flags
 * were parsed before the handler ran, then the definitions (bad input fails before any cloud call);
 * the cloud is the use case's. Shared by plan, apply, ensure and manage.
 */
import type { Clock } from '../core/clock.js';
import type { OutdatedPolicy } from '../core/plan/types.js';
import { loadDefinitions } from '../inputs/load-definitions.js';
import type { PlanRequest } from '../usecases/plan.js';
import type { Connection } from './flags/connection.js';
import type { Definitions } from './flags/definitions.js';
import type { DefinitionSelection } from './flags/selection.js';
import type { CliIO } from './io.js';

export interface PlanFlags {
  definitions: Definitions;
  policy: OutdatedPolicy;
  selection?: DefinitionSelection;
  clock: Clock;
  connection: Connection;
}

export async function planRequest(flags: PlanFlags, cloud: { cloud?: string | undefined; region?: string | undefined }, io: CliIO): Promise<PlanRequest> {
  const definitions = await loadDefinitions(flags.definitions.path as string);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const sel = flags.selection;
  return {
    definitions,
    cloud: { ...flags.connection, cloud: cloud.cloud, region: cloud.region, env: io.env },
    tag: flags.definitions.tag,
    policy: flags.policy,
    includeDisabled: flags.definitions.includeDisabled,
    now: flags.clock.now,
    ...(sel?.selection ? { selection: sel.selection } : {}),
    ...(sel?.maxAgeDays !== undefined ? { maxAgeDays: sel.maxAgeDays } : {}),
  };
}

/** The one cloud of a single-cloud run of a fleet command: the first (only) --cloud and --region. */
export function firstTarget(sel: { clouds: ReadonlyArray<string | undefined>; regions: readonly string[] }): {
  cloud?: string | undefined;
  region?: string | undefined;
} {
  return { cloud: sel.clouds[0], region: sel.regions[0] };
}
