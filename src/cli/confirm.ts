/**
 * The confirmation before `apply` changes a cloud. Only a person at a terminal can answer, so it
 * is asked only when stdin and stdout are both terminals; in CI and pipes apply goes ahead as it
 * always did, and `--auto-approve` skips the question on a terminal too.
 */
import { createInterface } from 'node:readline';
import type { CliIO } from './io.js';

export interface ApprovalInput {
  /** A saved plan was reviewed when it was made (`plan --out`): applying it asks nothing. */
  planFile: boolean;
  autoApprove: boolean;
  dryRun: boolean;
  io: Pick<CliIO, 'stdin' | 'stdout'>;
}

export function mustAsk(o: ApprovalInput): boolean {
  return !o.planFile && !o.autoApprove && !o.dryRun && Boolean(o.io.stdin?.isTTY) && Boolean(o.io.stdout.isTTY);
}

export type Answer = 'yes' | 'no' | 'interrupted';

/**
 * Ask `question` on the terminal: 'yes' (exactly) approves; anything else, or end of input,
 * declines; Ctrl-C (a key here, since readline owns the terminal) or `signal` interrupts.
 */
export function askApproval(io: Pick<CliIO, 'stdin' | 'stdout'>, question: string, signal?: AbortSignal): Promise<Answer> {
  const input = io.stdin;
  if (!input) return Promise.resolve('no');
  return new Promise<Answer>((resolve) => {
    const rl = createInterface({ input, output: io.stdout, terminal: true });
    let settled = false;
    const done = (a: Answer): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      resolve(a);
    };
    const onAbort = (): void => {
      io.stdout.write('\n');
      done('interrupted');
    };
    if (signal?.aborted) return done('interrupted');
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', onAbort);
    rl.on('close', () => done('no'));
    rl.question(question, (answer) => done(answer.trim() === 'yes' ? 'yes' : 'no'));
  });
}
