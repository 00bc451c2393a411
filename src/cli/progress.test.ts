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
    const p = createProgress(c.out, false, () => 0);
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
    const p = createProgress(c.out, true, () => now);
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
});
