import { describe, expect, it } from 'vitest';
import { parseInitOptions, type RawInitOptions } from './request.js';

const raw = (over: Partial<RawInitOptions> = {}): RawInitOptions => ({
  standard: [],
  all: false,
  force: false,
  dryRun: false,
  capiVersion: [],
  baseUrl: [],
  out: 'defs',
  ...over,
});
const parse = (over: Partial<RawInitOptions> = {}) => parseInitOptions(raw(over), '2026-11-28');

describe('parseInitOptions', () => {
  it('defaults: the default spec, today, moving URLs, a CAPI version', () => {
    const r = parse();
    expect(r).toMatchObject({ spec: '', v2: false, date: '2026-11-28', includeOptional: false });
    expect(r.options).toMatchObject({ versionDate: '2026-11-28', datedBuild: false, baseUrls: {} });
    expect(r.options.capiVersions).toHaveLength(1);
  });

  it('--standard scs-0104-v2 alone reads no v1 spec; with --spec both', () => {
    expect(parse({ standard: ['scs-0104-v2'] })).toMatchObject({ spec: undefined, v2: true });
    expect(parse({ standard: ['scs-0104-v2'], spec: 'x.yaml' })).toMatchObject({ spec: 'x.yaml', v2: true });
    expect(parse({ standard: ['scs-0104-v2', 'scs-0104-v1'] })).toMatchObject({ spec: '', v2: true });
  });

  it('--version-date names the build; --date is its default', () => {
    expect(parse({ versionDate: '2026-01-08' }).options).toMatchObject({ versionDate: '2026-01-08', datedBuild: true });
    expect(parse({ date: '2026-03-01' }).options).toMatchObject({ versionDate: '2026-03-01', datedBuild: false });
  });

  it('--distro: named releases; alone they replace the default spec, with --spec or --standard they add to it', () => {
    expect(parse({ distro: ['almalinux-10', 'AlmaLinux-10', 'rocky-10'] })).toMatchObject({
      spec: undefined,
      v2: false,
      distros: [
        { family: 'almalinux', version: '10' },
        { family: 'rocky', version: '10' },
      ],
    });
    expect(parse({ distro: ['rocky-10'], spec: 'scs-0104-v1-images-v5' })).toMatchObject({ spec: 'scs-0104-v1-images-v5' });
    expect(parse({ distro: ['rocky-10'], standard: ['scs-0104-v2'] })).toMatchObject({ spec: undefined, v2: true });
    expect(() => parse({ distro: ['fedora-41'] })).toThrow(/expected DISTRO-VERSION/);
  });

  it('--base-url FAMILY=URL', () => {
    expect(parse({ baseUrl: ['ubuntu=http://127.0.0.1:8080/u', 'capi=https://m.example/c'] }).options.baseUrls).toEqual({
      ubuntu: 'http://127.0.0.1:8080/u',
      capi: 'https://m.example/c',
    });
  });

  it.each([
    [{ standard: ['scs-0104-v3'] }, /--standard: unknown standard scs-0104-v3/],
    [{ out: undefined }, /--out: required/],
    [{ date: '2026-02-30' }, /--date: '2026-02-30' is not a calendar day/],
    [{ versionDate: '20260108' }, /--version-date/],
    [{ capiVersion: ['1.35.5'] }, /--capi-version: '1\.35\.5'/],
    [{ baseUrl: ['fedora=http://x/'] }, /--base-url: 'fedora=http:\/\/x\/': expected FAMILY=URL/],
    [{ baseUrl: ['ubuntu'] }, /expected FAMILY=URL/],
    [{ baseUrl: ['ubuntu=ftp://x/'] }, /must be an http\(s\) URL/],
    [{ baseUrl: ['ubuntu=http://u:p@x/'] }, /credentials/],
  ])('refuses %o', (over, message) => {
    expect(() => parse(over as Partial<RawInitOptions>)).toThrow(message);
  });

  it('--dry-run needs no --out', () => {
    expect(parse({ out: undefined, dryRun: true }).out).toBeUndefined();
  });
});
