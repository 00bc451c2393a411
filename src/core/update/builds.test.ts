import { describe, expect, it } from 'vitest';
import { buildDateOf, dateFromHttpDate, dateInName, datedFolders, isValidDate, newestByNaturalOrder } from './builds.js';
import { upstreamFixture } from './fixtures.test-util.js';
import { parseDirectoryListing } from './listing.js';

const dirs = (...names: string[]) => names.map((name) => ({ name, isDir: true }));

describe('datedFolders: the newest build first', () => {
  it('Ubuntu: 20260705, pointer current/ left out', () => {
    const folders = datedFolders(parseDirectoryListing(upstreamFixture('ubuntu2404/index.html')), 'current');
    expect(folders.map((f) => f.name)).toEqual(['20260705', '20260615', '20260518', '20260323', '20260321', '20260307']);
  });

  it('Debian: 20260717-2542, date then serial', () => {
    const folders = datedFolders(parseDirectoryListing(upstreamFixture('debian13/index.html')), 'latest');
    expect(folders).toHaveLength(112);
    expect(folders[0]).toEqual({ name: '20260717-2542', date: '20260717', serial: 2542 });
    expect(folders[1]?.name).toBe('20260716-2541');
  });

  it('a higher serial wins on the same day; Ubuntu minimal release-YYYYMMDD folders count', () => {
    expect(datedFolders(dirs('20261115-7', '20261115-12', '20261114-99')).map((f) => f.name)).toEqual(['20261115-12', '20261115-7', '20261114-99']);
    expect(datedFolders(dirs('release', 'release-20261120', 'release-20261105', 'daily-20261130'), 'release').map((f) => f.name)).toEqual([
      'release-20261120',
      'release-20261105',
    ]);
  });

  it('ignores files, impossible dates and other names', () => {
    expect(datedFolders([...dirs('20261340', '2026112', 'current', '20260229'), { name: '20261201', isDir: false }])).toEqual([]);
    expect(datedFolders(dirs('20240229'))).toHaveLength(1); // a leap day is a date
  });
});

describe('build dates', () => {
  it('from names', () => {
    expect(dateInName('9.8-20260526')).toBe('20260526');
    expect(dateInName('9-20260714.1')).toBe('20260714');
    expect(dateInName('2211')).toBeUndefined();
    expect(dateInName('123202607140')).toBeUndefined();
  });

  it('from Last-Modified, in UTC', () => {
    expect(dateFromHttpDate('Mon, 20 Jul 2026 23:59:59 GMT')).toBe('20260720');
    expect(dateFromHttpDate('not a date')).toBeUndefined();
  });

  it('YYYYMMDD → YYYY-MM-DD, validity', () => {
    expect(buildDateOf('20261120')).toBe('2026-11-20');
    expect(isValidDate('20260230')).toBe(false);
    expect(isValidDate('19891231')).toBe(false);
  });

  it('natural order picks 20260714.1 over 20260706.0 and 10 over 9', () => {
    expect(newestByNaturalOrder(['20260706.0', '20260714.1', '20260714.0'], (s) => s)).toBe('20260714.1');
    expect(newestByNaturalOrder(['9', '10'], (s) => s)).toBe('10');
    expect(newestByNaturalOrder([], (s: string) => s)).toBeUndefined();
  });
});
