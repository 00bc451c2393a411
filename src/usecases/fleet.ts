/**
 * Fleet runs: one piece of work over several clouds and regions. The one engine every command
 * uses (check and audit through onEachCloud, plan, apply and ensure directly): which targets
 * (`--cloud` repeated, `--all-clouds`, `--region` repeated, `--all-regions` from each cloud's
 * catalogue), and the work on each, a bounded number at a time, outcomes typed and in target order.
 *
 * One error rule for every command: whatever one target raises, from a cloud clouds.yaml does not
 * define to a refused login or a failed change, is that target's outcome and
 * never stops (or undoes) another's work, unless the caller asks for failFast. The caller decides
 * what an outcome means (check: the subject ABORTs; apply: that cloud's exit code). A clouds.yaml
 * that cannot be read, or no cloud configured at all, is the run's bad input (exit 2).
 */
import { listClouds, loadCloudConfig } from '../openstack/config/clouds.js';
import { CloudNotFoundError, ConfigError, OpenStackError } from '../openstack/errors.js';
import { openCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';
import { mapLimit } from '../util/map-limit.js';

export interface FleetSelection {
  /** clouds.yaml names; empty (or `[undefined]`) is the default cloud. */
  clouds: ReadonlyArray<string | undefined>;
  allClouds: boolean;
  /** Regions; empty: each cloud's own (clouds.yaml region_name or the only one). */
  regions: readonly string[];
  /** Every region with an image endpoint in the cloud's catalogue. */
  allRegions: boolean;
}

/** One cloud and region of a fleet run. */
export interface FleetTarget {
  /** As given (undefined: the default cloud); what opens it. */
  cloud?: string | undefined;
  region?: string | undefined;
  /** The cloud's name as clouds.yaml resolved it (the default cloud's real name), for labels. */
  name?: string | undefined;
  /** The target could not even be resolved (a cloud down while reading its catalogue, a broken --all-clouds entry). */
  error?: Error;
}

export type FleetOutcome<T> = { target: FleetTarget; value: T } | { target: FleetTarget; error: unknown } | { target: FleetTarget; skipped: true };

/** `mycloud/RegionOne`, `mycloud`; the one label of a target in every output. */
export function targetLabel(t: FleetTarget): string {
  return `${t.name ?? t.cloud ?? 'default'}${t.region ? `/${t.region}` : ''}`;
}

/** True when the selection names more than one target (or may: --all-clouds, --all-regions). */
export function isFleet(sel: FleetSelection): boolean {
  return sel.allClouds || sel.allRegions || sel.clouds.length > 1 || sel.regions.length > 1;
}

/**
 * The targets, in the order given (clouds × regions). Each cloud's configuration is read here, so
 * a target knows the name clouds.yaml gives it, and one that clouds.yaml does not know carries
 * that error as its outcome; --all-regions opens each cloud once to read its catalogue.
 */
export async function resolveTargets(sel: FleetSelection, conn: Omit<OpenCloudOptions, 'cloud' | 'region'>, concurrency: number): Promise<FleetTarget[]> {
  const clouds = sel.allClouds ? await listClouds({ env: conn.env }) : sel.clouds.length > 0 ? sel.clouds : [undefined];
  const perCloud = await mapLimit(clouds, concurrency, async (cloud): Promise<FleetTarget[]> => {
    const regions = sel.regions.length > 0 ? sel.regions : [undefined];
    const named = await Promise.all(
      regions.map(async (region): Promise<FleetTarget> => {
        try {
          const config = await loadCloudConfig({ ...(cloud ? { cloud } : {}), ...(region ? { region } : {}), env: conn.env });
          return { cloud, region, name: config.name };
        } catch (e) {
          // a cloud clouds.yaml lacks is that target's outcome (a check reports it ABORT, as the
          // official script does); a malformed file or none at all is the run's bad input, except
          // for a broken entry of --all-clouds
          const targetsOwn = e instanceof CloudNotFoundError || (e instanceof OpenStackError && (sel.allClouds || !(e instanceof ConfigError)));
          if (!targetsOwn) throw e;
          return { cloud, region, name: cloud, error: e };
        }
      }),
    );
    if (!sel.allRegions || named[0]?.error) return named;
    try {
      const client = await openCloud({ ...conn, cloud });
      try {
        const found = [...new Set(client.identity.catalog.filter((e) => e.type === 'image').flatMap((e) => e.endpoints.map((p) => p.region)))];
        return found.filter((r): r is string => typeof r === 'string' && r !== '').map((region) => ({ cloud, region, name: client.cloud }));
      } finally {
        await client.close();
      }
    } catch (e) {
      if (!(e instanceof OpenStackError)) throw e;
      return [{ cloud, name: named[0]?.name, error: e }];
    }
  });
  return perCloud.flat();
}

export interface FleetRunOptions<T> {
  concurrency: number;
  /** After a target fails (an error, or a value `failed` calls a failure), start no other. */
  failFast?: boolean;
  failed?: (value: T) => boolean;
}

/**
 * `work` on every target, `concurrency` at a time, outcomes in target order. A thrown error is that
 * target's outcome. With `failFast`, targets not yet started when one fails are skipped; those
 * under way finish.
 */
export async function runFleet<T>(
  targets: readonly FleetTarget[],
  opts: FleetRunOptions<T>,
  work: (target: FleetTarget) => Promise<T>,
): Promise<Array<FleetOutcome<T>>> {
  let stop = false;
  return mapLimit(targets, opts.concurrency, async (target): Promise<FleetOutcome<T>> => {
    if (stop) return { target, skipped: true };
    try {
      if (target.error) throw target.error;
      const value = await work(target);
      if (opts.failFast && opts.failed?.(value)) stop = true;
      return { target, value };
    } catch (error) {
      if (opts.failFast) stop = true;
      return { target, error };
    }
  });
}
