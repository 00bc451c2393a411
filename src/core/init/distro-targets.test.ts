import { describe, expect, it } from 'vitest';
import { selectHandler } from '../update/handlers/registry.js';
import { targetsFromDistros, parseDistroRequest, type DistroRequest } from './distro-targets.js';
import { HEADER, OPTIONS, RELEASES } from './fixtures.test-util.js';
import { generateDefinitions } from './generate.js';
import { mergeSelections } from './selection.js';
import { targetsFromSpec } from './spec-targets.js';
import { bundledSpec } from './fixtures.test-util.js';

const req = (s: string): DistroRequest => {
  const r = parseDistroRequest(s);
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

describe('init --distro', () => {
  it('spells each family as OIM shortnames do; anything else is a problem naming the choices', () => {
    expect(parseDistroRequest('centos-stream-10')).toEqual({ family: 'centos', version: '10', spelled: 'centos-stream-10' });
    expect(parseDistroRequest('openSUSE-Leap-16.0')).toEqual({ family: 'opensuse', version: '16.0', spelled: 'opensuse-leap-16.0' });
    expect(parseDistroRequest('AlmaLinux-10')).toMatchObject({ family: 'almalinux', version: '10' });
    expect(parseDistroRequest('fedora-41')).toEqual({ problem: expect.stringContaining('centos-stream, opensuse-leap, almalinux, rocky, ubuntu, debian') });
    expect(parseDistroRequest('rocky-')).toHaveProperty('problem');
  });

  it('a release the bundled data does not know is refused, with the known ones', () => {
    const { selection, problems } = targetsFromDistros(RELEASES, [req('rocky-11'), req('almalinux-10')]);
    expect(problems).toEqual([expect.stringMatching(/^rocky-11: no rocky release 11 in the bundled release data \(known: 8, 9, 10\)$/)]);
    expect(selection.targets.map((t) => t.name)).toEqual(['AlmaLinux 10']);
  });

  it("writes valid definitions under the vendor's host, with the shortname update picks its handler by", () => {
    const wanted = ['almalinux-10', 'rocky-10', 'centos-stream-10', 'opensuse-leap-16.0', 'rocky-9', 'opensuse-leap-15.6'];
    const { selection } = targetsFromDistros(RELEASES, wanted.map(req));
    const result = generateDefinitions(selection, OPTIONS, HEADER);
    expect(result.files.map((f) => f.fileName)).toEqual(['almalinux.yml', 'rocky.yml', 'centos.yml', 'opensuse.yml']);
    expect(result.definitions.warnings.filter((w) => !w.includes("'almalinux' is not in OIM's list"))).toEqual([]);
    const by = (name: string) => {
      const d = result.definitions.images.find((i) => i.name === name);
      if (!d) throw new Error(`no ${name}`);
      return d;
    };
    const handlerOf = (name: string) => {
      const d = by(name);
      return selectHandler({ name: d.name, shortname: d.shortname, latestUrl: d.latestUrl ?? '', osDistro: String(d.meta['os_distro']) })?.id;
    };
    expect(by('AlmaLinux 10')).toMatchObject({
      shortname: 'almalinux-10',
      latestChecksumUrl: 'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/CHECKSUM',
    });
    expect(handlerOf('AlmaLinux 10')).toBe('almalinux');
    expect(by('Rocky 10').versions[0]?.url).toBe('https://download.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2');
    expect(by('Rocky 9').versions[0]?.url).toBe('https://download.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud.latest.x86_64.qcow2');
    expect(handlerOf('Rocky 10')).toBe('rocky');
    // CentOS Stream: a downloadable -latest file, and OIM's pattern for update to pin a dated build
    expect(by('CentOS Stream 10')).toMatchObject({
      shortname: 'centos-stream-10',
      latestUrl: 'https://cloud.centos.org/centos/10-stream/x86_64/images/CentOS-Stream-GenericCloud-10-HEREBE[0-9.]+DRAGONS.x86_64.qcow2',
    });
    expect(by('CentOS Stream 10').versions[0]?.url).toBe(
      'https://cloud.centos.org/centos/10-stream/x86_64/images/CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2',
    );
    expect(handlerOf('CentOS Stream 10')).toBe('centos-stream');
    // openSUSE renamed its appliance files with Leap 16
    expect(by('openSUSE Leap 16.0').versions[0]?.url).toBe(
      'https://download.opensuse.org/distribution/leap/16.0/appliances/Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2',
    );
    expect(by('openSUSE Leap 15.6').versions[0]?.url).toBe(
      'https://download.opensuse.org/distribution/leap/15.6/appliances/openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2',
    );
    expect(handlerOf('openSUSE Leap 16.0')).toBe('opensuse');
    // provided_until from the release data; full metadata as for the standard's images
    expect(by('CentOS Stream 10').meta).toMatchObject({ os_distro: 'centos', os_version: '10', provided_until: '2030-01-01', os_purpose: 'generic' });
    expect(by('AlmaLinux 10').meta).toMatchObject({ os_distro: 'almalinux', provided_until: '2035-05-31' });
    expect(result.coverage.every((c) => c.requirement.status === 'optional')).toBe(true);
    expect(result.uncovered).toEqual([]);
  });

  it('a release the spec also lists becomes one definition serving both', () => {
    const spec = targetsFromSpec(bundledSpec('scs-0104-v1-images-v5'), RELEASES, false);
    const { selection } = targetsFromDistros(RELEASES, [req('ubuntu-24.04'), req('debian-13')]);
    const merged = mergeSelections([spec, selection]);
    const ubuntu = merged.targets.filter((t) => t.name === 'Ubuntu 24.04');
    expect(ubuntu).toHaveLength(1);
    expect(ubuntu[0]?.requirements.map((r) => r.origin)).toEqual(['scs-0104-v1-images-v5', '--distro ubuntu-24.04']);
    expect(merged.targets.map((t) => t.name)).toContain('Debian 13');
  });
});
