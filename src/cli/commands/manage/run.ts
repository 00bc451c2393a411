import { budgetWarning, estimateImportTime } from '../../../core/plan/time-budget.js';
import { isImportChange, type OutdatedPolicy } from '../../../core/plan/types.js';
import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { importSizes } from '../../../usecases/import-sizes.js';
import { closeSession, makePlan, type PlanRequest, type PlanSession } from '../../../usecases/plan.js';
import { applySession } from '../../apply-session.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import { parseDays, parseFilter, parseSeconds } from '../../flags/values.js';
import type { CliIO } from '../../io.js';
import { run as validate } from '../validate/run.js';
import { shareAndSay } from '../share/run.js';
import type { ManageRun, ManageOwnFlags } from './index.js';

const warn = (io: CliIO, line: string): void => {
  io.stderr.write(`scs-images: warning: ${line}\n`);
};

/**
 * OIM's flags → this tool's policy. Where OIM's behaviour was a bug, the intended one:
 * `--use-os-hidden` hides superseded images, not the new one; `--delete` alone deletes
 * nothing and says so (OIM only logged "deletion is disabled" per image).
 */
export function oimPolicy(
  opts: Pick<ManageOwnFlags, 'hide' | 'useOsHidden' | 'deactivate' | 'delete' | 'yesIReallyKnowWhatIDo' | 'keep'>,
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
export function oimCloud(opts: { cloud?: string | undefined }, env: CliIO['env']): string | undefined {
  if (opts.cloud !== undefined) return opts.cloud;
  return env['OS_CLOUD'] || env['OS_AUTH_URL'] ? undefined : 'openstack';
}

/**
 * `scs-images manage`: OIM's command line. --check-only validates; --share-image shares; otherwise
 * a plan (OIM's lifetime rule) that is shown and applied without a question, as OIM never asks.
 */
export async function run({ flags, opts, io }: ManageRun): Promise<number> {
  // every flag first: bad usage fails before any file or cloud is read
  const stuckRetry = parseDays(opts.stuckRetry, '--stuck-retry');
  const maxAgeDays = parseDays(opts.maxAge, '--max-age');
  const filter = opts.filter !== undefined ? parseFilter(opts.filter) : undefined;
  const selection = filter || opts.latest ? { ...(filter ? { filter } : {}), ...(opts.latest ? { latestOnly: true } : {}) } : undefined;
  const imports = {
    ...flags.imports,
    webDownload: flags.imports.webDownload && opts.prefetch !== 'always',
    run: { ...flags.imports.run, webDownloadAttempts: stuckRetry + 1, ...(opts.prefetch === 'never' ? { streamFallback: false } : {}) },
  };
  const budget = opts.timeBudget !== undefined ? parseSeconds(opts.timeBudget, '--time-budget') : undefined;
  if (opts.strictBudget && budget === undefined) throw new ExitError(EXIT.USAGE, 'error: --strict-budget needs --time-budget SECONDS');
  const cloud = { cloud: oimCloud(flags.cloud, io.env), region: flags.cloud.region };
  if (opts.checkOnly) {
    return validate({
      flags: {
        definitions: { path: opts.images, tag: opts.tag, includeDisabled: false },
        rules: { standards: [], withRecommended: false, strict: false, strictReading: false, named: false },
        output: { format: 'text', color: false, verbose: false, explain: false },
        clock: flags.clock,
      },
      opts: {},
      args: [],
      io,
    });
  }
  if (opts.shareImage !== undefined) return manageShare(opts, { ...flags.connection, ...cloud, env: io.env }, io);

  const policy = oimPolicy(opts, io);
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) warn(io, w);
  const req: PlanRequest = {
    definitions,
    cloud: { ...flags.connection, ...cloud, env: io.env },
    tag: opts.tag,
    policy,
    includeDisabled: opts.force ?? false,
    now: flags.clock.now,
    ...(selection ? { selection } : {}),
    ...(opts.checkAge ? { maxAgeDays } : {}),
  };
  const session = await makePlan(req);
  if (budget !== undefined) await checkBudget(session, budget, imports.run, opts.strictBudget === true, io);
  const end = await applySession(session, imports, io, { json: false, ask: false, out: io.stdout, color: opts.color !== false, dryRun: opts.dryRun === true });
  return end.code;
}

async function manageShare(opts: ManageOwnFlags, cloud: Parameters<typeof shareAndSay>[0]['cloud'], io: CliIO): Promise<number> {
  if (opts.shareTarget === undefined) throw new ExitError(EXIT.USAGE, 'error: --share-image needs --share-target (the project or domain to share with)');
  const target = opts.shareType === 'domain' ? { domainProjects: opts.shareTarget } : { project: opts.shareTarget, domain: opts.shareDomain };
  if (opts.dryRun) {
    const whom = opts.shareType === 'domain' ? `every project of domain ${opts.shareTarget}` : `project ${opts.shareTarget} (domain ${opts.shareDomain})`;
    io.stdout.write(`Dry run: would ${opts.shareAction === 'add' ? 'share' : 'stop sharing'} ${opts.shareImage} with ${whom}; nothing was changed.\n`);
    return EXIT.OK;
  }
  return shareAndSay(
    {
      cloud,
      image: opts.shareImage as string,
      target,
      remove: opts.shareAction === 'del',
      // OIM accepts the membership on the member's behalf right away
      accept: opts.shareAction === 'add',
    },
    io,
  );
}

/**
 * `--time-budget`: before the first import, estimate how long the plan's imports take (sizes by
 * HEAD request) and warn when that exceeds the budget; with `--strict-budget`, stop there (exit
 * 1, nothing changed).
 */
async function checkBudget(
  session: PlanSession,
  budgetSeconds: number,
  run: { concurrency: number; importTimeoutMs: number },
  strict: boolean,
  io: CliIO,
): Promise<void> {
  const changes = session.plan.changes.filter(isImportChange);
  if (changes.length === 0) return;
  const estimate = estimateImportTime({
    imports: await importSizes(changes),
    parallel: run.concurrency,
    importTimeoutSeconds: run.importTimeoutMs / 1000,
  });
  const warning = budgetWarning(estimate, budgetSeconds);
  if (!warning) return;
  warn(io, warning);
  if (!strict) return;
  await closeSession(session);
  throw new ExitError(EXIT.NOT_COMPLIANT, 'error: the imports may not fit --time-budget (--strict-budget): nothing was changed');
}
