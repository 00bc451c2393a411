/**
 * Options shared by `plan` and `apply`: which definitions, which cloud, which images count as
 * managed, and what happens to superseded and outdated versions. Usage errors end with exit 2.
 */
import type { Command } from 'commander';
import { DEFAULT_MANAGED_TAG, type OutdatedPolicy } from '../core/plan/types.js';
import { loadDefinitions } from '../inputs/load-definitions.js';
import type { OpenCloudOptions } from '../openstack/open-cloud.js';
import type { PlanRequest } from '../usecases/plan.js';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import type { FleetSelection } from '../usecases/fleet.js';
import { collect, connectionOptions, NOW_HELP, parseCount, parseNow, timeoutOption, insecureOption, debugOption } from './options.js';
import { selectionFrom, type SelectionFlags } from './selection-options.js';

export interface ManageOptions {
  /** `--cloud` repeated; several (or --all-clouds, several --region, --all-regions) make a fleet run (cli/fleet-run.ts). */
  cloud?: string[];
  allClouds?: boolean;
  region?: string[];
  allRegions?: boolean;
  /** Clouds/regions worked on at the same time. */
  concurrency: string;
  failFast?: boolean;
  images?: string;
  tag: string;
  hide?: boolean;
  hideCommunity?: boolean;
  deactivate?: boolean;
  delete?: boolean;
  yesIReallyKnowWhatIDo?: boolean;
  prune?: boolean;
  force?: boolean;
  now?: string;
  timeout: string;
  insecure?: boolean;
  color: boolean;
  debug?: boolean;
}

/**
 * OIM's `--hide` switches images to community visibility; here `--hide` is os_hidden (already the
 * default) and OIM's meaning is `--hide-community`. An OIM user typing `--hide` would get the other
 * behaviour without a word, so an explicit `--hide` is answered with this line (not when
 * `--hide-community` is given too: whoever types both knows there are two).
 */
export function hideWarning(opts: Pick<ManageOptions, 'hide' | 'hideCommunity'>): string | undefined {
  if (opts.hide !== true || opts.hideCommunity) return undefined;
  return "--hide here hides superseded and outdated versions with os_hidden (already the default); OIM's --hide (public → community visibility) is --hide-community here";
}

export function addManageOptions(cmd: Command, opts: { imagesRequired: boolean; io: CliIO }): Command {
  const images = '--images <path>';
  const imagesHelp = 'image definitions: a file or a directory of *.yml/*.yaml (OIM format)';
  return (opts.imagesRequired ? cmd.requiredOption(images, imagesHelp) : cmd.option(images, imagesHelp))
    .option('--cloud <name>', 'cloud from clouds.yaml; repeat for several clouds (default: $OS_CLOUD, the OS_* variables, or the only cloud)', collect)
    .option('--all-clouds', 'every cloud in clouds.yaml')
    .option('--region <name>', 'region of the cloud(s); repeat for several regions', collect)
    .option('--all-regions', "every region with an image endpoint in each cloud's catalogue")
    .option('--concurrency <n>', 'clouds and regions worked on at the same time', '4')
    .option('--fail-fast', 'after a cloud or region fails, start no other (those under way finish; nothing is rolled back)')
    .option('--tag <tag>', 'tag that marks managed images; only images with it, owned by your project, are changed', DEFAULT_MANAGED_TAG)
    .option('--hide', "hide superseded and outdated versions with os_hidden (the default; not OIM's --hide, that is --hide-community)")
    .option('--no-hide', 'leave superseded and outdated versions listed')
    .option('--hide-community', "hide by switching public images to community visibility (OIM's --hide) instead of os_hidden")
    .option('--deactivate', 'deactivate outdated versions (beyond uuid_validity)')
    .option('--delete', 'delete outdated versions; needs --yes-i-really-know-what-i-do')
    .option('--yes-i-really-know-what-i-do', 'confirms --delete')
    .option('--prune', 'managed images that no definition claims (definition removed) count as outdated')
    .option('--force', 'also process definitions with enable: false')
    .option(
      '--now <time>',
      `${NOW_HELP}: which versions are outdated (uuid_validity), the registration date of new images and, in ensure, the prediction and the check`,
    )
    .addOption(timeoutOption())
    .addOption(insecureOption())
    .option('--no-color', 'no colours (default: colours only on a terminal)')
    .addOption(debugOption())
    .hook('preAction', (command) => {
      // before the command reads anything, so the line comes first and also on a failing run
      const warning = hideWarning(command.opts<ManageOptions>());
      if (warning) opts.io.stderr.write(`scs-images: warning: ${warning}\n`);
    });
}

/** The outdated-version policy from the flags; `--delete` alone is refused. */
export function policyFrom(opts: ManageOptions): OutdatedPolicy {
  if (opts.delete && !opts.yesIReallyKnowWhatIDo) {
    throw new ExitError(EXIT.USAGE, 'error: --delete deletes images other projects may still use; add --yes-i-really-know-what-i-do to confirm');
  }
  // --hide has no default (so an explicit --hide can be told apart): only --no-hide makes it false
  if (opts.hideCommunity && opts.hide === false) throw new ExitError(EXIT.USAGE, 'error: --hide-community and --no-hide exclude each other');
  return {
    hide: opts.hideCommunity ? 'community' : opts.hide === false ? 'none' : 'os_hidden',
    deactivate: opts.deactivate ?? false,
    delete: opts.delete ?? false,
    prune: opts.prune ?? false,
  };
}

/** Where to open the cloud of a single-cloud run: --cloud/--region and the connection flags. */
export function cloudFrom(opts: ManageOptions, io: CliIO): OpenCloudOptions {
  return { ...connectionOptions(opts, io), cloud: opts.cloud?.[0], region: opts.region?.[0], env: io.env };
}

/** Which clouds and regions: --cloud and --region repeated, --all-clouds, --all-regions. */
export function fleetSelectionFrom(opts: ManageOptions): FleetSelection {
  if (opts.allClouds && (opts.cloud?.length ?? 0) > 0) throw new ExitError(EXIT.USAGE, 'error: --all-clouds excludes --cloud');
  if (opts.allRegions && (opts.region?.length ?? 0) > 0) throw new ExitError(EXIT.USAGE, 'error: --all-regions excludes --region');
  return { clouds: opts.cloud ?? [], allClouds: opts.allClouds ?? false, regions: opts.region ?? [], allRegions: opts.allRegions ?? false };
}

/** --concurrency and --fail-fast of a fleet run. */
export function fleetRunFrom(opts: ManageOptions): { concurrency: number; failFast: boolean } {
  return {
    concurrency: parseCount(opts.concurrency ?? '4', '--concurrency', 'clouds and regions worked on at the same time', 64),
    failFast: opts.failFast ?? false,
  };
}

/**
 * The flags and the definitions → a plan request, read in order of cheapness: flags first, then
 * the definitions (bad input fails before any cloud call); the cloud is the use case's.
 */
export async function planRequestFrom(opts: ManageOptions & SelectionFlags & { images: string }, io: CliIO, now = parseNow(opts.now)): Promise<PlanRequest> {
  const policy = policyFrom(opts);
  const selection = selectionFrom(opts);
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  return { definitions, cloud: cloudFrom(opts, io), tag: opts.tag, policy, includeDisabled: opts.force ?? false, now, ...selection };
}
