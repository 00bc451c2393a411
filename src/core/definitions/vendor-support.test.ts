import { describe, expect, it } from 'vitest';
import { RELEASES } from '../releases/fixtures.test-util.js';
import { definition } from '../plan/fixtures.test-util.js';
import { vendorSupportWarnings } from './vendor-support.js';

const meta = (os_distro: string, os_version: string) => ({ ...definition('x', []).meta, os_distro, os_version });
const def = (name: string, os_distro: string, os_version: string, over = {}) => definition(name, ['1'], { meta: meta(os_distro, os_version), ...over });

describe('vendorSupportWarnings (OIM check_updates: releases past end of support)', () => {
  it('warns about each enabled definition past its end of support, on the clock given', () => {
    const defs = [def('Debian 12', 'debian', '12'), def('Ubuntu 24.04', 'ubuntu', '24.04'), def('openSUSE Leap 15.6', 'opensuse', '15.6')];
    const w = vendorSupportWarnings(defs, RELEASES, new Date('2026-07-01T00:00:00Z'));
    // Debian's date is the end of Debian LTS (providedUntilFrom: lts), not of its regular support (2026-06-10)
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/openSUSE Leap 15\.6 reached the end of the vendor's standard security support on 2026-04-30/);
    expect(vendorSupportWarnings(defs, RELEASES, new Date('2026-04-01T00:00:00Z'))).toEqual([]);
    const later = vendorSupportWarnings(defs, RELEASES, new Date('2028-07-01T00:00:00Z'));
    expect(later[0]).toMatch(/\('Debian 12'\): Debian 12 reached the end of the vendor's free long-term support \(LTS\) on 2028-06-30 \(today is 2028-07-01/);
  });

  it("knows AlmaLinux by its shortname although OIM's definitions say os_distro centos; majors for RHEL rebuilds; disabled ones are quiet", () => {
    const alma = def('AlmaLinux 8', 'centos', '8', { shortname: 'almalinux-8' });
    const stream = def('CentOS Stream 8', 'centos', '8', { shortname: 'centos-stream-8' });
    const rocky = def('Rocky 9', 'rocky', '9.4');
    const now = new Date('2029-04-01T00:00:00Z');
    const w = vendorSupportWarnings([alma, stream, rocky, { ...def('CentOS 7', 'centos', '7'), enable: false }], RELEASES, now);
    expect(w.map((x) => /: (\w[\w ]*? \d+(\.\d)?) reached .* on (\S+) /.exec(x)?.slice(1).filter(Boolean))).toEqual([
      ['AlmaLinux 8', '2029-03-01'],
      ['CentOS 8', '2024-05-31'],
    ]);
  });
});
