import { describe, expect, it } from 'vitest';
import { SNAPSHOT_GRACE_DAYS, snapshotWarning } from './staleness.js';

const snapshot = { repository: 'https://github.com/SovereignCloudStack/standards', revision: '077174d9', date: '2026-08-21' };
const URL = 'https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml';
const warn = (today: string, last?: string) => snapshotWarning(snapshot, 'SCS-compatible IaaS', URL, today, last);

describe('snapshotWarning: a newer scope version could be in force', () => {
  it(`stays quiet up to ${SNAPSHOT_GRACE_DAYS} days after the copy`, () => {
    expect(warn('2026-08-21')).toBeUndefined();
    expect(warn('2026-11-19')).toBeUndefined(); // day 90
    expect(warn('2025-01-01')).toBeUndefined(); // before the copy
  });

  it('warns after that, naming the copy, the day and the upstream file to use instead', () => {
    const w = warn('2026-11-20');
    expect(w).toContain('a copy of 2026-08-21 (077174d9), 91 days before 2026-11-20');
    expect(w).toContain(`--scope ${URL}`);
    expect(warn('2028-01-07')).toContain('504 days before 2028-01-07');
  });

  it('a timeline that already knows later dates than the copy extends the quiet period from its last date', () => {
    expect(warn('2026-12-20', '2026-10-01')).toBeUndefined();
    expect(warn('2026-12-31', '2026-10-01')).toContain('a copy of 2026-08-21');
    // an older timeline entry does not shorten it
    expect(warn('2026-11-19', '2026-06-11')).toBeUndefined();
  });
});
