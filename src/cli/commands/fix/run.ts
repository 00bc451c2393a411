import { writeFile } from 'node:fs/promises';
import { describeNeeds } from '../../../core/adopt/build-definitions.js';
import { serializePlan } from '../../../core/plan/plan-file.js';
import { renderPlanText } from '../../../reporters/plan-text.js';
import { planFixes } from '../../../usecases/adopt/fix.js';
import { useColor } from '../../colour.js';
import { EXIT } from '../../exit-codes.js';
import type { FixRun } from './index.js';

/**
 * `scs-images fix`: read-only; prints the repair plan like `plan` does and writes it for
 * `apply FILE`. Exit 1 when some image needs values nothing could infer (the rest is planned).
 */
export async function run({ flags, opts, io }: FixRun): Promise<number> {
  const { plan, needsValues } = await planFixes({ ...flags.images, cloud: { ...flags.connection, ...flags.cloud, env: io.env }, now: flags.clock.now });
  if (opts.out) {
    await writeFile(opts.out, serializePlan(plan));
    io.stderr.write(`scs-images: plan written to ${opts.out} (apply it with: scs-images apply ${opts.out})\n`);
  }
  io.stdout.write(renderPlanText(plan, { color: useColor(opts.color ?? false, io.stdout, io.env) }));
  for (const n of needsValues) io.stderr.write(`scs-images: needs values: ${describeNeeds(n)}\n`);
  return needsValues.length > 0 ? EXIT.NOT_COMPLIANT : EXIT.OK;
}
