import { describe, expect, it } from 'vitest';
import type { ImageDefinition, VersionDefinition } from '../definitions/types.js';
import { mirrorProbes, mirrorTargets, objectNameUnder } from './targets.js';

const loc = { file: 'images.yml', line: 3 };
const sha = (c: string) => ({ algorithm: 'sha256' as const, hex: c.repeat(64) });
const version = (v: Partial<VersionDefinition> & { version: string }): VersionDefinition => ({
  url: 'https://up.example/x.qcow2',
  buildDate: '2026-01-01',
  location: loc,
  ...v,
});
const image = (name: string, versions: VersionDefinition[]): ImageDefinition =>
  ({
    name,
    enable: true,
    format: 'qcow2',
    minDisk: 1,
    minRam: 512,
    multi: true,
    separator: ' ',
    tags: [],
    visibility: 'public',
    meta: {},
    versions,
    location: loc,
  }) as ImageDefinition;
const BASE = 'https://swift.example/v1/AUTH_p/openstack-images';

describe('objectNameUnder', () => {
  it('is the decoded path below the base, and undefined outside it', () => {
    expect(objectNameUnder(`${BASE}/`, `${BASE}/debian/2026%2001-debian.qcow2`)).toBe('debian/2026 01-debian.qcow2');
    expect(objectNameUnder(BASE, `${BASE}-other/x.qcow2`)).toBeUndefined();
    expect(objectNameUnder(BASE, `${BASE}/dir/`)).toBeUndefined();
    expect(objectNameUnder(BASE, 'https://elsewhere.example/x')).toBeUndefined();
  });
});

describe('mirrorTargets', () => {
  it('mirrors versions with url, mirror_url below the base and a checksum; says why the others are skipped', () => {
    const { targets, skipped } = mirrorTargets(
      [
        image('A', [
          version({ version: '1', mirrorUrl: `${BASE}/a/1-a.qcow2`, checksum: sha('a') }),
          version({ version: '2' }),
          version({ version: '3', mirrorUrl: `${BASE}/a/3-a.qcow2` }),
          version({ version: '4', mirrorUrl: 'https://other.example/a.qcow2', checksum: sha('b') }),
          version({ version: '5', url: 'file:disks/a.qcow2', mirrorUrl: `${BASE}/a/5.qcow2`, checksum: sha('c') }),
        ]),
      ],
      BASE,
    );
    expect(targets).toEqual([expect.objectContaining({ definition: 'A', version: '1', objectName: 'a/1-a.qcow2', checksum: sha('a') })]);
    expect(skipped.map((s) => [s.version, s.reason])).toEqual([
      ['2', 'no mirror_url'],
      ['3', 'no checksum: the mirror stores only bytes it could verify'],
      ['4', `mirror_url https://other.example/a.qcow2 is not below the mirror's base URL ${BASE}`],
      ['5', 'url file:disks/a.qcow2 is not an http(s) download'],
    ]);
  });

  it('copies an object named twice once, and refuses a second version that would put other bytes there', () => {
    const same = version({ version: '1', mirrorUrl: `${BASE}/x.qcow2`, checksum: sha('a') });
    const { targets, skipped } = mirrorTargets([image('A', [same]), image('B', [same]), image('C', [{ ...same, checksum: sha('f') }])], BASE);
    expect(targets.map((t) => t.definition)).toEqual(['A']);
    expect(skipped.map((s) => [s.definition, s.reason])).toEqual([
      ['B', 'same object as A 1 (mirrored once)'],
      ['C', "mirror_url is also A 1's, with another url or checksum; fix the definitions"],
    ]);
  });
});

describe('mirrorProbes', () => {
  it('is every http(s) mirror_url, with or without a checksum', () => {
    const probes = mirrorProbes([
      image('A', [
        version({ version: '1', mirrorUrl: 'https://m.example/a', checksum: sha('a') }),
        version({ version: '2', mirrorUrl: 'https://m.example/b' }),
        version({ version: '3' }),
      ]),
    ]);
    expect(probes.map((p) => [p.version, p.checksum?.hex.slice(0, 1)])).toEqual([
      ['1', 'a'],
      ['2', undefined],
    ]);
  });
});
