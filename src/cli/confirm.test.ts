import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askApproval, mustAsk } from './confirm.js';

const stream = (isTTY: boolean) => Object.assign(new PassThrough(), { isTTY });
const io = (stdinTTY: boolean, stdoutTTY: boolean) => ({ stdin: stream(stdinTTY), stdout: stream(stdoutTTY) });

describe('mustAsk', () => {
  const base = { planFile: false, autoApprove: false, dryRun: false };
  it('asks only with stdin and stdout on a terminal, no plan file, no --auto-approve, no --dry-run', () => {
    expect(mustAsk({ ...base, io: io(true, true) })).toBe(true);
    expect(mustAsk({ ...base, io: io(false, true) })).toBe(false); // stdin from a pipe or /dev/null
    expect(mustAsk({ ...base, io: io(true, false) })).toBe(false); // stdout redirected
    expect(mustAsk({ ...base, io: { stdout: stream(true) } })).toBe(false); // no stdin at all
    expect(mustAsk({ ...base, planFile: true, io: io(true, true) })).toBe(false);
    expect(mustAsk({ ...base, autoApprove: true, io: io(true, true) })).toBe(false);
    expect(mustAsk({ ...base, dryRun: true, io: io(true, true) })).toBe(false);
  });
});

describe('askApproval', () => {
  const ask = async (typed: string, signal?: AbortSignal) => {
    const t = io(true, true);
    const answer = askApproval(t, 'Go? ', signal);
    t.stdin.write(typed);
    return answer;
  };
  it("only 'yes' approves", async () => {
    expect(await ask('yes\n')).toBe('yes');
    expect(await ask('  yes \n')).toBe('yes');
    for (const no of ['y\n', 'YES\n', 'no\n', '\n']) expect(await ask(no)).toBe('no');
  });
  it('Ctrl-C (a key: readline owns the terminal) interrupts; end of input declines', async () => {
    expect(await ask('\x03')).toBe('interrupted');
    const t = io(true, true);
    const answer = askApproval(t, 'Go? ');
    t.stdin.end();
    expect(await answer).toBe('no');
  });
  it('a SIGINT from outside (the interrupt signal) ends the question', async () => {
    const c = new AbortController();
    const t = io(true, true);
    const answer = askApproval(t, 'Go? ', c.signal);
    c.abort();
    expect(await answer).toBe('interrupted');
  });
});
