/**
 * The plan use case: definitions (already read and validated) + the cloud's managed images + the
 * clock → a plan. Bad input has failed before this opens the cloud; the planner is pure
 * (core/plan).
 */
import type { Lease } from '../apply/lease.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { planImages } from '../core/plan/plan-images.js';
import type { OutdatedPolicy, Plan } from '../core/plan/types.js';
import { listManageable } from '../openstack/image-listings.js';
import { openProjectCloud, type OpenCloudOptions, type ProjectCloud } from '../openstack/open-cloud.js';
import { VERSION } from '../version.js';

export interface PlanRequest {
  definitions: DefinitionSet;
  cloud: OpenCloudOptions;
  /** The tag that marks managed images. */
  tag: string;
  policy: OutdatedPolicy;
  /** `--force`: also definitions with `enable: false`. */
  includeDisabled: boolean;
  now: Date;
}

/**
 * A plan and the open connection it was made on; apply goes on with it, the caller ends it with
 * closeSession (which also gives up the lease, if apply took one).
 */
export interface PlanSession {
  plan: Plan;
  cloud: ProjectCloud;
  /** The plan for the cloud as it is now (a saved plan: the same plan, or StalePlanError). */
  recheck(): Promise<Plan>;
  /** Held while apply changes the cloud (usecases/apply.ts lockSession). */
  lease?: Lease;
}

export async function closeSession(session: PlanSession): Promise<void> {
  try {
    await session.lease?.release();
  } finally {
    await session.cloud.client.close();
  }
}

export async function makePlan(req: PlanRequest): Promise<PlanSession> {
  const cloud = await openProjectCloud(req.cloud);
  try {
    const recheck = () => planOn(cloud, req);
    return { plan: await recheck(), cloud, recheck };
  } catch (e) {
    await cloud.client.close();
    throw e;
  }
}

async function planOn(cloud: ProjectCloud, req: PlanRequest): Promise<Plan> {
  const images = await listManageable(cloud.client, req.tag, cloud.projectId);
  return planImages({
    definitions: req.definitions.images,
    images,
    now: req.now,
    ownerProjectId: cloud.projectId,
    cloud: { name: cloud.client.cloud, region: cloud.client.region },
    tag: req.tag,
    policy: req.policy,
    includeDisabled: req.includeDisabled,
    tool: { name: 'scs-images', version: VERSION },
  });
}
