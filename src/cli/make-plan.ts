/**
 * Everything a plan needs, read in order of cheapness: definitions and flags first (bad input
 * fails before any cloud call), then the cloud. The planner itself is pure (core/plan).
 */
import { loadDefinitions } from '../definitions/load-definitions.js';
import { planImages } from '../core/plan/plan-images.js';
import type { Plan } from '../core/plan/types.js';
import { VERSION } from '../version.js';
import type { CliIO } from './main.js';
import { listManageable, openManagedCloud, type ManagedCloud } from './manage-cloud.js';
import { policyFrom, type ManageOptions } from './manage-options.js';
import { parseNow, parseSeconds } from './options.js';
import { redactText } from './redact.js';

export interface PlanSession {
  plan: Plan;
  cloud: ManagedCloud;
}

export function cloudOptions(opts: Pick<ManageOptions, 'cloud' | 'region' | 'timeout' | 'insecure' | 'debug'>, io: CliIO) {
  if (opts.insecure) io.stderr.write('scs-images: warning: --insecure: TLS certificates are not verified\n');
  return {
    cloud: opts.cloud,
    region: opts.region,
    timeoutMs: parseSeconds(opts.timeout, '--timeout') * 1000,
    insecure: opts.insecure,
    debug: opts.debug ? (line: string) => io.stderr.write(`${redactText(line)}\n`) : undefined,
    env: io.env,
  };
}

/** Definitions + cloud → plan. The connection stays open for apply; the caller closes it. */
export async function makePlan(opts: ManageOptions & { images: string }, io: CliIO): Promise<PlanSession> {
  const policy = policyFrom(opts);
  const now = parseNow(opts.now);
  const defs = await loadDefinitions(opts.images);
  for (const w of defs.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const cloud = await openManagedCloud(cloudOptions(opts, io));
  try {
    const images = await listManageable(cloud.client, opts.tag, cloud.projectId);
    const plan = planImages({
      definitions: defs.images,
      images,
      now,
      ownerProjectId: cloud.projectId,
      cloud: { name: cloud.client.cloud, region: cloud.client.region },
      tag: opts.tag,
      policy,
      includeDisabled: opts.force,
      tool: { name: 'scs-images', version: VERSION },
    });
    return { plan, cloud };
  } catch (e) {
    await cloud.client.close();
    throw e;
  }
}
