/**
 * The plan use case: definitions (already read and validated) + the cloud's managed images + the
 * clock → a plan. Bad input has failed before this opens the cloud; the planner is pure
 * (core/plan).
 */
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

/** A plan and the open connection it was made on; apply goes on with it, the caller closes it. */
export interface PlanSession {
  plan: Plan;
  cloud: ProjectCloud;
}

export async function makePlan(req: PlanRequest): Promise<PlanSession> {
  const cloud = await openProjectCloud(req.cloud);
  try {
    const images = await listManageable(cloud.client, req.tag, cloud.projectId);
    const plan = planImages({
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
    return { plan, cloud };
  } catch (e) {
    await cloud.client.close();
    throw e;
  }
}
