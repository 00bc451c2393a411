import { describe, expect, it } from 'vitest';
import { closest, snakeKey } from './key-suggestions.js';
import { checkChecksum } from './value-checks/checksums.js';
import { checkDateOrTimestamp, checkDay } from './value-checks/dates.js';
import { checkUrl, redactUrl } from './value-checks/urls.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; problem: string }) => (r.ok ? r.value : `ERR ${r.problem}`);

describe('dates', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', "ERR '2023-02-29' is not a calendar date"],
    ['2024-12-31 23:59:59+01:00', '2024-12-31'],
    ['2024-12-31 23:59:59 -01:00', '2025-01-01'],
    ['2024-12-31t12:00:00.123456Z', '2024-12-31'],
    ['2024-1-5 12:00:00', '2024-01-05'],
    ['2024-12-31 24:00:00', "ERR '2024-12-31 24:00:00' is not a valid timestamp"],
    [new Date('2024-05-06T00:00:00Z'), '2024-05-06'],
  ])('build_date %s → %s', (input, want) => {
    expect(value(checkDateOrTimestamp(input))).toBe(want);
  });

  it('day() takes only a date', () => {
    expect(value(checkDay('2024-05-06 10:00:00'))).toMatch(/^ERR .* is not a date in the form YYYY-MM-DD/);
    expect(value(checkDay(true))).toBe('ERR expected a date YYYY-MM-DD, got the boolean true');
  });
});

describe('URLs', () => {
  it('redactUrl hides user info', () => {
    expect(redactUrl('https://u:p@host/x')).toBe('https://***@host/x');
    expect(redactUrl('ftp://token@host/x?y=1')).toBe('ftp://***@host/x?y=1');
    expect(redactUrl('https://host/a@b')).toBe('https://host/a@b');
  });

  it.each(['https://u:p@h/x', 'ftp://anonymous@h/x', 'HTTPS://u:p@h/x', 'file://u:p@h/x'])('refuses credentials in %s without echoing them', (url) => {
    const r = checkUrl(url, 'download');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/u:p|anonymous/);
  });

  it('an @ in the path is not a credential', () => {
    expect(value(checkUrl('https://example.com/images/a@2x.img', 'download'))).toBe('https://example.com/images/a@2x.img');
  });

  it('follows the schema per field kind', () => {
    expect(checkUrl('ftp://h/x', 'web').ok).toBe(true);
    expect(checkUrl('ftp://h/x', 'http').ok).toBe(false);
    expect(checkUrl('file:x.img', 'web').ok).toBe(false);
    expect(checkUrl('private', 'source').ok).toBe(true);
    expect(checkUrl('private', 'download').ok).toBe(false);
    expect(checkUrl('https://bücher.example/x', 'download').ok).toBe(true);
    expect(checkUrl('https://-bad/x', 'download').ok).toBe(false);
  });
});

describe('checksums', () => {
  it('normalises to lowercase and names the algorithm', () => {
    expect(value(checkChecksum(`SHA1:${'A'.repeat(40)}`))).toMatch(/did you mean 'sha1'/);
    expect(value(checkChecksum(` md5:${'ab'.repeat(16)} `))).toEqual({ algorithm: 'md5', hex: 'ab'.repeat(16) });
    expect(value(checkChecksum('sha256'))).toMatch(/is not 'algorithm:hex'/);
  });
});

describe('key suggestions', () => {
  it('snake-cases and finds near misses', () => {
    expect(snakeKey('minDisk')).toBe('min_disk');
    expect(snakeKey('build-date')).toBe('build_date');
    expect(closest('MinDisk', ['min_disk', 'min_ram'])).toBe('min_disk');
    expect(closest('urls', ['url', 'id'])).toBe('url');
    expect(closest('ids', ['id', 'url'])).toBe('id');
    expect(closest('colour', ['name', 'login'])).toBeUndefined();
  });
});
