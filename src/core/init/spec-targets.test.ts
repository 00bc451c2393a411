import { describe, expect, it } from 'vitest';
import { parseImageSpec } from '../spec/parse-image-spec.js';
import { BUNDLED, bundledSpec, RELEASES } from './fixtures.test-util.js';
import { findRelease, targetsFromSpec } from './spec-targets.js';

describe('targetsFromSpec', () => {
  it.each(BUNDLED)('%s: every mandatory and recommended entry becomes a target, optional ones are left out', (name) => {
    const spec = bundledSpec(name);
    const sel = targetsFromSpec(spec, RELEASES, false);
    const wanted = spec.entries.filter((e) => e.status !== 'optional').map((e) => e.name);
    expect(sel.targets.map((t) => t.name)).toEqual(wanted);
    expect(sel.uncovered.every((u) => u.requirement.status === 'optional' && /--all/.test(u.reason))).toBe(true);
  });

  it('--all takes every entry', () => {
    const spec = bundledSpec('scs-0104-v1-images-v5');
    const sel = targetsFromSpec(spec, RELEASES, true);
    expect(sel.targets).toHaveLength(spec.entries.length);
    expect(sel.uncovered).toEqual([]);
  });

  it('knows the family, release and codename of each entry', () => {
    const sel = targetsFromSpec(bundledSpec('scs-0104-v1-images-v5'), RELEASES, false);
    expect(sel.targets.map((t) => [t.family, t.name, t.release?.codename])).toEqual([
      ['ubuntu', 'Ubuntu 24.04', 'noble'],
      ['debian', 'Debian 12', 'bookworm'],
      ['capi', 'ubuntu-capi-image', undefined],
    ]);
  });

  it('leaves entries it cannot write to the operator, with the reason', () => {
    const spec = parseImageSpec(
      [
        'images:',
        '- name: "Fedora 40"',
        '  source: https://download.fedoraproject.org/',
        '  status: mandatory',
        '- name: "ubuntu-capi-image-v1.30"',
        '  source: https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/',
        '  status: recommended',
        '- name: "Ubuntu 99.04"',
        '  source: https://example.org/',
        '  status: mandatory',
      ].join('\n'),
      'custom.yaml',
    );
    const sel = targetsFromSpec(spec, RELEASES, false);
    expect(sel.targets).toEqual([]);
    expect(sel.uncovered.map((u) => [u.requirement.name, u.reason])).toEqual([
      ['Fedora 40', expect.stringMatching(/Ubuntu, Debian and SCS CAPI images only/)],
      ['ubuntu-capi-image-v1.30', expect.stringMatching(/without name_scheme/)],
      ['Ubuntu 99.04', expect.stringMatching(/not in data\/distros\/releases.json/)],
    ]);
  });
});

describe('findRelease', () => {
  it('takes the release from the data', () => {
    expect(findRelease(RELEASES, 'debian', '13', [])).toEqual({
      version: '13',
      codename: 'trixie',
      endOfStandardSupport: '2028-08-09',
      endOfLts: '2030-06-30',
      providedUntilFrom: 'lts',
    });
  });

  it("reads an unknown release's codename from the spec's prefixes", () => {
    expect(findRelease(RELEASES, 'ubuntu', '28.04', ['https://cloud-images.ubuntu.com/releases/zesty2/', 'https://cloud-images.ubuntu.com/future/'])).toEqual({
      version: '28.04',
      codename: 'future',
      endOfStandardSupport: null,
    });
    expect(findRelease(RELEASES, 'debian', '15', ['https://cdimage.debian.org/cdimage/cloud/duke/'])?.codename).toBe('duke');
  });
});
