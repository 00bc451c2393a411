import { writeFile } from 'node:fs/promises';
import { describeNeeds } from '../../core/adopt/build-definitions.js';
import { serializePlan } from '../../core/plan/plan-file.js';
import { renderPlanText } from '../../reporters/plan-text.js';
import { planFixes } from '../../usecases/adopt/fix.js';
import { useColor } from '../colour.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { adoptRequestParts, type RawAdoptOptions } from './adopt-options.js';

/**
 * `scs-images fix`: read-only; prints the repair plan like `plan` does and writes it for
 * `apply FILE`. Exit 1 when some image needs values nothing could infer (the rest is planned).
 */
export async function fixCommand(opts: RawAdoptOptions & { out?: string; color?: boolean }, io: CliIO): Promise<number> {
  const { plan, needsValues } = await planFixes(adoptRequestParts(opts, io));
  if (opts.out) {
    await writeFile(opts.out, serializePlan(plan));
    io.stderr.write(`scs-images: plan written to ${opts.out} (apply it with: scs-images apply ${opts.out})\n`);
  }
  io.stdout.write(renderPlanText(plan, { color: useColor(opts.color ?? false, io.stdout, io.env) }));
  for (const n of needsValues) io.stderr.write(`scs-images: needs values: ${describeNeeds(n)}\n`);
  return needsValues.length > 0 ? EXIT.NOT_COMPLIANT : EXIT.OK;
}
