import type { OutdatedPolicy } from '../../core/plan/types.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { makePlan, type PlanRequest } from '../../usecases/plan.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { cloudFrom, type ManageOptions } from '../manage-options.js';
import { parseNow } from '../options.js';
import { parseDays, selectionFrom } from '../selection-options.js';
import { applyRunOptions, applySession, progressDisplay, type ApplyCmdOptions } from './apply.js';
import { shareCommand } from './share.js';
import { validateCommand } from './validate.js';

export interface ManageCmdOptions extends Omit<ApplyCmdOptions, 'hide' | 'images' | 'cloud' | 'region' | 'concurrency'> {
  /** OIM's --cloud and --region: one each (fleets are apply's, cli/fleet-run.ts). */
  cloud?: string;
  region?: string;
  images: string;
  filter?: string;
  latest?: boolean;
  checkAge?: boolean;
  maxAge: string;
  keep?: boolean;
  hide?: boolean;
  useOsHidden?: boolean;
  dryRun?: boolean;
  shareImage?: string;
  shareAction: 'add' | 'del';
  shareDomain: string;
  shareTarget?: string;
  shareType: 'project' | 'domain';
  check?: boolean;
  checkOnly?: boolean;
  stuckRetry: string;
  prefetch: 'never' | 'on-stuck' | 'always';
}

const warn = (io: CliIO, line: string): void => {
  io.stderr.write(`scs-images: warning: ${line}\n`);
};

/**
 * OIM's flags → this tool's policy. Where OIM's behaviour was a bug, the intended one:
 * `--use-os-hidden` hides superseded images, not the new one (W-OIM-2); `--delete` alone deletes
 * nothing and says so (OIM only logged "deletion is disabled" per image).
 */
export function oimPolicy(
  opts: Pick<ManageCmdOptions, 'hide' | 'useOsHidden' | 'deactivate' | 'delete' | 'yesIReallyKnowWhatIDo' | 'keep'>,
  io: CliIO,
): OutdatedPolicy {
  if (opts.delete && !opts.yesIReallyKnowWhatIDo) warn(io, '--delete without --yes-i-really-know-what-i-do deletes nothing (as in OIM)');
  if (opts.hide && opts.useOsHidden) warn(io, '--hide and --use-os-hidden: superseded images are hidden with os_hidden (one way of hiding is applied)');
  return {
    hide: opts.useOsHidden ? 'os_hidden' : opts.hide ? 'community' : 'none',
    deactivate: opts.deactivate ?? false,
    delete: Boolean(opts.delete && opts.yesIReallyKnowWhatIDo),
    // OIM only warns about images whose definition is gone ("No image definition found")
    prune: false,
    lifetime: 'listed-too',
    keepUnlisted: opts.keep ?? false,
  };
}

/** No --cloud: OIM connects to the cloud `openstack`, unless the environment names one. */
export function oimCloud(opts: Pick<ManageCmdOptions, 'cloud'>, env: CliIO['env']): string | undefined {
  if (opts.cloud !== undefined) return opts.cloud;
  return env['OS_CLOUD'] || env['OS_AUTH_URL'] ? undefined : 'openstack';
}

/**
 * `scs-images manage`: OIM's command line. --check-only validates; --share-image shares; otherwise
 * a plan (OIM's lifetime rule) that is shown and applied without a question, as OIM never asks.
 */
export async function manageCommand(opts: ManageCmdOptions, io: CliIO): Promise<number> {
  // every flag first: bad usage fails before any file or cloud is read
  const now = parseNow(opts.now);
  const stuckRetry = parseDays(opts.stuckRetry, '--stuck-retry');
  const maxAgeDays = parseDays(opts.maxAge, '--max-age');
  const { selection } = selectionFrom({ ...(opts.filter !== undefined ? { filter: opts.filter } : {}), latest: opts.latest ?? false });
  const run = {
    ...applyRunOptions(opts),
    webDownloadAttempts: stuckRetry + 1,
    ...(opts.prefetch === 'never' ? { streamFallback: false } : {}),
  };
  const cloud = oimCloud(opts, io.env);
  if (opts.checkOnly) return validateCommand({ images: opts.images, tag: opts.tag, format: 'text', ...(opts.now ? { now: opts.now } : {}) }, io);
  if (opts.shareImage !== undefined) return manageShare({ ...opts, shareImage: opts.shareImage }, cloud, io);

  const policy = oimPolicy(opts, io);
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) warn(io, w);
  const req: PlanRequest = {
    definitions,
    cloud: cloudFrom(singleCloud(opts, cloud), io),
    tag: opts.tag,
    policy,
    includeDisabled: opts.force ?? false,
    now,
    ...(selection ? { selection } : {}),
    ...(opts.checkAge ? { maxAgeDays } : {}),
  };
  const session = await makePlan(req);
  const applyOpts: ApplyCmdOptions = {
    ...singleCloud(opts, cloud),
    hide: undefined,
    webDownload: opts.webDownload !== false && opts.prefetch !== 'always',
    autoApprove: true,
  };
  return applySession(session, applyOpts, run, io, { json: false, ask: false, out: io.stdout, progress: progressDisplay(applyOpts, io) });
}

/** The single-cloud options of plan/apply (lists of one) from OIM's --cloud and --region. */
function singleCloud(
  opts: ManageCmdOptions,
  cloud: string | undefined,
): Omit<ManageCmdOptions, 'cloud' | 'region'> & Pick<ManageOptions, 'cloud' | 'region' | 'concurrency'> {
  const { cloud: _oimCloud, region, ...rest } = opts;
  return { ...rest, ...(cloud !== undefined ? { cloud: [cloud] } : {}), ...(region !== undefined ? { region: [region] } : {}), concurrency: '1' };
}

async function manageShare(opts: ManageCmdOptions & { shareImage: string }, cloud: string | undefined, io: CliIO): Promise<number> {
  if (opts.shareTarget === undefined) throw new ExitError(EXIT.USAGE, 'error: --share-image needs --share-target (the project or domain to share with)');
  const target = opts.shareType === 'domain' ? { domainProjects: opts.shareTarget } : { project: opts.shareTarget, domain: opts.shareDomain };
  if (opts.dryRun) {
    const whom = opts.shareType === 'domain' ? `every project of domain ${opts.shareTarget}` : `project ${opts.shareTarget} (domain ${opts.shareDomain})`;
    io.stdout.write(`Dry run: would ${opts.shareAction === 'add' ? 'share' : 'stop sharing'} ${opts.shareImage} with ${whom}; nothing was changed.\n`);
    return EXIT.OK;
  }
  return shareCommand(
    {
      ...(cloud !== undefined ? { cloud } : {}),
      ...(opts.region !== undefined ? { region: opts.region } : {}),
      timeout: opts.timeout,
      ...(opts.insecure ? { insecure: true } : {}),
      ...(opts.debug ? { debug: true } : {}),
      image: opts.shareImage,
      ...target,
      remove: opts.shareAction === 'del',
      // OIM accepts the membership on the member's behalf right away
      accept: opts.shareAction === 'add',
    },
    io,
  );
}
