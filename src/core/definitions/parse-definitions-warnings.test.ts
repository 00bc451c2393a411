// The parser's warnings: what it accepts but says something about, and which of those only OIM's own --check cares about.
import { describe, expect, it } from 'vitest';
import { edit, parse } from './definition-text.test-util.js';

describe('warnings', () => {
  // notes that only OIM's own --check cares about are marked: validate shows them, nothing else does
  const warningsOf = (text: string) => {
    const { warnings, compatNotes } = parse(text);
    return [...warnings, ...compatNotes.map((n) => `(validate only) ${n}`)];
  };

  it.each<[string, Record<number, string | null>, Record<number, string[]>, string]>([
    [
      'unknown valid-looking property',
      {},
      { 20: ['      hw_qemu_guest_agent: "yes"'] },
      "(validate only) defs.yml:21:7 (images[0].meta.hw_qemu_guest_agent): 'hw_qemu_guest_agent' is not in OIM's schema (OIM --check would reject it); set as a custom Glance property",
    ],
    [
      'property with a namespace colon',
      {},
      { 20: ['      trait:CUSTOM_GPU: required'] },
      "(validate only) defs.yml:21:7 (images[0].meta.trait:CUSTOM_GPU): 'trait:CUSTOM_GPU' is not in OIM's schema (OIM --check would reject it); set as a custom Glance property",
    ],
    [
      'near miss of a known key',
      {},
      { 20: ['      hw_disk_buss: virtio'] },
      "defs.yml:21:7 (images[0].meta.hw_disk_buss): 'hw_disk_buss' is not in OIM's schema (OIM --check would reject it); did you mean 'hw_disk_bus'?",
    ],
    [
      'property OIM derives itself',
      {},
      { 20: ['      image_source: https://cloud-images.ubuntu.com/'] },
      "defs.yml:21:7 (images[0].meta.image_source): 'image_source' is not in OIM's schema (OIM --check would reject it); normally derived from versions[].url; the value here is set as given",
    ],
    [
      "os_distro outside OIM's list",
      { 15: '      os_distro: almalinux' },
      {},
      "(validate only) defs.yml:15:18 (images[0].meta.os_distro): 'almalinux' is not in OIM's list for os_distro (arch, centos, cirros, debian, fedora, freebsd, gentoo, mandrake, mandriva, mes, msdos, netbsd, netware, openbsd, opensolaris, opensuse, rhel, rocky, sled, talos, ubuntu, windows); SCS follows osinfo-db short ids (e.g. almalinux); OIM --check would reject it",
    ],
    [
      'hw_firmware_type bios',
      {},
      { 20: ['      hw_firmware_type: bios'] },
      "defs.yml:21:25 (images[0].meta.hw_firmware_type): 'bios' is not in OIM's list for hw_firmware_type (uefi); Nova knows 'bios' and 'uefi'",
    ],
    [
      'versioned machine type',
      {},
      { 20: ['      hw_machine_type: pc-q35-8.2'] },
      "defs.yml:21:24 (images[0].meta.hw_machine_type): 'pc-q35-8.2' is not in OIM's list for hw_machine_type (pc, q35, virt); make sure your hypervisor knows this machine type",
    ],
    [
      'null for a nullable key',
      { 13: '      hw_disk_bus:' },
      {},
      "defs.yml:13:7 (images[0].meta.hw_disk_bus): no value (allowed by OIM's schema): the property 'hw_disk_bus' will not be set",
    ],
    [
      'number that YAML shortens',
      {},
      { 20: ['      kernel_version: 6.10'] },
      "defs.yml:21:23 (images[0].meta.kernel_version): YAML reads 6.10 as the number 6.1; quote it if you mean '6.10'",
    ],
    ['enable missing', { 3: null }, {}, "defs.yml:2:5 (images[0].enable): 'enable' is not set; treated as true, as OIM's code does (OIM's schema requires it)"],
    [
      'os_purpose missing',
      { 17: null },
      {},
      "defs.yml:12:7 (images[0].meta.os_purpose): 'os_purpose' is missing (mandatory in scs-0102-v2 and required by OIM's schema)",
    ],
    ['duplicate tag', { 21: '    tags: [a, a]' }, {}, "defs.yml:21:15 (images[0].tags[1]): duplicate tag 'a'"],
  ])('%s', (_name, replace, insert, warning) => {
    expect(warningsOf(edit(replace, insert))).toContain(warning);
  });

  it('a near miss and a derived property stay warnings for every command; a plain custom property and an osinfo-db id are notes for validate', () => {
    const { warnings, compatNotes } = parse(
      edit(
        { 15: '      os_distro: almalinux' },
        { 20: ['      hw_disk_buss: virtio', '      image_source: https://cloud-images.ubuntu.com/', '      hw_qemu_guest_agent: "yes"'] },
      ),
    );
    expect(warnings.map((w) => w.replace(/^.*?\): /, ''))).toEqual([
      "'hw_disk_buss' is not in OIM's schema (OIM --check would reject it); did you mean 'hw_disk_bus'?",
      "'image_source' is not in OIM's schema (OIM --check would reject it); normally derived from versions[].url; the value here is set as given",
    ]);
    expect(compatNotes.map((w) => w.replace(/^.*?\): /, '').split(' is not in')[0])).toEqual(["'almalinux'", "'hw_qemu_guest_agent'"]);
  });

  it('values of unknown properties keep their YAML type', () => {
    const { images } = parse(edit({}, { 20: ['      hw_qemu_guest_agent: true', '      hw_vif_multiqueue_enabled: false', '      cpu_count: 4'] }));
    expect(images[0]!.meta).toMatchObject({ hw_qemu_guest_agent: true, hw_vif_multiqueue_enabled: false, cpu_count: 4 });
  });

  it('a null nullable key is left out of meta', () => {
    expect(parse(edit({ 13: '      hw_disk_bus: ~' })).images[0]!.meta).not.toHaveProperty('hw_disk_bus');
  });
});
