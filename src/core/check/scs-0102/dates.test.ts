import { describe, expect, it } from 'vitest';
import { decimalValue, isStandardTextDate, MARKER_DATE_FORMATS, parseCreatedAt, parseScsDate, strptimeFirst, strptimeUtc } from './dates.js';

// Expected values were taken from CPython 3.11: calendar.timegm(time.strptime(value, fmt)).
describe('parseScsDate (the official parse_date over the four formats)', () => {
  it.each([
    ['2024-01-15', 1705276800],
    ['2024-01-15 10:30', 1705314600],
    ['2024-01-15 10:30:45', 1705314645],
    ['2024-01-15T10:30:45Z', 1705314645],
    ['2024-02-29', 1709164800],
    ['0001-01-01', -62135596800],
    ['9999-12-31 23:59:59', 253402300799],
    // strptime leniency the official verdict depends on
    ['2024-1-5', 1704412800], // unpadded month and day
    ['2024-01- 5', 1704412800], // space-padded day
    ['2024-01-15t10:30:45z', 1705314645], // literals are case-insensitive
    ['2024-01-15  10:30', 1705314600], // a space in the format matches any whitespace run
    ['2024-01-15\t10:30', 1705314600],
    ['2024-01-15 23:59:60', 1705363200], // leap seconds 60 and 61 roll over
    ['2024-01-15 23:59:61', 1705363201],
  ])('%j → %d', (value, seconds) => {
    expect(parseScsDate(value)).toBe(seconds);
  });

  it.each([
    '2023-02-29',
    '2024-02-30',
    '2024-04-31',
    '0000-01-01', // dates that do not exist
    '2024-01-15 24:00',
    '2024-01-15 23:59:62',
    '2024-13-01',
    '2024-00-10',
    '2024-01-32',
    '2024-01-00',
    '2024-01-15T10:30:45',
    '2024-01-15 10:30:45Z',
    '2024-01-15T10:30Z', // not one of the four formats
    ' 2024-01-15',
    '2024-01-15 ',
    '24-01-15',
    '2024/01/15',
    '20240115',
    '',
    'garbage',
    '2024-010-15',
  ])('%j is not a date', (value) => {
    expect(parseScsDate(value)).toBeUndefined();
  });

  it('treats the epoch itself as "no date", as the official truthiness check does', () => {
    expect(strptimeFirst('1970-01-01')).toBe(0);
    expect(parseScsDate('1970-01-01')).toBeUndefined();
    expect(parseScsDate('1970-01-01 00:00:01')).toBe(1);
  });
});

describe('marker dates and created_at', () => {
  it.each([
    ['20260108', 1767830400],
    ['2026-01-08', 1767830400],
    ['2026018', 1767830400], // %m%d without padding: 01 then 8
    ['2026-1-8', 1767830400],
  ])('marker %j → %d', (value, seconds) => {
    expect(parseScsDate(value, MARKER_DATE_FORMATS)).toBe(seconds);
  });

  it.each(['20261301', '20240230', '19700101', '(20260108)', '2026010800'])('marker %j is not a date', (value) => {
    expect(parseScsDate(value, MARKER_DATE_FORMATS)).toBeUndefined();
  });

  it('created_at only in Glance format', () => {
    expect(parseCreatedAt('2026-01-08T10:00:00Z')).toBe(1767866400);
    expect(parseCreatedAt('2026-01-08 10:00:00')).toBeUndefined();
    expect(parseCreatedAt('2026-01-08T10:00:00.123Z')).toBeUndefined();
    expect(parseCreatedAt('2026-01-08T10:00:00+00:00')).toBeUndefined();
  });

  it('rejects unsupported directives loudly', () => {
    expect(() => strptimeUtc('x', '%b')).toThrow(/not supported/);
  });
});

describe('isStandardTextDate (the standard text: YYYY-MM-DD [hh:mm[:ss]])', () => {
  it.each([
    ['2024-01-15', false, true],
    ['2024-01-15 10:30', false, false],
    ['2024-01-15 10:30', true, true],
    ['2024-01-15 10:30:45', true, true],
    ['2024-01-15T10:30:45Z', true, false],
    ['2024-1-5', true, false],
    ['2024-02-30', true, false],
    ['2024-01-15 24:00', true, false],
    ['2024-01-15 23:59:60', true, false],
    ['2024-01-15  10:30', true, false],
  ])('%j (time allowed: %s) → %s', (value, allowTime, ok) => {
    expect(isStandardTextDate(value, allowTime)).toBe(ok);
  });
});

describe('Unicode decimal digits (Python reads \\d and int() over category Nd, of its Unicode version)', () => {
  it('parses a fullwidth or Arabic-Indic year, as the official test does', () => {
    expect(parseScsDate('２０２６-11-01')).toBe(parseScsDate('2026-11-01'));
    expect(parseScsDate('٢٠٢٧-01-01')).toBe(parseScsDate('2027-01-01'));
    expect(parseScsDate('2026-11-1５')).toBe(parseScsDate('2026-11-15'));
    expect(parseScsDate('２０２６-11-01 1２:3４')).toBe(parseScsDate('2026-11-01 12:34'));
    expect(parseScsDate('2026-11-01 12:３4')).toBeUndefined();
    expect(parseScsDate('𝟐𝟎𝟐𝟔-11-01')).toBe(parseScsDate('2026-11-01'));
  });

  it("keeps the ASCII-only alternatives of CPython's patterns: the month and a leading day digit", () => {
    expect(parseScsDate('2026-１１-01')).toBeUndefined();
    expect(parseScsDate('2026-11-０1')).toBeUndefined();
    expect(parseScsDate('2026-11-0１')).toBeUndefined();
  });

  it("knows only Python 3.10's digits (Unicode 13): later digit sets do not parse", () => {
    expect(parseScsDate('\u{16ac2}\u{16ac0}\u{16ac2}\u{16ac6}-11-01')).toBeUndefined(); // Tangsa, Unicode 14
    expect(parseScsDate('\u{11f52}\u{11f50}\u{11f52}\u{11f56}-11-01')).toBeUndefined(); // Kawi, Unicode 15
    expect(parseScsDate('\u{1fbf2}\u{1fbf0}\u{1fbf2}\u{1fbf6}-11-01')).toBe(parseScsDate('2026-11-01')); // segmented, Unicode 13
  });

  it('decimalValue reads any digit set', () => {
    expect(decimalValue('0123456789')).toBe(123456789);
    expect(decimalValue('٩٨')).toBe(98);
    expect(decimalValue('𝟗𝟘𝟭')).toBe(901);
  });
});
