import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { catchInterrupt } from './interrupt.js';

describe('catchInterrupt', () => {
  it('the first SIGINT aborts the signal and hands the next one back to Node (quit at once)', () => {
    const proc = new EventEmitter();
    const stderr = new PassThrough();
    const i = catchInterrupt({ stderr }, proc as unknown as NodeJS.Process);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    proc.emit('SIGINT');
    expect(i.signal.aborted).toBe(true);
    expect(proc.listenerCount('SIGINT')).toBe(0);
    expect(String(stderr.read())).toContain('finishing the current requests (Ctrl-C again to quit at once)');
    i.trigger(); // no second message
    expect(stderr.read()).toBeNull();
  });
  it('dispose stops listening', () => {
    const proc = new EventEmitter();
    catchInterrupt({ stderr: new PassThrough() }, proc as unknown as NodeJS.Process).dispose();
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });
});
