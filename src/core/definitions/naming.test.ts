import { describe, expect, it } from 'vitest';
import { compareVersions, currentName, expectedNames, naturalCompare, newestVersion, sortVersions, versionedName } from './naming.js';

const multi = { name: 'Ubuntu 24.04', separator: ' ', multi: true, versions: ['20260105', '20251201', '20260108'] };
const single = { name: 'Cirros', separator: ' ', multi: false, versions: ['0.6.3', '0.6.2'] };
const capi = { name: 'ubuntu-capi-image', separator: '-', multi: false, versions: ['v1.30.1', 'v1.31.4'] };

describe('OIM naming', () => {
  it('versionedName: multi → name (version), non-multi → name{sep}version', () => {
    expect(versionedName(multi, '20260108')).toBe('Ubuntu 24.04 (20260108)');
    expect(versionedName(single, '0.6.3')).toBe('Cirros 0.6.3');
    expect(versionedName(capi, { version: 'v1.30.1' })).toBe('ubuntu-capi-image-v1.30.1');
    expect(versionedName({ ...multi, separator: '-' }, '20260108')).toBe('Ubuntu 24.04-(20260108)');
  });

  it('the newest multi version carries the bare name', () => {
    expect(currentName(multi, '20260108')).toBe('Ubuntu 24.04');
    expect(currentName(multi, '20260105')).toBe('Ubuntu 24.04 (20260105)');
    expect(currentName(single, '0.6.3')).toBe('Cirros 0.6.3');
  });

  it('expectedNames lists every version with its name, oldest first', () => {
    expect(expectedNames(multi)).toEqual([
      { version: '20251201', name: 'Ubuntu 24.04 (20251201)' },
      { version: '20260105', name: 'Ubuntu 24.04 (20260105)' },
      { version: '20260108', name: 'Ubuntu 24.04' },
    ]);
    expect(expectedNames(capi).map((n) => n.name)).toEqual(['ubuntu-capi-image-v1.30.1', 'ubuntu-capi-image-v1.31.4']);
    expect(expectedNames({ ...multi, versions: [] })).toEqual([]);
  });

  it('newestVersion is the last in natural order', () => {
    expect(newestVersion({ versions: ['1877.10', '1877.9', '1592.16'] })).toBe('1877.10');
    expect(newestVersion({ versions: [{ version: '2' }, { version: '10' }] })).toEqual({ version: '10' });
    expect(newestVersion({ versions: [] })).toBeUndefined();
  });
});

describe('natural sort (as natsort orders versions)', () => {
  it.each([
    ['1.9', '1.10', -1],
    ['0.6.2', '0.6.3', -1],
    ['1592.16', '1877.5', -1],
    ['1877.7', '1877.10', -1],
    ['20240819', '20251118', -1],
    ['9', '10', -1],
    ['v1.2', 'v1.10', -1],
    ['1', '1a', -1],
    ['1', 'a', -1],
    ['20260108', 'latest', -1],
    ['B', 'a', -1],
    ['a2b', 'a10b', -1],
    ['1.0', '1.0.1', -1],
    ['01', '1', 0],
    ['x', 'x', 0],
    ['', '0', -1],
    ['99999999999999999999', '100000000000000000000', -1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(Math.sign(naturalCompare(a, b))).toBe(want);
    expect(Math.sign(naturalCompare(b, a))).toBe(-want || 0);
  });

  it('sortVersions is stable for equal keys and keeps the input intact', () => {
    const input = ['10', '01', '1', '2'];
    expect(sortVersions(input)).toEqual(['01', '1', '2', '10']);
    expect(input).toEqual(['10', '01', '1', '2']);
    expect(sortVersions([{ version: '1.10' }, { version: '1.9' }])).toEqual([{ version: '1.9' }, { version: '1.10' }]);
    expect(compareVersions({ version: '2' }, '10')).toBeLessThan(0);
  });

  it('orders the Garden Linux versions of the OIM catalogue', () => {
    expect(sortVersions(['1592.14', '1877.5', '1877.6', '1877.7', '1592.15', '1592.16', '1877.10'])).toEqual([
      '1592.14',
      '1592.15',
      '1592.16',
      '1877.5',
      '1877.6',
      '1877.7',
      '1877.10',
    ]);
  });

  it('compares text by code point like Python (astral characters after U+FFFF-range BMP ones)', () => {
    expect(naturalCompare('\uFF5E', '\u{1F600}')).toBeLessThan(0);
  });
});
