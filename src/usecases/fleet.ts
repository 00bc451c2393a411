/**
 * Fleet runs: one command over several clouds and regions. Which targets (`--cloud` repeated,
 * `--all-clouds`, `--region` repeated, `--all-regions` from each cloud's catalogue), and running a
 * piece of work on each, a bounded number at a time, where one target's failure is that target's
 * outcome and never stops (or undoes) another's work, unless the caller asks for --fail-fast.
 */
import { listClouds } from '../openstack/config/clouds.js';
import { OpenStackError } from '../openstack/errors.js';
import { openCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';
import { mapLimit } from '../util/map-limit.js';

export interface FleetSelection {
  /** clouds.yaml names; `[undefined]` (or empty) is the default cloud. */
  clouds: ReadonlyArray<string | undefined>;
  allClouds: boolean;
  /** Regions; empty: each cloud's own (clouds.yaml region_name or the only one). */
  regions: readonly string[];
  /** Every region with an image endpoint in the cloud's catalogue. */
  allRegions: boolean;
}

/** One cloud and region of a fleet run. */
export interface FleetTarget {
  cloud?: string | undefined;
  region?: string | undefined;
  /** The target could not even be resolved (a cloud down while reading its catalogue for --all-regions). */
  error?: Error;
}

export type FleetOutcome<T> = { target: FleetTarget; value: T } | { target: FleetTarget; error: unknown } | { target: FleetTarget; skipped: true };

/** `mycloud/RegionOne`, `mycloud`, or `default` for the default cloud. */
export function targetLabel(t: FleetTarget): string {
  return `${t.cloud ?? 'default'}${t.region ? `/${t.region}` : ''}`;
}

/** True when the selection names more than one target (or may: --all-clouds, --all-regions). */
export function isFleet(sel: FleetSelection): boolean {
  return sel.allClouds || sel.allRegions || sel.clouds.length > 1 || sel.regions.length > 1;
}

/** The targets, in the order given (clouds × regions); --all-regions opens each cloud once to read its catalogue. */
export async function resolveTargets(sel: FleetSelection, conn: Omit<OpenCloudOptions, 'cloud' | 'region'>, concurrency: number): Promise<FleetTarget[]> {
  const clouds = sel.allClouds ? await listClouds({ env: conn.env }) : sel.clouds.length > 0 ? sel.clouds : [undefined];
  const perCloud = await mapLimit(clouds, concurrency, async (cloud): Promise<FleetTarget[]> => {
    if (!sel.allRegions) return sel.regions.length > 0 ? sel.regions.map((region) => ({ cloud, region })) : [{ cloud }];
    try {
      const client = await openCloud({ ...conn, cloud });
      try {
        const regions = [...new Set(client.identity.catalog.filter((e) => e.type === 'image').flatMap((e) => e.endpoints.map((p) => p.region)))];
        return regions.filter((r): r is string => typeof r === 'string' && r !== '').map((region) => ({ cloud, region }));
      } finally {
        await client.close();
      }
    } catch (e) {
      if (!(e instanceof OpenStackError)) throw e;
      return [{ cloud, error: e }];
    }
  });
  return perCloud.flat();
}

/**
 * `work` on every target, `concurrency` at a time, outcomes in target order. A thrown error is that
 * target's outcome. With `failFast`, targets not yet started when one fails (`failed` says what a
 * failure is) are skipped; those under way finish.
 */
export async function runFleet<T>(
  targets: readonly FleetTarget[],
  opts: { concurrency: number; failFast: boolean; failed: (value: T) => boolean },
  work: (target: FleetTarget) => Promise<T>,
): Promise<Array<FleetOutcome<T>>> {
  let stop = false;
  return mapLimit(targets, opts.concurrency, async (target): Promise<FleetOutcome<T>> => {
    if (stop) return { target, skipped: true };
    try {
      if (target.error) throw target.error;
      const value = await work(target);
      if (opts.failFast && opts.failed(value)) stop = true;
      return { target, value };
    } catch (error) {
      if (opts.failFast) stop = true;
      return { target, error };
    }
  });
}
