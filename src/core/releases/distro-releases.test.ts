import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../errors.js';
import { addMonths, isIsoDate, requireIsoDate } from './calendar.js';
import { compareVersions, DISTRO_RELEASES_FORMAT_VERSION, parseDistroReleases } from './distro-releases.js';
import { RELEASES, RELEASES_TEXT } from './fixtures.test-util.js';

const ubuntu = (version: string, codename: string, released: string | null, lts = false, extra: Record<string, unknown> = {}) => ({
  version,
  codename,
  released,
  lts,
  endOfStandardSupport: null,
  ...extra,
});
const debian = (version: string, codename: string, released: string | null, extra: Record<string, unknown> = {}) => ({
  version,
  codename,
  released,
  endOfStandardSupport: null,
  ...extra,
});
const doc = (over: Record<string, unknown> = {}) => ({
  formatVersion: 1,
  ubuntu: [ubuntu('24.04', 'noble', '2024-04-25', true)],
  debian: [debian('13', 'trixie', '2025-08-09')],
  ...over,
});

/** The messages of every problem parseDistroReleases throws. */
function problems(input: unknown): string[] {
  try {
    parseDistroReleases(input, 'r.json');
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InputError) return [e.message];
    throw e;
  }
  throw new Error('expected an input error');
}

describe('data/distros/releases.json (the shipped data)', () => {
  it('is valid, format version 1, and names its sources', () => {
    expect(RELEASES.formatVersion).toBe(DISTRO_RELEASES_FORMAT_VERSION);
    expect(RELEASES.comment).toMatch(/endOfStandardSupport/);
    expect(RELEASES.sources.some((s) => s.includes('wiki.ubuntu.com/Releases'))).toBe(true);
    expect(RELEASES.sources.some((s) => s.includes('wiki.debian.org/DebianReleases'))).toBe(true);
  });

  it('has every Ubuntu release from 16.04 xenial to 26.04 resolute, LTS every two years', () => {
    const versions = RELEASES.ubuntu.map((r) => r.version);
    expect(versions[0]).toBe('16.04');
    expect(versions.at(-1)).toBe('26.04');
    expect(versions).toHaveLength(21); // two a year, 2016-04 … 2026-04
    expect(RELEASES.ubuntu.filter((r) => r.lts).map((r) => `${r.version} ${r.codename}`)).toEqual([
      '16.04 xenial',
      '18.04 bionic',
      '20.04 focal',
      '22.04 jammy',
      '24.04 noble',
      '26.04 resolute',
    ]);
    expect(RELEASES.ubuntu.find((r) => r.version === '26.04')).toMatchObject({ released: '2026-04-23', lts: true });
    for (const r of RELEASES.ubuntu) {
      expect(r.released, r.version).not.toBeNull();
      expect(r.released!.slice(2, 7).replace('-', '.'), `${r.version} is named after its release month`).toBe(r.version);
    }
  });

  it('has Debian 9 stretch … 13 trixie and the unreleased 14 forky', () => {
    expect(RELEASES.debian.map((r) => `${r.version} ${r.codename} ${r.released}`)).toEqual([
      '9 stretch 2017-06-17',
      '10 buster 2019-07-06',
      '11 bullseye 2021-08-14',
      '12 bookworm 2023-06-10',
      '13 trixie 2025-08-09',
      '14 forky null',
    ]);
    expect(RELEASES.debian.at(-1)).toMatchObject({ endOfStandardSupport: null });
  });

  it.each([
    ['ubuntu', '16.04', 'xenial'],
    ['ubuntu', '18.04', 'bionic'],
    ['ubuntu', '20.04', 'focal'],
    ['ubuntu', '22.04', 'jammy'],
    ['ubuntu', '24.04', 'noble'],
    ['ubuntu', '24.10', 'oracular'],
    ['ubuntu', '25.04', 'plucky'],
    ['ubuntu', '25.10', 'questing'],
    ['ubuntu', '26.04', 'resolute'],
    ['debian', '10', 'buster'],
    ['debian', '11', 'bullseye'],
    ['debian', '12', 'bookworm'],
    ['debian', '13', 'trixie'],
    ['debian', '14', 'forky'],
  ] as const)('maps %s %s to %s', (distro, version, codename) => {
    expect(RELEASES[distro].find((r) => r.version === version)?.codename).toBe(codename);
  });

  it('accepts the parsed value as well as the text', () => {
    expect(parseDistroReleases(JSON.parse(RELEASES_TEXT))).toEqual(RELEASES);
  });
});

