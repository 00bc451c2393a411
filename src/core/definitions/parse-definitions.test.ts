import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../errors.js';
import { parseDefinitionFile, parseDefinitionSources } from './parse-definitions.js';
import { effectiveMeta } from './types.js';
import { BASE, edit, errorsOf, parse, SHA } from './definition-text.test-util.js';

const testdata = new URL('./testdata/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, testdata), 'utf8');

describe('the OIM files and the OIM test fixture', () => {
  const files = readdirSync(testdata).filter((f) => f.endsWith('.yml'));

  it('ships all copies', () => {
    expect(files).toHaveLength(13);
  });

  it.each(files.filter((f) => f !== 'oim-test-fixture.yml'))('%s loads and validates without warnings', (f) => {
    const { images, warnings } = parseDefinitionFile(read(f), f);
    expect(images.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    for (const img of images) {
      expect(img.location.file).toBe(f);
      for (const v of img.versions) expect(v.buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('maps cirros.yml to the camelCase model', () => {
    const [cirros] = parseDefinitionFile(read('cirros.yml'), 'cirros.yml').images;
    expect(cirros).toMatchObject({
      name: 'Cirros',
      enable: true,
      format: 'qcow2',
      login: 'cirros',
      password: 'gocubsgo',
      minDisk: 1,
      minRam: 64,
      multi: false,
      separator: ' ',
      status: 'active',
      visibility: 'public',
      tags: [],
      meta: { architecture: 'x86_64', os_distro: 'cirros', uuid_validity: 'none', provided_until: 'none', hw_disk_bus: 'scsi' },
      location: { file: 'cirros.yml', line: 4, column: 5, field: 'images[0]' },
    });
    expect(cirros!.versions[1]).toEqual({
      version: '0.6.3',
      url: 'https://github.com/cirros-dev/cirros/releases/download/0.6.3/cirros-0.6.3-x86_64-disk.img',
      checksum: { algorithm: 'sha256', hex: SHA },
      buildDate: '2024-09-26',
      location: { file: 'cirros.yml', line: 32, column: 9, field: 'images[0].versions[1]' },
    });
  });

  it('orders versions the way OIM processes them (natural sort, newest last)', () => {
    const [garden] = parseDefinitionFile(read('gardenlinux.yml'), 'gardenlinux.yml').images;
    expect(garden!.versions.map((v) => v.version)).toEqual(['1592.14', '1592.15', '1592.16', '1877.5', '1877.6', '1877.7', '1877.10']);
    expect(garden!.enable).toBe(false);
  });

  it('reads latest_url, latest_checksum_url, mirror_url and sha512 checksums', () => {
    const { images } = parseDefinitionFile(read('almalinux.yml'), 'almalinux.yml');
    expect(images[1]).toMatchObject({
      name: 'AlmaLinux 9',
      shortname: 'almalinux-9',
      latestUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2',
      latestChecksumUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM',
      meta: { os_distro: 'centos', os_version: '9', uuid_validity: 'last-3' },
    });
    expect(images[1]!.versions[0]!.mirrorUrl).toMatch(/^https:\/\/nbg1\./);
    const [opn] = parseDefinitionFile(read('opnsense.yml'), 'opnsense.yml').images;
    expect(opn!.versions[0]!.checksum).toMatchObject({ algorithm: 'sha512' });
    expect(opn!.versions[0]!.checksum!.hex).toHaveLength(128);
  });

  it('accepts the test fixture (file: URL, no enable, no os_purpose/hypervisor_type) with warnings', () => {
    const { images, warnings } = parseDefinitionFile(read('oim-test-fixture.yml'), 'oim-test-fixture.yml');
    expect(images.map((i) => i.name)).toEqual(['Cirros_test', 'Cirros_test_file']);
    expect(images.every((i) => i.enable)).toBe(true);
    expect(images[1]!.versions[0]!.url).toBe('file:test/integration/fixtures/fake_image.img');
    expect(images[0]!.meta).not.toHaveProperty('os_purpose');
    expect(warnings).toEqual([
      "oim-test-fixture.yml:3:5 (images[0].enable): 'enable' is not set; treated as true, as OIM's code does (OIM's schema requires it)",
      "oim-test-fixture.yml:13:7 (images[0].meta.hypervisor_type): 'hypervisor_type' is missing (recommended by scs-0102 and required by OIM's schema)",
      "oim-test-fixture.yml:13:7 (images[0].meta.os_purpose): 'os_purpose' is missing (mandatory in scs-0102-v2 and required by OIM's schema)",
      "oim-test-fixture.yml:30:5 (images[1].enable): 'enable' is not set; treated as true, as OIM's code does (OIM's schema requires it)",
      "oim-test-fixture.yml:40:7 (images[1].meta.hypervisor_type): 'hypervisor_type' is missing (recommended by scs-0102 and required by OIM's schema)",
      "oim-test-fixture.yml:40:7 (images[1].meta.os_purpose): 'os_purpose' is missing (mandatory in scs-0102-v2 and required by OIM's schema)",
    ]);
  });

  it('the base definition of the error table is valid', () => {
    const { images, warnings } = parse(edit());
    expect(warnings).toEqual([]);
    expect(images[0]!.versions[0]!.buildDate).toBe('2026-01-08');
  });
});

/** [case, replacements, insertions, field, line, problem]: one error expected, at exactly this field and line. */
type Case = [string, Record<number, string | null>, Record<number, string[]>, string, number, RegExp];

const ERROR_CASES: Case[] = [
  // image level
  ['name missing', { 2: '  - shortname: test' }, {}, 'images[0].name', 2, /^required key is missing$/],
  ['name empty', { 2: "  - name: ''" }, {}, 'images[0].name', 2, /must not be empty/],
  ['name not a string', { 2: '  - name: 24.04' }, {}, 'images[0].name', 2, /expected a string, got the number 24\.04; quote it: '24\.04'/],
  ['enable not a boolean', { 3: '    enable: maybe' }, {}, 'images[0].enable', 3, /expected true or false, got the string 'maybe'/],
  ["enable: 'yes' quoted is a string (also for PyYAML)", { 3: "    enable: 'yes'" }, {}, 'images[0].enable', 3, /expected true or false/],
  [
    'format not in the enum',
    { 4: '    format: qcow3' },
    {},
    'images[0].format',
    4,
    /'qcow3' is not one of aki, ari, ami, raw, iso, vhd, vdi, qcow2, vmdk \(did you mean 'qcow2'\?\)/,
  ],
  ['login missing', { 5: null }, {}, 'images[0].login', 2, /required key is missing/],
  ['login without value', { 5: '    login:' }, {}, 'images[0].login', 5, /has no value/],
  ['min_disk negative', { 6: '    min_disk: -1' }, {}, 'images[0].min_disk', 6, /must be ≥ 0, got -1/],
  ['min_disk a float', { 6: '    min_disk: 8.0' }, {}, 'images[0].min_disk', 6, /expected a whole number ≥ 0, got the number 8 \(written 8\.0\)/],
  ['min_ram quoted', { 7: "    min_ram: '512'" }, {}, 'images[0].min_ram', 7, /write it without quotes: 512/],
  ['status not in the enum', { 8: '    status: enabled' }, {}, 'images[0].status', 8, /'enabled' is not one of active, deactivated/],
  ['visibility case', { 9: '    visibility: Public' }, {}, 'images[0].visibility', 9, /did you mean 'public'\?/],
  ['multi missing', { 10: null }, {}, 'images[0].multi', 2, /required key is missing/],
  ['keep not a boolean', {}, { 10: ['    keep: 3'] }, 'images[0].keep', 11, /expected true or false, got the number 3/],
  ['separator not a string', {}, { 10: ['    separator: 1'] }, 'images[0].separator', 11, /quote it: '1'/],
  ['tags not a list', { 21: '    tags: managed' }, {}, 'images[0].tags', 21, /expected a list of strings/],
  ['tag not a string', { 21: '    tags: [a, 7]' }, {}, 'images[0].tags[1]', 21, /quote it: '7'/],
  [
    'latest_url not a URL',
    {},
    { 21: ['    latest_url: cloud-images.ubuntu.com/x.img'] },
    'images[0].latest_url',
    22,
    /is not an http\(s\):\/\/ or ftp\(s\):\/\/ URL/,
  ],
  [
    'latest_checksum_url over ftp',
    {},
    { 21: ['    latest_checksum_url: ftp://mirror.example/SHA256SUMS'] },
    'images[0].latest_checksum_url',
    22,
    /ftp is not allowed here/,
  ],
  ['unknown image key with a near miss', { 6: '    min_disc: 8' }, {}, 'images[0].min_disc', 6, /unknown key 'min_disc' \(did you mean 'min_disk'\?\)/],
  ['camelCase image key', { 7: '    minRam: 512' }, {}, 'images[0].minRam', 7, /did you mean 'min_ram'\?/],
  ['version key at image level', {}, { 10: ['    checksum: sha256:abc'] }, 'images[0].checksum', 11, /belongs in each versions\[\] entry/],
  ['property at image level', {}, { 10: ['    os_secure_boot: required'] }, 'images[0].os_secure_boot', 11, /Glance properties belong under meta/],
  [
    'meta missing',
    { 11: null, 12: null, 13: null, 14: null, 15: null, 16: null, 17: null, 18: null, 19: null, 20: null },
    {},
    'images[0].meta',
    2,
    /required key is missing/,
  ],
  [
    'meta not a mapping',
    { 11: '    meta: [architecture]', 12: null, 13: null, 14: null, 15: null, 16: null, 17: null, 18: null, 19: null, 20: null },
    {},
    'images[0].meta',
    11,
    /expected a mapping of Glance properties, got a list/,
  ],
  ['versions missing', { 22: null, 23: null, 24: null, 25: null, 26: null }, {}, 'images[0].versions', 2, /required key is missing/],
  [
    'versions not a list',
    { 22: '    versions: 20260108', 23: null, 24: null, 25: null, 26: null },
    {},
    'images[0].versions',
    22,
    /expected a list of versions/,
  ],
  // meta
  ['architecture not in the enum', { 12: '      architecture: amd64' }, {}, 'images[0].meta.architecture', 12, /'amd64' is not one of x86_64, aarch64, risc-v/],
  ['required meta key missing', { 12: null }, {}, 'images[0].meta.architecture', 12, /^required key is missing$/],
  [
    'misspelt required meta key (one error, not also "missing")',
    { 12: '      architecure: x86_64' },
    {},
    'images[0].meta.architecure',
    12,
    /^unknown key 'architecure' \(did you mean 'architecture'\?\)$/,
  ],
  ['required meta key without value', { 12: '      architecture:' }, {}, 'images[0].meta.architecture', 12, /has no value/],
  ['hw_disk_bus not in the enum', { 13: '      hw_disk_bus: ide' }, {}, 'images[0].meta.hw_disk_bus', 13, /'ide' is not one of virtio, scsi/],
  [
    'hypervisor_type not in the enum',
    { 14: '      hypervisor_type: kvm' },
    {},
    'images[0].meta.hypervisor_type',
    14,
    /is not one of hyperv, ironic, lxc, qemu, uml, vmware, xen/,
  ],
  ['os_distro not a token', { 15: '      os_distro: Ubuntu Linux' }, {}, 'images[0].meta.os_distro', 15, /'Ubuntu Linux' is not one of/],
  [
    'os_version a number',
    { 16: '      os_version: 22.10' },
    {},
    'images[0].meta.os_version',
    16,
    /got the number 22\.1 \(written 22\.10\); quote it: '22\.10'/,
  ],
  ['os_purpose not in the enum', { 17: '      os_purpose: general' }, {}, 'images[0].meta.os_purpose', 17, /'general' is not one of generic, oldgeneric/],
  [
    'replace_frequency not in the enum',
    { 18: '      replace_frequency: fortnightly' },
    {},
    'images[0].meta.replace_frequency',
    18,
    /not one of yearly, quarterly, monthly, weekly, daily, critical_bug, never/,
  ],
  [
    'uuid_validity last-x (OIM crashes on it)',
    { 19: '      uuid_validity: last-x' },
    {},
    'images[0].meta.uuid_validity',
    19,
    /N in last-N must be a whole number/,
  ],
  ['uuid_validity last-0', { 19: '      uuid_validity: last-0' }, {}, 'images[0].meta.uuid_validity', 19, /at least 1/],
  [
    'uuid_validity free text',
    { 19: '      uuid_validity: always' },
    {},
    'images[0].meta.uuid_validity',
    19,
    /expected none, forever, notice, last-N or a date/,
  ],
  ['provided_until not a date', { 20: '      provided_until: soon' }, {}, 'images[0].meta.provided_until', 20, /expected none, notice or a date YYYY-MM-DD/],
  ['provided_until impossible date', { 20: '      provided_until: 2030-02-30' }, {}, 'images[0].meta.provided_until', 20, /expected none, notice or a date/],
  ['hotfix_hours negative', {}, { 20: ['      hotfix_hours: -4'] }, 'images[0].meta.hotfix_hours', 21, /must be ≥ 0/],
  ['hotfix_hours text', {}, { 20: ['      hotfix_hours: soon'] }, 'images[0].meta.hotfix_hours', 21, /expected a whole number/],
  [
    'hw_vif_multiqueue_enabled not a boolean',
    {},
    { 20: ['      hw_vif_multiqueue_enabled: 2'] },
    'images[0].meta.hw_vif_multiqueue_enabled',
    21,
    /expected true or false/,
  ],
  [
    'hw_watchdog_action not in the enum',
    {},
    { 20: ['      hw_watchdog_action: reboot'] },
    'images[0].meta.hw_watchdog_action',
    21,
    /not one of disabled, reset, poweroff, pause, none/,
  ],
  ['hw_rng_model not in the enum', {}, { 20: ['      hw_rng_model: egd'] }, 'images[0].meta.hw_rng_model', 21, /not one of virtio/],
  ['image_description not a string', {}, { 20: ['      image_description: [a]'] }, 'images[0].meta.image_description', 21, /expected a string, got a list/],
  [
    'reserved os_glance_*',
    {},
    { 20: ['      os_glance_import_task: x'] },
    'images[0].meta.os_glance_import_task',
    21,
    /reserved: Glance manages os_glance_\* properties itself/,
  ],
  ['reserved os_hash_*', {}, { 20: ['      os_hash_value: abc'] }, 'images[0].meta.os_hash_value', 21, /reserved: Glance manages os_hash_\*/],
  [
    'Glance attribute in meta',
    {},
    { 20: ['      min_disk: 5'] },
    'images[0].meta.min_disk',
    21,
    /is a Glance image attribute, not a property; use the definition's min_disk/,
  ],
  ['os_hidden in meta', {}, { 20: ['      os_hidden: true'] }, 'images[0].meta.os_hidden', 21, /use the definition's versions\[\]\.hidden/],
  ['property name with capitals and spaces', {}, { 20: ['      Secure Boot: yes'] }, 'images[0].meta.Secure Boot', 21, /not a usable property name/],
  [
    'custom property with a list value',
    {},
    { 20: ['      hw_cpu_policy: [dedicated]'] },
    'images[0].meta.hw_cpu_policy',
    21,
    /must be a string, number or boolean, got a list/,
  ],
  // versions
  [
    'version unquoted number',
    { 23: '      - version: 20260108' },
    {},
    'images[0].versions[0].version',
    23,
    /expected a string, got the number 20260108; quote it: '20260108'/,
  ],
  ['version missing', { 23: '      - build_date: 2026-01-08', 26: null }, {}, 'images[0].versions[0].version', 23, /required key is missing/],
  ['url missing', { 24: null }, {}, 'images[0].versions[0].url', 23, /required key is missing/],
  [
    'url not a URL',
    { 24: '        url: htp://cloud-images.ubuntu.com/x.img' },
    {},
    'images[0].versions[0].url',
    24,
    /'htp:\/\/cloud-images\.ubuntu\.com\/x\.img' is not an http\(s\):\/\/ or ftp\(s\):\/\/ URL, or file:<path>/,
  ],
  [
    'url with an upper-case scheme',
    { 24: '        url: HTTPS://cloud-images.ubuntu.com/x.img' },
    {},
    'images[0].versions[0].url',
    24,
    /write the scheme in lowercase/,
  ],
  [
    'url with whitespace',
    { 24: "        url: 'https://example.com/my image.img'" },
    {},
    'images[0].versions[0].url',
    24,
    /contains whitespace; percent-encode it/,
  ],
  ['file: url escaping upward', { 24: '        url: file:images/../../etc/passwd' }, {}, 'images[0].versions[0].url', 24, /contains a '\.\.' segment/],
  ['file: url with an encoded ..', { 24: '        url: file:images/%2e%2e/%2e%2e/x.img' }, {}, 'images[0].versions[0].url', 24, /contains a '\.\.' segment/],
  ['file://host form', { 24: '        url: file://host/x.img' }, {}, 'images[0].versions[0].url', 24, /use file:relative\/path or file:\/\/\/absolute\/path/],
  [
    'mirror_url not a URL',
    {},
    { 24: ['        mirror_url: s3://bucket/x.img'] },
    'images[0].versions[0].mirror_url',
    25,
    /is not an http\(s\):\/\/ or ftp\(s\):\/\/ URL, or file:<path>/,
  ],
  ['checksum too short', { 25: '        checksum: sha256:abc' }, {}, 'images[0].versions[0].checksum', 25, /sha256 digest must be 64 hex digits, got 3/],
  [
    'checksum length of another algorithm',
    { 25: `        checksum: md5:${SHA}` },
    {},
    'images[0].versions[0].checksum',
    25,
    /md5 digest must be 32 hex digits, got 64/,
  ],
  [
    'checksum unknown algorithm',
    { 25: `        checksum: sha384:${SHA}` },
    {},
    'images[0].versions[0].checksum',
    25,
    /unknown checksum algorithm 'sha384'; use one of md5, sha1, sha256, sha512/,
  ],
  ['checksum algorithm spelled sha-256', { 25: `        checksum: sha-256:${SHA}` }, {}, 'images[0].versions[0].checksum', 25, /did you mean 'sha256'\?/],
  [
    'bare checksum of 40 digits',
    { 25: `        checksum: ${SHA.slice(0, 40)}` },
    {},
    'images[0].versions[0].checksum',
    25,
    /without algorithm must be 64 hex digits \(sha256\), got 40/,
  ],
  ['checksum not hex', { 25: `        checksum: sha256:${'g'.repeat(64)}` }, {}, 'images[0].versions[0].checksum', 25, /must be hexadecimal/],
  ['build_date missing', { 26: null }, {}, 'images[0].versions[0].build_date', 23, /required key is missing/],
  ['build_date impossible', { 26: '        build_date: 2026-02-30' }, {}, 'images[0].versions[0].build_date', 26, /'2026-02-30' is not a calendar date/],
  ['build_date as a number', { 26: '        build_date: 20260108' }, {}, 'images[0].versions[0].build_date', 26, /got the number 20260108; write 2026-01-08/],
  ['build_date text', { 26: '        build_date: yesterday' }, {}, 'images[0].versions[0].build_date', 26, /is not a date \(YYYY-MM-DD\) or timestamp/],
  [
    'checksums_url over ftp',
    {},
    { 26: ['        checksums_url: ftp://example.com/SHA256SUMS'] },
    'images[0].versions[0].checksums_url',
    27,
    /ftp is not allowed here/,
  ],
  [
    'checksum_url file:',
    {},
    { 26: ['        checksum_url: file:SHA256SUMS'] },
    'images[0].versions[0].checksum_url',
    27,
    /file: is only allowed for url and mirror_url/,
  ],
  ['hidden not a boolean', {}, { 26: ['        hidden: sometimes'] }, 'images[0].versions[0].hidden', 27, /expected true or false/],
  [
    'version visibility not in the enum',
    {},
    { 26: ['        visibility: hidden'] },
    'images[0].versions[0].visibility',
    27,
    /'hidden' is not one of public, private, community, shared/,
  ],
  ['version os_version a number', {}, { 26: ['        os_version: 24.04'] }, 'images[0].versions[0].os_version', 27, /quote it: '24\.04'/],
  ['image_description not a string', {}, { 26: ['        image_description: 5'] }, 'images[0].versions[0].image_description', 27, /quote it: '5'/],
  [
    'source not a URL',
    {},
    { 26: ['        source: git://github.com/x'] },
    'images[0].versions[0].source',
    27,
    /is not an http\(s\):\/\/ or ftp\(s\):\/\/ URL, or 'private'/,
  ],
  ['id upper case', {}, { 26: ['        id: 0A5B1C2D-0000-4000-8000-000000000001'] }, 'images[0].versions[0].id', 27, /write the UUID in lowercase/],
  ['id not a UUID', {}, { 26: ['        id: image-1'] }, 'images[0].versions[0].id', 27, /is not a UUID/],
  [
    'version meta value',
    {},
    { 26: ['        meta:', '          hw_disk_bus: ide'] },
    'images[0].versions[0].meta.hw_disk_bus',
    28,
    /'ide' is not one of virtio, scsi/,
  ],
  ['unknown version key with a near miss', { 26: '        buildDate: 2026-01-08' }, {}, 'images[0].versions[0].buildDate', 26, /did you mean 'build_date'\?/],
  ['image key at version level', {}, { 26: ['        min_disk: 8'] }, 'images[0].versions[0].min_disk', 27, /it is an image-level key/],
  ['version latest without checksum source', { 23: '      - version: latest' }, {}, 'images[0].versions[0].version', 23, /needs checksums_url or checksum_url/],
  [
    'version latest with both checksum sources',
    { 23: '      - version: latest' },
    { 26: ['        checksums_url: https://example.com/SHA256SUMS', '        checksum_url: https://example.com/x.sha256'] },
    'images[0].versions[0].version',
    23,
    /not both/,
  ],
  [
    'duplicate version',
    {},
    { 26: ["      - version: '20260108'", '        url: https://example.com/b.img', '        build_date: 2026-01-09'] },
    'images[0].versions[1].version',
    27,
    /duplicate version '20260108' \(also versions\[0\] at line 23\)/,
  ],
  // file level
  ['top-level key misspelt', { 1: 'image:' }, {}, 'image', 1, /unknown top-level key 'image' \(did you mean 'images'\?\)/],
  ['merge key that is not a mapping', {}, { 2: ['    <<: 5'] }, 'images[0].<<', 3, /must refer to a mapping/],
];

describe('errors name the exact field and line', () => {
  it.each(ERROR_CASES)('%s', (_name, replace, insert, field, line, problem) => {
    const errors = errorsOf(edit(replace, insert));
    const matching = errors.filter((e) => e.location.field === field);
    expect(errors.map((e) => `${e.location.field}@${e.location.line}: ${e.problem}`)).toHaveLength(
      // the misspelt top-level key also leaves 'images' missing
      field === 'image' ? 2 : 1,
    );
    expect(matching).toHaveLength(1);
    expect(matching[0]!.location).toMatchObject({ file: 'defs.yml', line, field });
    expect(matching[0]!.location.column).toBeGreaterThan(0);
    expect(matching[0]!.problem).toMatch(problem);
    expect(matching[0]!.message.startsWith(`defs.yml:${line}:`)).toBe(true);
  });
});

describe('other errors', () => {
  it('never echoes the password of a URL with credentials', () => {
    const [e, ...rest] = errorsOf(edit({ 24: '        url: https://admin:s3cr3t-pw@mirror.example.com/x.img' }));
    expect(rest).toEqual([]);
    expect(e!.location).toMatchObject({ field: 'images[0].versions[0].url', line: 24 });
    expect(e!.problem).toMatch(/contains credentials/);
    expect(e!.message).not.toContain('s3cr3t');
    expect(e!.message).not.toContain('admin');
  });

  it('redacts credentials also when the URL is malformed for other reasons', () => {
    const [e] = errorsOf(edit({ 24: '        url: htps://admin:s3cr3t@mirror.example.com/x.img' }));
    expect(e!.message).not.toContain('s3cr3t');
  });

  it('reports every problem of a file at once, in line order', () => {
    const errors = errorsOf(edit({ 4: '    format: qcow3', 12: '      architecture: amd64', 26: '        build_date: soon' }, { 10: ['    colour: blue'] }));
    expect(errors.map((e) => [e.location.field, e.location.line])).toEqual([
      ['images[0].format', 4],
      ['images[0].colour', 11],
      ['images[0].meta.architecture', 13],
      ['images[0].versions[0].build_date', 27],
    ]);
  });

  it('reports problems of several images', () => {
    const text = `${edit({ 4: '    format: qcow3' })}${edit({ 2: '  - name: Other', 9: '    visibility: everyone' }).replace(/^images:\n/, '')}`;
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.location.field, e.location.line])).toEqual([
      ['images[0].format', 4],
      ['images[1].visibility', 34],
    ]);
  });

  it('duplicate image names in one file name both places', () => {
    const text = `${edit()}${edit().replace(/^images:\n/, '')}`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.location).toMatchObject({ field: 'images[1].name', line: 27, column: 11 });
    expect(errors[0]!.problem).toBe("duplicate image name 'Test Image': also defined at defs.yml:2:11 (images[0].name)");
  });

  it('generated names two definitions would share are errors', () => {
    const text = `${edit({ 2: '  - name: Test', 10: '    multi: false' })}${edit({ 2: "  - name: 'Test 20260108'" }).replace(/^images:\n/, '')}`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.location).toMatchObject({ field: 'images[1].name', line: 27 });
    expect(errors[0]!.problem).toMatch(/the Glance name 'Test 20260108' would be used by 'Test 20260108' and by 'Test' version '20260108' at defs\.yml:2:11/);
  });

  it('duplicate fixed image ids are errors', () => {
    const id = '0a5b1c2d-0000-4000-8000-000000000001';
    const text = edit(
      {},
      {
        26: [
          `        id: ${id}`,
          "      - version: '20260109'",
          '        url: https://example.com/b.img',
          '        build_date: 2026-01-09',
          `        id: ${id}`,
        ],
      },
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.location).toMatchObject({ field: 'images[0].versions[1].id', line: 31 });
    expect(errors[0]!.problem).toBe(`duplicate image id ${id}: also used at defs.yml:27:13 (images[0].versions[0].id)`);
  });

  it('rejects a Glance name longer than 255 characters', () => {
    const [e] = errorsOf(edit({ 2: `  - name: ${'x'.repeat(250)}` }));
    expect(e!.location.field).toBe('images[0].name');
    expect(e!.problem).toMatch(/Glance allows 255/);
  });

  it.each([
    ['', 'empty file', 1],
    ['- a\n', 'not an image definitions file', 1],
    ['images: []\n', 'the list is empty', 1],
    ['images:\n', 'expected a list of image definitions, got no value', 1],
    ['images: {name: x}\n', 'expected a list of image definitions, got a mapping', 1],
    ['images:\n  - 5\n', 'expected an image definition', 2],
    ['images:\n  - name: "x\n', 'invalid YAML', 3],
    ['images: []\nimages: []\n', 'invalid YAML', 2],
  ])('file-level problem in %j', (text, problem, line) => {
    const errors = errorsOf(text);
    expect(errors[0]!.problem).toContain(problem);
    expect(errors[0]!.location.line ?? 1).toBe(line);
  });

  it('refuses an alias bomb (guard in positions.ts)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const errors = errorsOf(`${bomb}\nimages: []\n`);
    expect(errors[0]!.problem).toMatch(/invalid YAML/);
  });
});

describe('traps OIM users hit are fixed', () => {
  it.each([
    ['unquoted date', '2022-11-18', '2022-11-18'],
    ['quoted date (OIM rejects it)', "'2022-11-18'", '2022-11-18'],
    ['double-quoted date', '"2022-11-18"', '2022-11-18'],
    ['YAML timestamp', '2022-11-18 10:30:00', '2022-11-18'],
    ['ISO timestamp in UTC', '2022-11-18T23:59:59Z', '2022-11-18'],
    ['timestamp with offset, taken as UTC', '2022-11-18T23:30:00-02:00', '2022-11-19'],
    ['timestamp without seconds (SCS allows hh:mm)', '2022-11-18 08:15', '2022-11-18'],
    ['explicit !!timestamp tag', '!!timestamp 2022-11-18', '2022-11-18'],
  ])('build_date as %s', (_name, written, expected) => {
    const { images } = parse(edit({ 26: `        build_date: ${written}` }));
    expect(images[0]!.versions[0]!.buildDate).toBe(expected);
  });

  it.each([
    ['provided_until', 'notice', 'notice'],
    ['provided_until', '2030-01-01', '2030-01-01'],
    ['provided_until', "'2030-01-01'", '2030-01-01'],
    ['uuid_validity', 'forever', 'forever'],
    ['uuid_validity', 'notice', 'notice'],
    ['uuid_validity', 'none', 'none'],
    ['uuid_validity', 'last-12', 'last-12'],
    ['uuid_validity', '2031-12-31', '2031-12-31'],
  ])('%s: %s is accepted', (key, written, expected) => {
    const line = key === 'provided_until' ? 20 : 19;
    const { images, warnings } = parse(edit({ [line]: `      ${key}: ${written}` }));
    expect(images[0]!.meta[key]).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it('os_purpose: oldgeneric (scs-0102-v2) is accepted', () => {
    expect(parse(edit({ 17: '      os_purpose: oldgeneric' })).images[0]!.meta['os_purpose']).toBe('oldgeneric');
  });

  it('YAML 1.1 booleans (yes/no/on/off, as PyYAML reads them) count as booleans', () => {
    const { images } = parse(edit({ 3: '    enable: no', 10: '    multi: Yes' }, { 20: ['      hw_vif_multiqueue_enabled: on'], 26: ['        hidden: OFF'] }));
    expect(images[0]).toMatchObject({ enable: false, multi: true, meta: { hw_vif_multiqueue_enabled: true } });
    expect(images[0]!.versions[0]!.hidden).toBe(false);
  });

  it('version meta merges over image meta and need not repeat required keys', () => {
    const { images, warnings, compatNotes } = parse(
      edit({}, { 26: ['        meta:', "          os_version: '24.04.1'", '          hw_qemu_guest_agent: "yes"'] }),
    );
    expect(warnings).toEqual([]);
    expect(compatNotes).toEqual([
      "defs.yml:29:11 (images[0].versions[0].meta.hw_qemu_guest_agent): 'hw_qemu_guest_agent' is not in OIM's schema (OIM --check would reject it); set as a custom Glance property",
    ]);
    const image = images[0]!;
    const version = image.versions[0]!;
    expect(version.meta).toEqual({ os_version: '24.04.1', hw_qemu_guest_agent: 'yes' });
    expect(effectiveMeta(image, version)).toMatchObject({ architecture: 'x86_64', os_version: '24.04.1', hw_qemu_guest_agent: 'yes' });
    expect(image.meta['os_version']).toBe('24.04');
  });

  it('a required meta key may come from every version instead of the image', () => {
    const ok = parse(edit({ 12: null }, { 26: ['        meta:', '          architecture: aarch64'] }));
    expect(ok.images[0]!.versions[0]!.meta).toEqual({ architecture: 'aarch64' });
    const twoVersions = edit(
      { 12: null },
      {
        26: [
          '        meta:',
          '          architecture: aarch64',
          "      - version: '20260109'",
          '        url: https://example.com/b.img',
          '        build_date: 2026-01-09',
        ],
      },
    );
    const [e] = errorsOf(twoVersions);
    expect(e!.location).toMatchObject({ field: 'images[0].meta.architecture', line: 12 });
  });

  it('accepts checksum forms: bare sha256, upper-case hex, sha1, md5, sha512', () => {
    const cs = (written: string) => parse(edit({ 25: `        checksum: ${written}` })).images[0]!.versions[0]!.checksum;
    expect(cs(SHA)).toEqual({ algorithm: 'sha256', hex: SHA });
    expect(cs(`sha256:${SHA.toUpperCase()}`)).toEqual({ algorithm: 'sha256', hex: SHA });
    expect(cs(`sha1:${SHA.slice(0, 40)}`)).toEqual({ algorithm: 'sha1', hex: SHA.slice(0, 40) });
    expect(cs(`md5:${SHA.slice(0, 32)}`)).toEqual({ algorithm: 'md5', hex: SHA.slice(0, 32) });
    expect(cs(`sha512:${SHA}${SHA}`)).toEqual({ algorithm: 'sha512', hex: SHA + SHA });
  });

  it.each(['file:images/cirros.img', 'file:///var/lib/images/cirros.img', 'ftp://ftp.example.com/x.img', 'https://example.com/a%20b.img'])(
    'url %s is accepted',
    (url) => {
      expect(parse(edit({ 24: `        url: ${url}` })).images[0]!.versions[0]!.url).toBe(url);
    },
  );

  it('source may be private or a URL; version latest works with one checksum source', () => {
    const { images } = parse(
      edit({ 23: '      - version: latest' }, { 26: ['        source: private', '        checksums_url: https://example.com/SHA256SUMS'] }),
    );
    expect(images[0]!.versions[0]).toMatchObject({ version: 'latest', source: 'private', checksumsUrl: 'https://example.com/SHA256SUMS' });
  });

  it('honours YAML merge keys (<<: *anchor) for shared meta', () => {
    const text = [
      'images:',
      '  - name: A',
      '    enable: true',
      '    format: qcow2',
      '    login: a',
      '    min_disk: 1',
      '    min_ram: 1',
      '    status: active',
      '    visibility: public',
      '    multi: false',
      '    separator: "-"',
      '    meta: &common',
      ...BASE.slice(11, 20).map((l) => `  ${l}`.replace(/^ {2}/, '')),
      '    tags: []',
      '    versions: []',
      '  - name: B',
      '    enable: true',
      '    format: raw',
      '    login: b',
      '    min_disk: 1',
      '    min_ram: 1',
      '    status: active',
      '    visibility: private',
      '    multi: false',
      '    meta:',
      '      <<: *common',
      '      architecture: aarch64',
      '    tags: [x]',
      '    versions: []',
    ].join('\n');
    const { images, warnings } = parse(text);
    expect(images[0]!.separator).toBe('-');
    expect(images[1]!.meta).toMatchObject({ architecture: 'aarch64', os_distro: 'ubuntu', uuid_validity: 'last-3' });
    expect(warnings).toEqual([
      'defs.yml:23:15 (images[0].versions): no versions: nothing will be imported for this image',
      'defs.yml:37:15 (images[1].versions): no versions: nothing will be imported for this image',
    ]);
  });

  it('optional keys written without a value count as absent (as yamale treats them)', () => {
    const { images } = parse(edit({}, { 10: ['    password:', '    shortname: ~'] }));
    expect(images[0]).not.toHaveProperty('password');
    expect(images[0]).not.toHaveProperty('shortname');
  });
});

describe('parseDefinitionSources (several files as one set)', () => {
  it('collects errors of all files and duplicates across files', () => {
    const good = edit();
    const bad = edit({ 2: '  - name: Other', 4: '    format: qcow3' });
    let caught: unknown;
    try {
      parseDefinitionSources([
        { file: 'a.yml', text: good },
        { file: 'b.yml', text: bad },
        { file: 'c.yml', text: good },
      ]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputErrors);
    expect((caught as InputErrors).errors.map((e) => e.message)).toEqual([
      "b.yml:4:13 (images[0].format): 'qcow3' is not one of aki, ari, ami, raw, iso, vhd, vdi, qcow2, vmdk (did you mean 'qcow2'?)",
      "c.yml:2:11 (images[0].name): duplicate image name 'Test Image': also defined at a.yml:2:11 (images[0].name)",
    ]);
  });

  it('reports each problem once when only single files have problems', () => {
    let caught: unknown;
    try {
      parseDefinitionSources([
        { file: 'a.yml', text: edit({ 4: '    format: qcow3' }) },
        { file: 'b.yml', text: edit({ 2: '  - name: Other', 8: '    status: on' }) },
      ]);
    } catch (e) {
      caught = e;
    }
    expect((caught as InputErrors).errors.map((e) => `${e.location.file}:${e.location.line}`)).toEqual(['a.yml:4', 'b.yml:8']);
  });

  it('returns files, images and warnings (notes first)', () => {
    const set = parseDefinitionSources(
      [
        { file: 'a.yml', text: edit() },
        { file: 'b.yml', text: edit({ 2: '  - name: Other', 3: null }) },
      ],
      ['dir/readme.md: ignored'],
    );
    expect(set.files).toEqual(['a.yml', 'b.yml']);
    expect(set.images.map((i) => [i.name, i.location.file])).toEqual([
      ['Test Image', 'a.yml'],
      ['Other', 'b.yml'],
    ]);
    expect(set.warnings).toEqual(['dir/readme.md: ignored', expect.stringMatching(/^b\.yml:2:5 \(images\[0\]\.enable\)/)]);
  });
});
