import { writeFile } from 'node:fs/promises';
import { serializePlan, serializePlans } from '../../core/plan/plan-file.js';
import { isEmptyPlan, type Plan } from '../../core/plan/types.js';
import { isFleet, resolveTargets } from '../../usecases/fleet.js';
import { runFleetCommand } from '../fleet-run.js';
import { renderPlanText } from '../../reporters/plan-text.js';
import { makePlan } from '../../usecases/plan.js';
import { useColor } from '../colour.js';
import { ChangesPresent, EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { fleetRunFrom, fleetSelectionFrom, planRequestFrom, type ManageOptions } from '../manage-options.js';

export interface PlanOptions extends ManageOptions {
  images: string;
  out?: string;
  format: 'text' | 'json';
  detailedExitcode?: boolean;
}

/**
 * `scs-images plan`: read-only. Prints the plan as a diff (or JSON), optionally writes it for
 * `apply plan.json`. With --detailed-exitcode: 0 no changes, 2 changes, 1 error (Terraform).
 */
export async function planCommand(opts: PlanOptions, io: CliIO): Promise<number> {
  if (opts.format !== 'text' && opts.format !== 'json') throw new ExitError(EXIT.USAGE, `error: --format: '${String(opts.format)}' is not text or json`);
  const selection = fleetSelectionFrom(opts);
  if (isFleet(selection)) return fleetPlan(opts, io);
  const { plan, cloud } = await makePlan(await planRequestFrom(opts, io));
  await cloud.client.close();
  if (opts.out) {
    await writeFile(opts.out, serializePlan(plan));
    io.stderr.write(`scs-images: plan written to ${opts.out} (apply it with: scs-images apply ${opts.out})\n`);
  }
  io.stdout.write(opts.format === 'json' ? serializePlan(plan) : renderPlanText(plan, { color: useColor(opts.color, io.stdout, io.env) }));
  if (opts.detailedExitcode && !isEmptyPlan(plan)) throw new ChangesPresent();
  return EXIT.OK;
}

/**
 * `plan` over several clouds/regions: one plan each (read-only, so --fail-fast only saves time),
 * all in one `--out` file that `apply` takes whole. A cloud that could not be planned is in the
 * summary and leaves no plan in the file.
 */
async function fleetPlan(opts: PlanOptions, io: CliIO): Promise<number> {
  const run = fleetRunFrom(opts);
  const request = await planRequestFrom(opts, io);
  const targets = await resolveTargets(fleetSelectionFrom(opts), request.cloud, run.concurrency);
  const plans: Array<Plan | undefined> = targets.map(() => undefined);
  const worst = await runFleetCommand(targets, { ...run, json: opts.format === 'json' }, io, async (target, out) => {
    const { plan, cloud } = await makePlan({ ...request, cloud: { ...request.cloud, cloud: target.cloud, region: target.region } });
    await cloud.client.close();
    plans[targets.indexOf(target)] = plan;
    out.stdout.write(opts.format === 'json' ? serializePlan(plan) : renderPlanText(plan, { color: useColor(opts.color, io.stdout, io.env) }));
    return EXIT.OK;
  });
  const made = plans.filter((p): p is Plan => p !== undefined);
  if (opts.out && made.length > 0) {
    await writeFile(opts.out, serializePlans(made));
    io.stderr.write(`scs-images: ${made.length} plan(s) written to ${opts.out} (apply them with: scs-images apply ${opts.out})\n`);
  }
  // --detailed-exitcode (Terraform): 1 when any cloud failed, else 2 when any plan has changes
  if (opts.detailedExitcode) {
    if (worst !== EXIT.OK) return EXIT.NOT_COMPLIANT;
    if (made.some((p) => !isEmptyPlan(p))) throw new ChangesPresent();
  }
  return worst;
}
