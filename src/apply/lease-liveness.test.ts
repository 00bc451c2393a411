import { describe, expect, it } from 'vitest';
import { holderGone, localHost, startTimeFromStat, type LocalHost } from './lease-liveness.js';

const here = (over: Partial<LocalHost> = {}): LocalHost => ({
  host: 'h1',
  bootId: 'boot-1',
  alive: (pid) => pid === 10,
  startTimeOf: (pid) => (pid === 10 ? '500' : undefined),
  ...over,
});

describe('holderGone', () => {
  it.each([
    ['a live process with the recorded start time', { host: 'h1', pid: 10, bootId: 'boot-1', startTime: '500' }, undefined],
    ['a lease of another host (nothing can be concluded)', { host: 'h2', pid: 99 }, undefined],
    ['a lease without a pid', { host: 'h1' }, undefined],
    ['a dead process', { host: 'h1', pid: 99 }, 'process 99 on h1 no longer exists'],
    ['a host booted since', { host: 'h1', pid: 10, bootId: 'boot-0' }, 'h1 has booted since process 10 took it'],
    ['a reused pid', { host: 'h1', pid: 10, bootId: 'boot-1', startTime: '400' }, 'process 10 on h1 is another process now (the pid was reused)'],
    ['an older lease without boot id and start time, process alive', { host: 'h1', pid: 10 }, undefined],
  ])('%s', (_label, lease, expected) => {
    expect(holderGone(lease, here())).toBe(expected);
  });

  it('no boot id on this host: only the process decides', () => {
    expect(holderGone({ host: 'h1', pid: 10, bootId: 'boot-0' }, here({ bootId: undefined }))).toBeUndefined();
  });
});

describe('this host', () => {
  it('reads field 22 of /proc/PID/stat, also when the command name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    expect(startTimeFromStat(`1234 (a (b) c) ${fields.join(' ')}`)).toBe('22');
    expect(startTimeFromStat(undefined)).toBeUndefined();
  });

  it('this process is alive and has a start time (on Linux)', () => {
    const local = localHost('me');
    expect(local.alive(process.pid)).toBe(true);
    if (process.platform === 'linux') {
      expect(local.startTimeOf(process.pid)).toMatch(/^\d+$/);
      expect(local.bootId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
