/**
 * The plan use case: definitions (already read and validated) + the cloud's managed images + the
 * clock → a plan. Bad input has failed before this opens the cloud; the planner is pure
 * (core/plan).
 */
import type { Lease } from '../apply/lease.js';
import type { DefinitionSet, ImageDefinition, VersionDefinition } from '../core/definitions/types.js';
import type { Image } from '../core/images/image.js';
import { pinLatest, withPinnedLatest, type LatestBuild } from '../core/plan/latest-builds.js';
import { fetchLatestBuilds } from './latest-builds.js';
import { planImages } from '../core/plan/plan-images.js';
import type { OutdatedPolicy, Plan, Selection } from '../core/plan/types.js';
import { listManageable } from '../openstack/image-listings.js';
import { imagesById } from '../openstack/images-by-id.js';
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
  /** `--filter`, `--latest`: which definitions, and which of their versions are imported. */
  selection?: Selection;
  /** `--max-age` (OIM's --check-age): note managed images built this many days before their definition's build. */
  maxAgeDays?: number;
  /** `version: latest`: ask upstream for the current build (digest, Last-Modified); default true. */
  resolveLatest?: boolean;
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
  const latest = req.resolveLatest === false ? undefined : await fetchLatestBuilds(req.definitions.images, { timeoutMs: req.cloud.timeoutMs ?? 30_000 });
  const cloud = await openProjectCloud(req.cloud);
  try {
    const recheck = () => planOn(cloud, req, latest);
    return { plan: await recheck(), cloud, recheck };
  } catch (e) {
    await cloud.client.close();
    throw e;
  }
}

/** The plan for an already opened project cloud (doctor plans on the connection it examines). */
export async function planOn(cloud: ProjectCloud, req: PlanRequest, latest?: Awaited<ReturnType<typeof fetchLatestBuilds>>): Promise<Plan> {
  const images = await listManageable(cloud.client, req.tag, cloud.projectId);
  // versions that name their image by id (adopted ones): those images carry no tag yet
  const seen = new Set(images.map((i) => i.id));
  const named = req.definitions.images.flatMap((d) => d.versions.map((v) => v.id)).filter((id): id is string => id !== undefined && !seen.has(id));
  images.push(...(await imagesById(cloud.client, named)));
  const plan = planImages({
    definitions: latest ? pinnedDefinitions(req.definitions.images, latest.builds, images) : req.definitions.images,
    images,
    now: req.now,
    ownerProjectId: cloud.projectId,
    cloud: { name: cloud.client.cloud, region: cloud.client.region },
    tag: req.tag,
    policy: req.policy,
    includeDisabled: req.includeDisabled,
    tool: { name: 'scs-images', version: VERSION },
    ...(req.selection ? { selection: req.selection } : {}),
    ...(req.maxAgeDays !== undefined ? { maxAgeDays: req.maxAgeDays } : {}),
  });
  if (latest && latest.notes.length > 0) plan.notes = [...new Set([...latest.notes, ...plan.notes])];
  return plan;
}

/** `latest` versions pinned to the upstream build; a label of that day used by another digest gets the digest appended. */
function pinnedDefinitions(defs: readonly ImageDefinition[], builds: ReadonlyMap<VersionDefinition, LatestBuild>, images: readonly Image[]): ImageDefinition[] {
  const pinned = new Map<VersionDefinition, VersionDefinition>();
  for (const def of defs) {
    for (const v of def.versions) {
      const build = builds.get(v);
      if (!build) continue;
      const taken = (label: string, hex: string) =>
        images.some((i) => i.name.startsWith(def.name) && i.properties['internal_version'] === label && (i.properties['upstream_checksum'] ?? hex) !== hex);
      pinned.set(v, pinLatest(v, build, taken));
    }
  }
  return withPinnedLatest(defs, pinned);
}
