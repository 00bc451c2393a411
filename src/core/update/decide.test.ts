import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../definitions/types.js';
import { checksumText, decideChange, isMovingPointer, mirrorUrlFor, toUpstreamBuild } from './decide.js';
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
  it("a checksum-less version on a moving pointer (init's placeholder, labelled with the day it was written) gives way to an older pinned build", () => {
    const pointer = 'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-latest.x86_64.qcow2';
    const { checksum: _c, ...placeholder } = version('20261204', 'a', pointer);
    const pinned = build('20260527', 'c', 'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-10.1-20260527.0.x86_64.qcow2');
    expect(decideChange({ multi: true, versions: [placeholder] }, pinned)).toMatchObject({ kind: 'replace', replaces: '20261204', reason: 'unpinned pointer' });
    // with a checksum it names bytes: never backwards
    expect(decideChange(def(true, version('20261204', 'a', pointer)), pinned).kind).toBe('older');
    // without a checksum but on a dated URL: a hand-pinned build, never backwards either
    const { checksum: _d, ...dated } = version('20261204', 'a');
    expect(decideChange({ multi: true, versions: [dated] }, pinned).kind).toBe('older');
  });
  it('moving pointers: latest files and pointer folders, not dated builds', () => {
    for (const url of [
      'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-latest.x86_64.qcow2',
      'https://download.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2',
      'https://cloud.centos.org/centos/10-stream/x86_64/images/CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2',
      'https://cloud-images.ubuntu.com/releases/resolute/release/ubuntu-26.04-server-cloudimg-amd64.img',
      'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
      'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2',
    ]) {
      expect(isMovingPointer(url), url).toBe(true);
    }
    for (const url of [
      'https://cloud-images.ubuntu.com/noble/20260705/noble-server-cloudimg-amd64.img',
      'https://cloud-images.ubuntu.com/releases/noble/release-20260705/ubuntu-24.04-server-cloudimg-amd64.img',
      'https://cloud.debian.org/images/cloud/trixie/20260717-2542/debian-13-genericcloud-amd64-20260717-2542.qcow2',
      'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-10.1-20260527.0.x86_64.qcow2',
      'https://example.org/images/mylatestimage.qcow2',
      'not a url',
    ]) {
      expect(isMovingPointer(url), url).toBe(false);
    }
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
