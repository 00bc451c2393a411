/**
 * The sizes of a plan's imports, for the time-budget estimate (core/plan/time-budget.ts): a HEAD
 * request's Content-Length for url sources, the file's size for `file:` ones. Bounded, since it
 * only informs an estimate: a short timeout per request, a few at once, at most MAX_HEADS
 * requests; whatever does not answer in time is of unknown size.
 */
import { stat } from 'node:fs/promises';
import type { ImportChange } from '../core/plan/types.js';
import type { BudgetImport } from '../core/plan/time-budget.js';
import { fetchContentLength } from '../inputs/fetch-text.js';

const HEAD_TIMEOUT_MS = 5_000;
const HEADS_AT_ONCE = 8;
const MAX_HEADS = 64;

export interface SizeOptions {
  timeoutMs?: number;
  trace?: (line: string) => void;
}

export async function importSizes(changes: readonly ImportChange[], opts: SizeOptions = {}): Promise<BudgetImport[]> {
  const out: BudgetImport[] = changes.map((c) => ({ name: c.name }));
  let heads = 0;
  const jobs = changes.map((c, i) => async () => {
    const src = c.source;
    try {
      if (src.kind === 'file') {
        if (src.path) (out[i] as BudgetImport).bytes = (await stat(src.path)).size;
        return;
      }
      if (heads >= MAX_HEADS) return;
      heads++;
      const bytes = await fetchContentLength(src.url, { timeoutMs: opts.timeoutMs ?? HEAD_TIMEOUT_MS, ...(opts.trace ? { trace: opts.trace } : {}) });
      if (bytes !== undefined) (out[i] as BudgetImport).bytes = bytes;
    } catch {
      // unknown size: the estimate assumes one
    }
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: Math.min(HEADS_AT_ONCE, jobs.length) }, worker));
  return out;
}
