// Polling with a deadline instead of fixed sleeps: start-up costs only as long as it really takes.

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** What we are waiting for, for the timeout message. */
  what: string;
  /** Called before every attempt; throw from it to abort early (e.g. "process died"). */
  check?: () => void | Promise<void>;
  /** Extra text for the timeout error (e.g. a log tail). */
  onTimeout?: () => string | Promise<string>;
}

/** Calls `attempt` until it returns a value other than `undefined`; errors from it count as "not yet". */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, opts: PollOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    await opts.check?.();
    try {
      const v = await attempt();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const extra = opts.onTimeout ? await opts.onTimeout() : '';
      const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${last}${extra ? `\n${extra}` : ''}`);
    }
    await sleep(opts.intervalMs ?? 50);
  }
}
