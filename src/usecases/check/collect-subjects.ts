import type { Subject, SubjectConnection } from '../../core/check/report.js';
import { InputError } from '../../core/errors.js';
import type { Image } from '../../core/images/image.js';
import type { OpenStackClient } from '../../openstack/client.js';
import { listCheckImages, type CheckListingOptions } from '../../openstack/image-listings.js';
import { openCloud, type OpenCloudOptions } from '../../openstack/open-cloud.js';
import { resolveTargets, runFleet } from '../fleet.js';

/** Which clouds and regions a read-only run (check, audit) covers. */
export interface CloudsSelection {
  /** clouds.yaml names; `[undefined]` is the default cloud ($OS_CLOUD, OS_*, the only one). */
  clouds: ReadonlyArray<string | undefined>;
  /** Every cloud of clouds.yaml (`clouds` is then ignored); a broken entry fails only that cloud. */
  allClouds: boolean;
  /** Regions of each cloud; empty: `connection.region`, else the cloud's own (region_name or the only one). */
  regions?: readonly string[] | undefined;
  /** Every region with an image endpoint in each cloud's catalogue. */
  allRegions?: boolean | undefined;
  /** Clouds (cloud × region) worked on at the same time. */
  concurrency: number;
  connection: Omit<OpenCloudOptions, 'cloud' | 'env'>;
}

export type CloudOutcome<T> = { subject: Subject; value: T } | { subject: Subject; error: string };

/**
 * `work` on every cloud and region of the selection, through the fleet engine (usecases/fleet.ts,
 * whose error rule holds here too): a cloud clouds.yaml does not know is bad input, thrown; one
 * target's failure (auth, timeout, a region without Glance, an incomplete listing) is recorded for
 * that target as the subject's error and never hides the others' results.
 */
export async function onEachCloud<T>(
  sel: CloudsSelection,
  env: NodeJS.ProcessEnv,
  /** For the failure message: "could not <what>: ...". */
  what: string,
  work: (client: OpenStackClient) => Promise<T>,
): Promise<Array<CloudOutcome<T>>> {
  const fallbackRegion = sel.connection.region;
  const regions = sel.regions && sel.regions.length > 0 ? sel.regions : fallbackRegion ? [fallbackRegion] : [];
  const conn = { ...sel.connection, env };
  const targets = await resolveTargets({ clouds: sel.clouds, allClouds: sel.allClouds, regions, allRegions: sel.allRegions ?? false }, conn, sel.concurrency);
  if (targets.length === 0) {
    throw new InputError(
      { file: sel.allClouds ? '--all-clouds' : '--all-regions' },
      sel.allClouds ? 'no cloud is defined in clouds.yaml' : 'no region has an image endpoint',
    );
  }
  const outcomes = await runFleet(targets, { concurrency: sel.concurrency }, async (target) => {
    const client = await openCloud({ ...conn, cloud: target.cloud, region: target.region });
    try {
      return { subject: cloudSubject(client), value: await work(client) };
    } finally {
      await client.close();
    }
  });
  return outcomes.map((o): CloudOutcome<T> => {
    if ('value' in o) return o.value;
    const region = o.target.region;
    const message = 'error' in o && o.error instanceof Error ? o.error.message : String('error' in o ? o.error : 'skipped');
    return { subject: { kind: 'cloud', name: o.target.name ?? 'default', ...(region ? { region } : {}) }, error: `could not ${what}: ${message}` };
  });
}

export interface SubjectImages {
  subject: Subject;
  /** Undefined when the subject could not be listed completely. */
  images?: Image[];
  error?: string;
}

/** The images of every cloud and region of the selection (see onEachCloud). */
export async function collectCloudImages(sel: CloudsSelection, env: NodeJS.ProcessEnv, listing: CheckListingOptions): Promise<SubjectImages[]> {
  const outcomes = await onEachCloud(sel, env, "list the cloud's images", (client) => listCheckImages(client, listing));
  return outcomes.map((o) => ('value' in o ? { subject: o.subject, images: o.value } : o));
}

/** The report's subject for an opened cloud: its name, region and who was checking (ids and names, no secret). */
export function cloudSubject(client: OpenStackClient): Subject {
  const { identity } = client;
  const connection: SubjectConnection = { authUrl: identity.authUrl ?? '', imageEndpoint: client.image.endpoint, roles: [...identity.roles] };
  if (identity.user) connection.user = { id: identity.user.id, name: identity.user.name ?? '' };
  if (identity.project) connection.project = { id: identity.project.id, name: identity.project.name ?? '' };
  return { kind: 'cloud', name: client.cloud, ...(client.region ? { region: client.region } : {}), connection };
}
