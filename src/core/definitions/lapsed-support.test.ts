import { describe, expect, it } from 'vitest';
import { definition, version } from '../plan/fixtures.test-util.js';
import { lapsedSupportWarnings } from './lapsed-support.js';
import type { MetaValue } from './types.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const withUntil = (until: MetaValue | undefined, versionUntil?: MetaValue) => {
  const def = definition('Debian 12', ['1']);
  def.meta = until === undefined ? def.meta : { ...def.meta, provided_until: until };
  if (versionUntil !== undefined) def.versions = [version('1', { meta: { provided_until: versionUntil } })];
  return def;
};

describe('lapsedSupportWarnings', () => {
  it('names a definition whose provided_until lies before the day of the clock', () => {
    const [w, ...rest] = lapsedSupportWarnings([withUntil('2026-06-10')], NOW);
    expect(rest).toEqual([]);
    expect(w).toMatch(/\('Debian 12'\): provided_until 2026-06-10 has passed \(today is 2026-12-03\)/);
  });

  it('says nothing for today, later dates, none, notice, or a value the validators refuse', () => {
    for (const v of ['2026-12-03', '2030-01-01', 'none', 'notice', 'soon', 42, undefined])
      expect(lapsedSupportWarnings([withUntil(v)], NOW), String(v)).toEqual([]);
  });

  it("the newest version's own provided_until wins over the image's", () => {
    expect(lapsedSupportWarnings([withUntil('2026-06-10', '2030-01-01')], NOW)).toEqual([]);
    expect(lapsedSupportWarnings([withUntil('2030-01-01', '2026-06-10')], NOW)).toHaveLength(1);
  });
});
