import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../definitions/types.js';
import { checksumText, decideChange, mirrorUrlFor, toUpstreamBuild } from './decide.js';
import type { UpstreamBuild } from './types.js';

const loc = { file: 'f.yml' };
const hex = (c: string) => c.repeat(64);
const version = (label: string, digit: string, url = `https://u/${label}/x.img`) => ({
  version: label,
  url,
  buildDate: '2026-01-01',
  checksum: { algorithm: 'sha256' as const, hex: hex(digit) },
  location: loc,
});
const def = (multi: boolean, ...versions: ReturnType<typeof version>[]): Pick<ImageDefinition, 'multi' | 'versions'> => ({ multi, versions });
const build = (label: string, digit: string, url = `https://u/${label}/x.img`): UpstreamBuild => ({
  version: label,
  url,
  checksum: { algorithm: 'sha256', hex: hex(digit) },
  buildDate: `${label.slice(0, 4)}-${label.slice(4, 6)}-${label.slice(6)}`,
});

describe('decideChange', () => {
  it('current when any version already has the digest', () => {
    expect(decideChange(def(true, version('20260101', 'a'), version('20260201', 'b')), build('20260101', 'a'))).toEqual({
      kind: 'current',
      version: '20260101',
    });
  });
  it('multi: appends a newer build and keeps the old ones', () => {
    expect(decideChange(def(true, version('20260101', 'a')), build('20260301', 'c')).kind).toBe('append');
  });
  it('multi: false replaces the newest version', () => {
    expect(decideChange(def(false, version('20260101', 'a'), version('20260201', 'b')), build('20260301', 'c'))).toMatchObject({
      kind: 'replace',
      replaces: '20260201',
      reason: 'single version',
    });
  });
  it('same label with another digest (rebuilt upstream) replaces that entry', () => {
    expect(decideChange(def(true, version('20260301', 'a')), build('20260301', 'c'))).toMatchObject({
      kind: 'replace',
      replaces: '20260301',
      reason: 'same version',
    });
  });
  it('same url with another digest (a moving latest pointer) replaces that entry', () => {
    const pointer = 'https://u/latest.qcow2';
    expect(decideChange(def(true, version('20260101', 'a', pointer)), build('20260301', 'c', pointer))).toMatchObject({
      kind: 'replace',
      replaces: '20260101',
      reason: 'same url',
    });
  });
  it('never goes backwards', () => {
    expect(decideChange(def(true, version('20260401', 'a')), build('20260301', 'c'))).toEqual({ kind: 'older', version: '20260301', newest: '20260401' });
  });
  it('appends to an empty list', () => {
    expect(decideChange(def(false), build('20260301', 'c')).kind).toBe('append');
  });
  it('compares digests case-insensitively', () => {
    const v = { ...version('20260101', 'a'), checksum: { algorithm: 'sha256' as const, hex: hex('A') } };
    expect(decideChange(def(true, v), build('20260301', 'a')).kind).toBe('current');
  });
});

describe('entry values', () => {
  it('version YYYYMMDD, build_date YYYY-MM-DD, checksum with its algorithm', () => {
    const b = toUpstreamBuild({ url: 'https://u/x', checksum: { algorithm: 'sha512', hex: 'f'.repeat(128) } }, '20261120');
    expect(b).toMatchObject({ version: '20261120', buildDate: '2026-11-20' });
    expect(checksumText(b.checksum)).toBe(`sha512:${'f'.repeat(128)}`);
  });
  it("mirror_url in OIM's layout", () => {
    expect(mirrorUrlFor('https://m.example/images/', 'ubuntu-24.04', '20261120', 'qcow2')).toBe(
      'https://m.example/images/ubuntu-24.04/20261120-ubuntu-24.04.qcow2',
    );
  });
});
