import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { applyPlan } from '../../apply/apply-plan.js';
import { fingerprintImages } from '../../core/plan/fingerprint.js';
import { managedImages } from '../../core/plan/match.js';
import { readPlan } from '../../core/plan/plan-file.js';
import { isEmptyPlan, type Plan } from '../../core/plan/types.js';
import { planSummary, renderPlanText } from '../../reporters/plan-text.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../main.js';
import { cloudOptions, makePlan } from '../make-plan.js';
import { listManageable, openManagedCloud, type ManagedCloud } from '../manage-cloud.js';
import { useColor, type ManageOptions } from '../manage-options.js';
import { parseSeconds } from '../options.js';
import { createProgress } from '../progress.js';

export interface ApplyCmdOptions extends ManageOptions {
  dryRun: boolean;
  parallel: string;
  importTimeout: string;
  stuckTimeout: string;
  webDownload: boolean;
  readBack: boolean;
  progress: 'auto' | 'bar' | 'plain';
}

/** A saved plan applies only to the cloud state it was computed from (Terraform's stale-plan check). */
async function loadSavedPlan(file: string, opts: ApplyCmdOptions, io: CliIO): Promise<{ plan: Plan; cloud: ManagedCloud }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ExitError(EXIT.USAGE, `error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const plan = readPlan(text, file);
  const cloud = await openManagedCloud({ ...cloudOptions(opts, io), cloud: opts.cloud ?? plan.cloud.name, region: opts.region ?? plan.cloud.region });
  try {
    if (cloud.projectId !== plan.cloud.projectId) {
      throw new ExitError(EXIT.NOT_COMPLIANT, `error: ${file} was made for project ${plan.cloud.projectId}; these credentials act as project ${cloud.projectId}`);
    }
    const images = await listManageable(cloud.client, plan.tag, cloud.projectId);
    if (fingerprintImages(managedImages(images, plan.tag, cloud.projectId)) !== plan.fingerprint) {
      throw new ExitError(EXIT.NOT_COMPLIANT, `error: the managed images changed since ${file} was made (${plan.createdAt}); run plan again`);
    }
    return { plan, cloud };
  } catch (e) {
    await cloud.client.close();
    throw e;
  }
}

/**
 * `scs-images apply [plan.json]`: 0 everything applied, 1 a change failed or the saved plan is
 * stale, 2 bad input, 3 the cloud could not be reached.
 */
export async function runApply(planFile: string | undefined, opts: ApplyCmdOptions, io: CliIO): Promise<number> {
  if (planFile && opts.images) throw new ExitError(EXIT.USAGE, 'error: give either a plan file or --images, not both (a plan file carries its definitions and flags)');
  if (!planFile && !opts.images) throw new ExitError(EXIT.USAGE, 'error: apply needs --images PATH or a plan file from `plan --out`');
  const concurrency = Number(opts.parallel);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new ExitError(EXIT.USAGE, `error: --parallel: '${opts.parallel}' is not a whole number from 1 to 32`);
  const importTimeoutMs = parseSeconds(opts.importTimeout, '--import-timeout') * 1000;
  const stuckMs = parseSeconds(opts.stuckTimeout, '--stuck-timeout') * 1000;

  const { plan, cloud } = planFile ? await loadSavedPlan(planFile, opts, io) : await makePlan({ ...opts, images: opts.images as string }, io);
  const color = useColor(opts, io.stdout, io.env);
  try {
    io.stdout.write(renderPlanText(plan, { color }));
    if (opts.dryRun || isEmptyPlan(plan)) {
      io.stdout.write(`${opts.dryRun ? 'Dry run: nothing was changed' : 'Nothing to do'}; ${requestsText(cloud)}.\n`);
      return EXIT.OK;
    }
    const tty = opts.progress === 'bar' || (opts.progress === 'auto' && Boolean(io.stderr.isTTY));
    const progress = createProgress(io.stderr, tty);
    const controller = new AbortController();
    const onSigint = (): void => {
      io.stderr.write('scs-images: interrupted; finishing the current requests (Ctrl-C again to quit at once)\n');
      process.off('SIGINT', onSigint);
      controller.abort(new Error('interrupted'));
    };
    process.on('SIGINT', onSigint);
    let result;
    try {
      result = await applyPlan(plan, cloud.client.image, {
        concurrency, importTimeoutMs, stuckMs, downloadIdleMs: 60_000, webDownload: opts.webDownload, readBack: opts.readBack,
        signal: controller.signal, now: Date.now, sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}), onEvent: (e) => progress.onEvent(e),
      });
    } finally {
      process.off('SIGINT', onSigint);
      progress.finish();
    }
    const n = (o: string) => result.results.filter((r) => r.outcome === o).length;
    io.stdout.write(`\nApply: ${n('done')} done, ${n('failed')} failed, ${n('skipped')} skipped (of: ${planSummary(plan)}); ${requestsText(cloud)}.\n`);
    for (const r of result.results.filter((x) => x.outcome === 'failed')) io.stdout.write(`  failed: ${r.name}: ${r.message}\n`);
    return result.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
  } finally {
    await cloud.client.close();
  }
}

/** `12 API requests (identity POST 1, image GET 9, image PATCH 2)`: the whole run, token included. */
function requestsText(cloud: ManagedCloud): string {
  const s = cloud.client.stats.snapshot();
  const parts = Object.entries(s.byService).flatMap(([service, methods]) => Object.entries(methods).map(([m, n]) => `${service} ${m} ${n}`));
  return `${s.requests} API requests (${parts.join(', ')})`;
}
