import { describe, expect, it } from 'vitest';
import { parseDistroReleases } from './distro-releases.js';
import { RELEASES } from './fixtures.test-util.js';
import { debianStableSince, resolveTargets, ubuntuLtsSince } from './targets.js';

const versions = (today: string) => {
  const t = resolveTargets(RELEASES, today);
  return {
    ubuntu: [t.ubuntuLts.latest?.release.version, t.ubuntuLts.previous?.release.version],
    debian: [t.debianStable.latest?.release.version, t.debianStable.previous?.release.version],
  };
};

describe('resolveTargets: Ubuntu LTS (latest no later than April 30)', () => {
  it.each([
    ['2026-04-22', '24.04', '22.04'], // before 26.04 is out
    ['2026-04-23', '24.04', '22.04'], // 26.04 release day: grace until April 30
    ['2026-04-29', '24.04', '22.04'],
    ['2026-04-30', '26.04', '24.04'], // "no later than April 30": required on that day
    ['2026-05-01', '26.04', '24.04'],
    ['2024-04-29', '22.04', '20.04'],
    ['2024-04-30', '24.04', '22.04'],
    ['2025-10-10', '24.04', '22.04'], // interim 25.04/25.10 are not LTS
    ['2027-12-31', '26.04', '24.04'],
    ['2018-04-30', '18.04', '16.04'],
    ['2016-04-30', '16.04', undefined], // the data starts with 16.04
    ['2016-04-29', undefined, undefined],
  ])('%s → latest %s, previous %s', (today, latest, previous) => {
    expect(versions(today).ubuntu).toEqual([latest, previous]);
  });

  it('names the next LTS and the day it takes over', () => {
    const t = resolveTargets(RELEASES, '2026-04-29').ubuntuLts;
    expect(t.next).toMatchObject({ release: { version: '26.04', codename: 'resolute' }, since: '2026-04-30' });
    expect(t.latest).toMatchObject({ release: { codename: 'noble' }, since: '2024-04-30' });
    expect(resolveTargets(RELEASES, '2026-05-01').ubuntuLts.next).toBeUndefined();
  });

  it('an LTS released after April 30 counts from its release day', () => {
    expect(ubuntuLtsSince({ version: '30.04', codename: 'x', released: '2030-05-07', endOfStandardSupport: null })).toBe('2030-05-07');
    expect(ubuntuLtsSince({ version: '30.04', codename: 'x', released: '2030-04-30', endOfStandardSupport: null })).toBe('2030-04-30');
    expect(ubuntuLtsSince({ version: '30.04', codename: 'x', released: null, endOfStandardSupport: null })).toBeNull();
  });
});

describe('resolveTargets: Debian stable (latest no later than one month after release)', () => {
  it.each([
    ['2025-08-08', '12', '11'],
    ['2025-08-09', '12', '11'], // trixie release day
    ['2025-09-08', '12', '11'],
    ['2025-09-09', '13', '12'], // one month after 2025-08-09
    ['2026-04-29', '13', '12'],
    ['2023-07-09', '11', '10'],
    ['2023-07-10', '12', '11'], // bookworm 2023-06-10 + 1 month
    ['2017-07-17', '9', undefined],
    ['2017-07-16', undefined, undefined],
  ])('%s → latest %s, previous %s', (today, latest, previous) => {
    expect(versions(today).debian).toEqual([latest, previous]);
  });

  it('an unreleased next release (forky) has no date', () => {
    const t = resolveTargets(RELEASES, '2026-01-01').debianStable;
    expect(t.next).toMatchObject({ release: { version: '14', codename: 'forky' }, since: null });
    expect(debianStableSince({ version: '13', codename: 'trixie', released: '2025-08-09', endOfStandardSupport: null })).toBe('2025-09-09');
  });
});

describe('resolveTargets: outdated release data', () => {
  it.each([
    ['2028-04-23', false, true],
    ['2028-04-24', true, true], // 26.04 (2026-04-23) is more than two years old: 28.04 should be in the data
    ['2027-08-09', false, false],
    ['2027-08-10', false, true], // trixie (2025-08-09) + 2 years
  ])('%s → ubuntu stale %s, debian stale %s', (today, ubuntuStale, debianStale) => {
    const t = resolveTargets(RELEASES, today);
    expect(t.ubuntuLts.stale !== undefined).toBe(ubuntuStale);
    expect(t.debianStable.stale !== undefined).toBe(debianStale);
  });

  it('says what to update', () => {
    expect(resolveTargets(RELEASES, '2029-01-01').ubuntuLts.stale).toMatch(
      /newest Ubuntu LTS release is ubuntu 26\.04 \(2026-04-23\).*update data\/distros\/releases\.json/,
    );
  });

  it('flags a track without any released release', () => {
    const r = parseDistroReleases({ formatVersion: 1, ubuntu: [], debian: [{ version: '14', codename: 'forky', released: null, endOfStandardSupport: null }] });
    const t = resolveTargets(r, '2026-01-01');
    expect(t.ubuntuLts.stale).toMatch(/no released Ubuntu LTS release/);
    expect(t.debianStable.latest).toBeUndefined();
  });
});
