/**
 * Which clouds and regions a run works on. Commands that work over a fleet take `--cloud` and
 * `--region` repeated, `--all-clouds`, `--all-regions` and `--concurrency` (and, where a target
 * changes a cloud, `--fail-fast`); commands of one cloud take `--cloud` and `--region` once.
 * Both are declared here only, so `--cloud` reads the same in every command.
 */
import { Option } from 'commander';
import type { FleetSelection } from '../../usecases/fleet.js';
import type { FlagGroup } from '../command.js';
import { collect, parseCount, usage } from './values.js';

const DEFAULT_CLOUD = '$OS_CLOUD, the OS_* variables, or the only cloud';

export interface Clouds {
  selection: FleetSelection;
  /** Targets (cloud × region) worked on at the same time. */
  concurrency: number;
  /** After a target fails, start no other (those under way finish). */
  failFast: boolean;
}

/** `verb`: what the command does to each target, for the help ("checked", "audited", "worked on"). */
export function fleetFlags(verb: string, opts: { failFast?: boolean } = {}): FlagGroup<Clouds> {
  return {
    declare: (cmd) => {
      cmd
        .option('--cloud <name>', `cloud from clouds.yaml; repeat for several clouds (default: ${DEFAULT_CLOUD})`, collect)
        .option('--all-clouds', 'every cloud in clouds.yaml')
        .option('--region <name>', "region of the cloud(s); repeat for several regions (default: the cloud's region_name, or its only one)", collect)
        .option('--all-regions', "every region with an image endpoint in each cloud's catalogue")
        .addOption(new Option('--concurrency <n>', `clouds and regions ${verb} at the same time`).default('4'));
      if (opts.failFast) cmd.option('--fail-fast', 'after a cloud or region fails, start no other (those under way finish; nothing is rolled back)');
    },
    parse: (o) => {
      const clouds = (o['cloud'] as string[] | undefined) ?? [];
      const regions = (o['region'] as string[] | undefined) ?? [];
      if (o['allClouds'] && clouds.length > 0) throw usage('--all-clouds excludes --cloud');
      if (o['allRegions'] && regions.length > 0) throw usage('--all-regions excludes --region');
      return {
        selection: { clouds, allClouds: o['allClouds'] === true, regions, allRegions: o['allRegions'] === true },
        concurrency: parseCount(o['concurrency'] as string, '--concurrency', `clouds and regions ${verb} at the same time`, 64),
        failFast: o['failFast'] === true,
      };
    },
  };
}

export interface OneCloud {
  cloud?: string | undefined;
  region?: string | undefined;
}

/** One cloud and region; `cloudHelp` only where the default differs (manage follows OIM). */
export function oneCloudFlags(cloudHelp = `cloud from clouds.yaml (default: ${DEFAULT_CLOUD})`): FlagGroup<OneCloud> {
  return {
    declare: (cmd) => cmd.option('--cloud <name>', cloudHelp).option('--region <name>', 'region of the cloud'),
    parse: (o) => ({ cloud: o['cloud'] as string | undefined, region: o['region'] as string | undefined }),
  };
}
