/**
 * Waiting for Glance to finish an import: poll with backoff (no fixed sleeps), bounded by a
 * deadline, and recognise the ways an import ends without `active`: `killed`, Glance's
 * `os_glance_failed_import` (a failed web-download puts the image back to `queued` with it), and
 * "stuck": still `queued` long after the import was accepted (no task ran: Glance reports no error then, and
 * without a deadline a run would wait forever).
 *
 * `active` alone is not the end of an import: Glance's import task sets the status while it still
 * holds its lock (`os_glance_import_task`) and saves the whole image once more before dropping it.
 * A PATCH in that window is overwritten by the task's save (the name and the import marker come
 * back), so the import counts as done only once the lock is gone.
 */
import type { Image } from '../core/images/image.js';

export type WaitOutcome =
  | { kind: 'active'; image: Image }
  | { kind: 'failed'; image: Image; why: string }
  | { kind: 'stuck'; image: Image; why: string }
  | { kind: 'timeout'; image: Image | undefined; why: string };

export interface WaitOptions {
  getImage: (id: string) => Promise<Image>;
  /** ms since epoch */
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  deadline: number;
  /** Longest time an image may stay `queued` after the import call. */
  stuckMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  onStatus?: (status: string) => void;
  /** Every image Glance answered with while waiting (progress: status, stores, elapsed time). */
  onPoll?: (image: Image) => void;
  /**
   * `os_glance_failed_import` the image already carried before this import (a reused image with a
   * fixed id): only a different value counts as this import's failure; otherwise `queued` for
   * `stuckMs` decides.
   */
  failedBefore?: string;
}

/** Polling interval once an image is active but the import task still holds it. */
const LOCK_POLL_MS = 150;

const DEAD = new Set(['killed', 'deleted', 'pending_delete']);

export function failedImport(image: Image): string | undefined {
  const v = image.properties['os_glance_failed_import'];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** The lock Glance's import task holds on an image until its last step. */
const IMPORT_TASK_LOCK = 'os_glance_import_task';

/** Active, and no import task can still save over changes made now. */
export function importFinished(image: Image): boolean {
  return image.status === 'active' && !(IMPORT_TASK_LOCK in image.properties);
}

export async function waitForImport(id: string, opts: WaitOptions): Promise<WaitOutcome> {
  const started = opts.now();
  let delay = opts.firstDelayMs ?? 400;
  const maxDelay = opts.maxDelayMs ?? 5000;
  let last: Image | undefined;
  let lastStatus = '';
  for (;;) {
    const wait = Math.min(delay, Math.max(0, opts.deadline - opts.now()));
    await opts.sleep(wait, opts.signal);
    delay = Math.min(maxDelay, Math.round(delay * 1.6));
    last = await opts.getImage(id);
    if (last.status !== lastStatus) {
      lastStatus = last.status;
      opts.onStatus?.(last.status);
    }
    opts.onPoll?.(last);
    if (importFinished(last)) return { kind: 'active', image: last };
    // active with the lock held: the task is in its last steps, so look again soon
    if (last.status === 'active') delay = Math.min(delay, LOCK_POLL_MS);
    if (DEAD.has(last.status)) return { kind: 'failed', image: last, why: `the image became ${last.status}` };
    const failed = failedImport(last);
    if (failed && failed !== opts.failedBefore)
      return { kind: 'failed', image: last, why: `Glance reports the import failed (os_glance_failed_import: ${failed}, status ${last.status})` };
    if (last.status === 'queued' && opts.now() - started > opts.stuckMs) {
      return { kind: 'stuck', image: last, why: `still queued ${Math.round((opts.now() - started) / 1000)} s after the import was accepted` };
    }
    if (opts.now() >= opts.deadline) {
      const held = last.status === 'active' ? `, Glance's import task ${String(last.properties[IMPORT_TASK_LOCK])} still holds the image` : '';
      return { kind: 'timeout', image: last, why: `import not finished before the deadline (status ${last.status}${held})` };
    }
  }
}
