import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function capture() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  return { out, text: () => text };
}

describe('createProgress', () => {
  it('plain: one line per event, byte progress in 10 % steps', () => {
    const c = capture();
    const p = createProgress(c.out, false, () => 0, { timer: false });
    p.onEvent({ type: 'start', key: 'k', action: 'create', name: 'Debian 12' });
    p.onEvent({ type: 'step', key: 'k', name: 'Debian 12', message: 'staging' });
    for (const done of [1, 5, 10, 55, 100]) p.onEvent({ type: 'bytes', key: 'k', name: 'Debian 12', done: done * 1024 * 1024, total: 100 * 1024 * 1024 });
    p.onEvent({ type: 'done', key: 'k', name: 'Debian 12', message: 'ok' });
    p.finish();
    expect(c.text()).toBe(
      [
        'create Debian 12 ...',
        '  Debian 12: staging',
        '  Debian 12: 0% of 100.0 MiB',
        '  Debian 12: 10% of 100.0 MiB',
        '  Debian 12: 50% of 100.0 MiB',
        '  Debian 12: 100% of 100.0 MiB',
        'done: Debian 12: ok',
        '',
      ].join('\n'),
    );
  });

  it('terminal: a live bar with bytes, rate and ETA, redrawn in place, gone when finished', () => {
    const c = capture();
    let now = 0;
    const p = createProgress(c.out, true, () => now, { timer: false });
    p.onEvent({ type: 'start', key: 'k', action: 'create', name: 'Big' });
    p.onEvent({ type: 'bytes', key: 'k', name: 'Big', done: 0, total: 100 * 1024 * 1024 });
    now = 2000;
    p.onEvent({ type: 'bytes', key: 'k', name: 'Big', done: 50 * 1024 * 1024, total: 100 * 1024 * 1024 });
    expect(c.text()).toContain('Big: [############------------]  50% 50.0 MiB/100.0 MiB 25.0 MiB/s ETA 2s');
    expect(c.text()).toContain('\x1b[1A\x1b[J'); // redrawn in place
    p.onEvent({ type: 'failed', key: 'k', name: 'Big', message: 'checksum mismatch' });
    p.finish();
    expect(c.text().endsWith('FAILED: Big: checksum mismatch\n')).toBe(true);
  });

  const T0 = Date.parse('2026-12-03T10:00:00Z');
  const glance = (status: string, importingTo: string[] = []) =>
    ({ type: 'glance', key: 'k', name: 'Ubuntu 24.04 (version 20261120)', status, importingTo, waitingSince: T0 }) as const;

  it('plain: while Glance imports, a timestamped line per interval with its status, stores and the time since the import began', () => {
    const c = capture();
    let now = T0;
    const p = createProgress(c.out, false, () => now, { intervalMs: 30_000, timer: false });
    p.onEvent({ type: 'start', key: 'k', action: 'create', name: 'Ubuntu 24.04 (version 20261120)' });
    p.onEvent(glance('importing', ['file1', 'ceph']));
    now = T0 + 10_000;
    p.tick(); // not due yet
    now = T0 + 31_000;
    p.tick();
    now = T0 + 45_000;
    p.tick(); // 14 s after the last line: not due
    p.onEvent(glance('importing', ['ceph']));
    now = T0 + 75_000;
    p.tick();
    p.onEvent({ type: 'done', key: 'k', name: 'Ubuntu 24.04 (version 20261120)', message: 'ok' });
    now = T0 + 200_000;
    p.tick(); // nothing waits any more
    p.finish();
    expect(
      c
        .text()
        .split('\n')
        .filter((l) => l.includes('Glance:')),
    ).toEqual([
      '2026-12-03T10:00:31.000Z  Ubuntu 24.04 (version 20261120): Glance: importing (to file1, ceph), 31s since the import began',
      '2026-12-03T10:01:15.000Z  Ubuntu 24.04 (version 20261120): Glance: importing (to ceph), 1m15s since the import began',
    ]);
  });

  it('terminal: the live line shows the step, what Glance reports and the elapsed time, moving with each tick', () => {
    const c = capture();
    let now = T0;
    const p = createProgress(c.out, true, () => now, { timer: false });
    p.onEvent({ type: 'start', key: 'k', action: 'create', name: 'Ubuntu 24.04 (version 20261120)' });
    p.onEvent({ type: 'step', key: 'k', name: 'Ubuntu 24.04 (version 20261120)', message: 'web-download from https://x/y.img into abc' });
    p.onEvent(glance('importing'));
    now = T0 + 65_000;
    p.tick();
    // cut at the terminal's width (100 columns without one): the time stays, the URL's end goes
    expect(c.text()).toContain('  Ubuntu 24.04 (version 20261120): Glance: importing · 1m05s · web-download from https://x/y.img in\n');
    p.finish();
  });

  it('plain: a read-back after a download gets its own 10 % steps', () => {
    const c = capture();
    const p = createProgress(c.out, false, () => 0, { timer: false });
    const bytes = (done: number) => p.onEvent({ type: 'bytes', key: 'k', name: 'D', done, total: 10 });
    p.onEvent({ type: 'start', key: 'k', action: 'create', name: 'D' });
    bytes(10);
    p.onEvent({ type: 'step', key: 'k', name: 'D', message: 'reading abc back from Glance to verify its sha256' });
    bytes(5);
    bytes(10);
    p.finish();
    expect(c.text()).toBe(
      [
        'create D ...',
        '  D: 100% of 0.0 MiB',
        '  D: reading abc back from Glance to verify its sha256',
        '  D: 50% of 0.0 MiB',
        '  D: 100% of 0.0 MiB',
        '',
      ].join('\n'),
    );
  });
});
