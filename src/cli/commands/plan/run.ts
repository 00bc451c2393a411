import { writeFile } from 'node:fs/promises';
import { serializePlan, serializePlans } from '../../../core/plan/plan-file.js';
import { isEmptyPlan, type Plan } from '../../../core/plan/types.js';
import { renderPlanText } from '../../../reporters/plan-text.js';
import { isFleet, resolveTargets } from '../../../usecases/fleet.js';
import { makePlan } from '../../../usecases/plan.js';
import { useColor } from '../../colour.js';
import { ChangesPresent, EXIT } from '../../exit-codes.js';
import { runFleetCommand } from '../../fleet-view.js';
import { firstTarget, planRequest } from '../../plan-request.js';
import type { PlanRun } from './index.js';

/**
 * `scs-images plan`: read-only. Prints the plan as a diff (or JSON), optionally writes it for
 * `apply plan.json`. With --detailed-exitcode: 0 no changes, 2 changes, 1 error (Terraform).
 *
 * Over several clouds/regions: one plan each (read-only, so --fail-fast only saves time), all in
 * one `--out` file that `apply` takes whole. A cloud that could not be planned is in the summary
 * and leaves no plan in the file.
 */
export async function run({ flags, opts, io }: PlanRun): Promise<number> {
  const { clouds, output } = flags;
  const render = (plan: Plan): string =>
    output.format === 'json' ? serializePlan(plan) : renderPlanText(plan, { color: useColor(output.color, io.stdout, io.env) });
  if (!isFleet(clouds.selection)) {
    const { plan, cloud } = await makePlan(await planRequest(flags, firstTarget(clouds.selection), io));
    await cloud.client.close();
    if (opts.out) {
      await writeFile(opts.out, serializePlan(plan));
      io.stderr.write(`scs-images: plan written to ${opts.out} (apply it with: scs-images apply ${opts.out})\n`);
    }
    io.stdout.write(render(plan));
    if (opts.detailedExitcode && !isEmptyPlan(plan)) throw new ChangesPresent();
    return EXIT.OK;
  }
  const request = await planRequest(flags, {}, io);
  const targets = await resolveTargets(clouds.selection, request.cloud, clouds.concurrency);
  const plans: Array<Plan | undefined> = targets.map(() => undefined);
  const worst = await runFleetCommand(targets, { ...clouds, json: output.format === 'json' }, io, async (target, out) => {
    const { plan, cloud } = await makePlan({ ...request, cloud: { ...request.cloud, cloud: target.cloud, region: target.region } });
    await cloud.client.close();
    plans[targets.indexOf(target)] = plan;
    if (output.format !== 'json') out.stdout.write(render(plan));
    return { code: EXIT.OK, document: plan };
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
