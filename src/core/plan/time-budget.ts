/**
 * Will a run's imports fit a time budget? OSISM runs the image manager as a task that is killed
 * after one hour, and a first import of a whole catalogue can take longer; `manage
 * --time-budget SECONDS` says so before the first import starts (and `--strict-budget` stops
 * there). The estimate is deliberately simple and stated with its assumptions:
 *
 * - each import takes a fixed overhead (create, Glance's import task, verification, publishing)
 *   plus its size at an assumed rate, and never longer than `--import-timeout` (apply gives up
 *   then);
 * - an import of unknown size is assumed as large as the median of the known ones in the plan,
 *   or ASSUMED_UNKNOWN_BYTES when none is known;
 * - `--parallel N` imports run at once, each starting when one ends, in plan order (as apply
 *   schedules them): the estimate is the end of the last one;
 * - the worst case is every import using its whole `--import-timeout`.
 */

/** Per-import download and import rate assumed (Glance's web-download or the tool's stream). */
export const ASSUMED_BYTES_PER_SECOND = 20 * 1024 * 1024;
/** Per-import overhead besides the bytes: create, the import task, verification, finalisation. */
export const ASSUMED_OVERHEAD_SECONDS = 30;
/** The size of an import of unknown size when the plan knows none (a typical cloud image). */
export const ASSUMED_UNKNOWN_BYTES = 1024 * 1024 * 1024;

export interface BudgetImport {
  name: string;
  /** Bytes, when known (Content-Length of the source, a local file's size). */
  bytes?: number;
}

export interface BudgetInput {
  imports: readonly BudgetImport[];
  /** `--parallel`. */
  parallel: number;
  /** `--import-timeout`, seconds. */
  importTimeoutSeconds: number;
  bytesPerSecond?: number;
  overheadSeconds?: number;
}

export interface TimeEstimate {
  imports: number;
  parallel: number;
  /** Imports whose size is known, and their bytes. */
  knownSizes: number;
  knownBytes: number;
  /** The size assumed for each import of unknown size. */
  assumedBytes: number;
  bytesPerSecond: number;
  overheadSeconds: number;
  /** The estimate: when the last import ends, seconds from the first start. */
  seconds: number;
  /** Every import running into --import-timeout. */
  worstSeconds: number;
  importTimeoutSeconds: number;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** How long the imports of a plan take, by the assumptions above. */
export function estimateImportTime(input: BudgetInput): TimeEstimate {
  const rate = input.bytesPerSecond ?? ASSUMED_BYTES_PER_SECOND;
  const overhead = input.overheadSeconds ?? ASSUMED_OVERHEAD_SECONDS;
  const parallel = Math.max(1, Math.floor(input.parallel));
  const known = input.imports.map((i) => i.bytes).filter((b): b is number => b !== undefined && Number.isFinite(b) && b >= 0);
  const assumed = median(known) ?? ASSUMED_UNKNOWN_BYTES;
  const durations = input.imports.map((i) => {
    const bytes = i.bytes !== undefined && Number.isFinite(i.bytes) && i.bytes >= 0 ? i.bytes : assumed;
    return Math.min(input.importTimeoutSeconds, overhead + bytes / rate);
  });
  // list scheduling: each import starts on the slot that frees up first
  const slots = new Array<number>(Math.min(parallel, Math.max(1, durations.length))).fill(0);
  for (const d of durations) {
    let first = 0;
    for (let s = 1; s < slots.length; s++) if ((slots[s] as number) < (slots[first] as number)) first = s;
    slots[first] = (slots[first] as number) + d;
  }
  return {
    imports: input.imports.length,
    parallel,
    knownSizes: known.length,
    knownBytes: known.reduce((a, b) => a + b, 0),
    assumedBytes: assumed,
    bytesPerSecond: rate,
    overheadSeconds: overhead,
    seconds: durations.length === 0 ? 0 : Math.max(...slots),
    worstSeconds: Math.ceil(input.imports.length / parallel) * input.importTimeoutSeconds,
    importTimeoutSeconds: input.importTimeoutSeconds,
  };
}

/** `1 h 5 min`, `12 min`, `40 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** `1.5 GiB`, `640 MiB`. */
export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** The warning when the estimate exceeds the budget, with the numbers it came from; undefined when it fits. */
export function budgetWarning(e: TimeEstimate, budgetSeconds: number): string | undefined {
  if (e.imports === 0 || e.seconds <= budgetSeconds) return undefined;
  const unknown = e.imports - e.knownSizes;
  const sizes =
    unknown === 0
      ? `${formatBytes(e.knownBytes)} in all`
      : e.knownSizes === 0
        ? `sizes unknown, assumed ${formatBytes(e.assumedBytes)} each`
        : `${e.knownSizes} of known size (${formatBytes(e.knownBytes)}), ${unknown} assumed ${formatBytes(e.assumedBytes)} each`;
  const rounds = Math.ceil(e.imports / e.parallel);
  return (
    `the imports may not fit --time-budget ${budgetSeconds} s (${formatDuration(budgetSeconds)}): ${e.imports} import(s), ${e.parallel} at a time (--parallel), ` +
    `${sizes}; estimated ${formatDuration(e.seconds)} at ${formatBytes(e.bytesPerSecond)}/s per import plus ${e.overheadSeconds} s each; ` +
    `at worst ${rounds} round(s) × --import-timeout ${e.importTimeoutSeconds} s = ${formatDuration(e.worstSeconds)}. ` +
    'Split the run (--filter, --latest) or give it more time'
  );
}
