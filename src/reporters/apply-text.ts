/**
 * The end of an apply for people: one line per change in the order the changes ended (image,
 * version, image id, what happened), then the counts. Internal plan keys never appear; strings
 * from the cloud or the definitions go through `printable`.
 */
import type { ApplyResult, ChangeOutcome } from '../apply/types.js';
import { changeLabel, type Plan } from '../core/plan/types.js';
import { printable } from './common.js';
import { planSummary } from './plan-text.js';

const WORD: Record<ChangeOutcome, string> = { done: 'done', failed: 'FAILED', skipped: 'skipped', interrupted: 'interrupted' };

export function renderApplyResult(plan: Pick<Plan, 'changes'>, result: ApplyResult, requests: string): string {
  const out = ['', 'Results, in the order they ended:'];
  for (const r of result.results) {
    const id = r.imageId ? ` [${r.imageId}]` : '';
    out.push(`  ${WORD[r.outcome].padEnd(11)} ${r.action.padEnd(10)} ${printable(changeLabel(r))}${id}: ${printable(r.message)}`);
  }
  const n = (o: ChangeOutcome): number => result.results.filter((r) => r.outcome === o).length;
  const counts = `${n('done')} done, ${n('failed')} failed, ${n('skipped')} skipped${result.interrupted ? `, ${n('interrupted')} interrupted` : ''}`;
  out.push(`${result.interrupted ? 'Apply interrupted' : 'Apply'}: ${counts} (of: ${planSummary(plan)}); ${requests}.`);
  if (result.interrupted) out.push('Nothing half-made is visible: run apply again to resume and finish.');
  return `${out.join('\n')}\n`;
}
