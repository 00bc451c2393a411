import { writeFile } from 'node:fs/promises';
import { serializePlan } from '../../core/plan/plan-file.js';
import { isEmptyPlan } from '../../core/plan/types.js';
import { renderPlanText } from '../../reporters/plan-text.js';
import { makePlan } from '../../usecases/plan.js';
import { useColor } from '../colour.js';
import { ChangesPresent, EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { planRequestFrom, type ManageOptions } from '../manage-options.js';

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