describe('parseDistroReleases', () => {
  it('returns releases sorted by version (numerically) and keeps notes', () => {
    const r = parseDistroReleases(
      doc({
        ubuntu: [ubuntu('24.04', 'noble', '2024-04-25', true), ubuntu('16.10', 'yakkety', '2016-10-13'), ubuntu('17.04', 'zesty', '2017-04-13')],
        debian: [debian('10', 'buster', '2019-07-06'), debian('9', 'stretch', '2017-06-17', { note: 'old' })],
      }),
    );
    expect(r.ubuntu.map((x) => x.version)).toEqual(['16.10', '17.04', '24.04']);
    expect(r.debian.map((x) => x.version)).toEqual(['9', '10']);
    expect(r.debian[0]).toEqual({ version: '9', codename: 'stretch', released: '2017-06-17', endOfStandardSupport: null, note: 'old' });
    expect(r.sources).toEqual([]);
  });

  it('rejects another format version with expected/received', () => {
    expect(problems(doc({ formatVersion: 2 }))).toEqual(['r.json (formatVersion): unsupported format version: expected 1, received 2']);
    expect(problems(doc({ formatVersion: '1' }))).toEqual(['r.json (formatVersion): unsupported format version: expected 1, received "1"']);
  });

  it.each([
    ['not JSON', '{', /r\.json: not valid JSON/],
    ['not an object', [], /expected an object with formatVersion/],
    ['missing list', doc({ debian: undefined }), /\(debian\): missing: expected a list of releases/],
    ['unknown top-level key', doc({ fedora: [] }), /\(fedora\): unknown key/],
    [
      'openSUSE version form',
      doc({ opensuse: [{ version: '16', released: null, endOfStandardSupport: null }] }),
      /\(opensuse\[0\]\.version\): must be a string of the form NN\.N/,
    ],
    ['unknown release key', doc({ debian: [debian('13', 'trixie', '2025-08-09', { relased: 'x' })] }), /\(debian\[0\]\.relased\): unknown key/],
    ['Ubuntu version form', doc({ ubuntu: [ubuntu('24.4', 'noble', null, true)] }), /\(ubuntu\[0\]\.version\): must be a string of the form NN\.NN/],
    ['Ubuntu version as number', doc({ ubuntu: [ubuntu(24.04 as unknown as string, 'noble', null, true)] }), /ubuntu\[0\]\.version/],
    ['Debian point version', doc({ debian: [debian('12.5', 'bookworm', null)] }), /\(debian\[0\]\.version\): must be a string of the form the major version/],
    ['codename case', doc({ debian: [debian('13', 'Trixie', null)] }), /\(debian\[0\]\.codename\): must be a lower-case word/],
    ['impossible date', doc({ debian: [debian('13', 'trixie', '2025-02-30')] }), /\(debian\[0\]\.released\): must be a YYYY-MM-DD calendar day or null/],
    ['missing date', doc({ debian: [{ version: '13', codename: 'trixie', endOfStandardSupport: null }] }), /\(debian\[0\]\.released\): missing/],
    ['lts on Debian', doc({ debian: [debian('13', 'trixie', null, { lts: false })] }), /\(debian\[0\]\.lts\): unknown key/],
    [
      'lts missing on Ubuntu',
      doc({ ubuntu: [{ version: '24.04', codename: 'noble', released: null, endOfStandardSupport: null }] }),
      /\(ubuntu\[0\]\.lts\): must be true or false/,
    ],
    [
      'end of support before release',
      doc({ debian: [debian('13', 'trixie', '2025-08-09', { endOfStandardSupport: '2025-08-01' })] }),
      /is not after the release date/,
    ],
    [
      'end of support without release',
      doc({ debian: [debian('14', 'forky', null, { endOfStandardSupport: '2030-01-01' })] }),
      /set, but the release has no release date/,
    ],
    [
      'duplicate version',
      doc({ debian: [debian('13', 'trixie', null), debian('13', 'forky', null)] }),
      /\(debian\[1\]\.version\): duplicate version 13 \(also debian\[0\]\)/,
    ],
    ['duplicate codename', doc({ debian: [debian('12', 'trixie', null), debian('13', 'trixie', null)] }), /duplicate codename 'trixie'/],
    [
      'released after unreleased',
      doc({ debian: [debian('12', 'bookworm', null), debian('13', 'trixie', '2025-08-09')] }),
      /debian 13 is released but the older 12 is not/,
    ],
    ['dates falling', doc({ debian: [debian('12', 'bookworm', '2026-01-01'), debian('13', 'trixie', '2025-08-09')] }), /is dated before the older 12/],
  ])('rejects: %s', (_name, input, message) => {
    const found = problems(input);
    expect(
      found.some((m) => message.test(m)),
      found.join('\n'),
    ).toBe(true);
  });

  it('reports every problem at once', () => {
    const found = problems(doc({ ubuntu: [ubuntu('24', 'Noble', 'soon', true)] }));
    expect(found).toHaveLength(3);
  });
});

describe('compareVersions', () => {
  it.each([
    ['9', '10', -1],
    ['16.10', '17.04', -1],
    ['24.04', '24.04', 0],
    ['26.04', '24.10', 1],
  ] as const)('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('calendar', () => {
  it.each([
    ['2025-08-09', 1, '2025-09-09'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-04-23', 24, '2028-04-23'],
  ] as const)('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('knows real calendar days', () => {
    expect(['2024-02-29', '2026-04-30'].every(isIsoDate)).toBe(true);
    expect(['2025-02-29', '2026-04-31', '2026-4-30', '2026-04-30T00:00:00Z', 20260430].some(isIsoDate)).toBe(false);
    expect(() => requireIsoDate('30.04.2026', 'today')).toThrow(RangeError);
  });
});
