/**
 * Ctrl-C while a command may change a cloud. The first SIGINT aborts `signal`: no new change
 * starts, the requests under way finish, and what an import leaves behind is private and marked
 * for the next run (src/apply/apply-plan.ts); the command then ends with exit 130. A second
 * SIGINT quits at once, which the crash-safety design covers too (RELIABILITY.md).
 */
import type { CliIO } from './io.js';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The same as the first Ctrl-C (the confirmation prompt reads Ctrl-C as a key, not a signal). */
  trigger(): void;
  /** Stop listening; the default SIGINT handling (quit at once) applies again. */
  dispose(): void;
}

export function catchInterrupt(io: Pick<CliIO, 'stderr'>, proc: Pick<NodeJS.Process, 'on' | 'off'> = process): Interrupt {
  const controller = new AbortController();
  const onSigint = (): void => {
    proc.off('SIGINT', onSigint);
    io.stderr.write('scs-images: interrupted; finishing the current requests (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted'));
  };
  proc.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    trigger: () => {
      if (!controller.signal.aborted) onSigint();
    },
    dispose: () => proc.off('SIGINT', onSigint),
  };
}
