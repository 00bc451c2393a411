import { describe, expect, it } from 'vitest';
import { isAdvisory } from '../advisory.js';
import { goodImage, NOW, runOne } from './fixtures.test-util.js';
import type { Scs0102TestcaseId } from './testcases.js';

type Overrides = Parameters<typeof goodImage>[0];
/** [what, image overrides, official verdict, text the first deciding finding contains] */
type Case = [string, Overrides, 'PASS' | 'FAIL' | 'ABORT', string?];

const p = (properties: Record<string, unknown>): Overrides => ({ properties });
const GIB = 1024 ** 3;

const CASES: Partial<Record<Scs0102TestcaseId, Case[]>> = {
  'scs-0102-prop-architecture': [
    ['x86_64', p({ architecture: 'x86_64' }), 'PASS'],
    ['aarch64', p({ architecture: 'aarch64' }), 'PASS'],
    ['risc-v', p({ architecture: 'risc-v' }), 'PASS'],
    ['missing', p({ architecture: undefined }), 'FAIL', 'has no architecture property: must be one of x86_64, aarch64, risc-v'],
    ['null (Python None)', p({ architecture: null }), 'FAIL', 'has no architecture property'],
    ['empty', p({ architecture: '' }), 'FAIL', 'has an empty architecture'],
    ['amd64', p({ architecture: 'amd64' }), 'FAIL', "has architecture 'amd64': must be one of"],
    ['case-sensitive', p({ architecture: 'X86_64' }), 'FAIL'],
    ['non-string', p({ architecture: 64 }), 'FAIL', 'has architecture 64'],
  ],
  'scs-0102-prop-hash_algo': [
    ['sha512', { hashAlgo: 'sha512' }, 'PASS'],
    ['sha256', { hashAlgo: 'sha256' }, 'PASS'],
    ['md5', { hashAlgo: 'md5' }, 'FAIL', "has os_hash_algo 'md5': must be sha256 or sha512"],
    ['upper case', { hashAlgo: 'SHA512' }, 'FAIL'],
    ['missing (no data uploaded)', { hashAlgo: undefined }, 'FAIL', 'Glance computes it'],
  ],
  'scs-0102-prop-min_disk': [
    ['room to spare', { minDisk: 4, size: 2 * GIB }, 'PASS'],
    ['exactly the size', { minDisk: 2, size: 2 * GIB }, 'PASS'],
    ['one byte too small', { minDisk: 2, size: 2 * GIB + 1 }, 'FAIL', 'min_disk ≥ 3'],
    ['zero', { minDisk: 0 }, 'FAIL', 'has min_disk 0: min_disk must be set'],
    ['missing', { minDisk: undefined }, 'FAIL', 'has no min_disk'],
    ['size unknown (queued image): ABORT, as the official test', { minDisk: 1, size: null }, 'ABORT', 'no image data size'],
  ],
  'scs-0102-prop-min_ram': [
    ['512 MiB', { minRam: 512 }, 'PASS'],
    ['64 MiB', { minRam: 64 }, 'PASS'],
    ['32 MiB is only a warning', { minRam: 32 }, 'PASS'],
    ['zero', { minRam: 0 }, 'FAIL', 'has min_ram 0'],
    ['missing', { minRam: undefined }, 'FAIL', 'has no min_ram'],
  ],
  'scs-0102-prop-os_version': [
    ['24.04', p({ os_version: '24.04' }), 'PASS'],
    ['any text', p({ os_version: 'noble' }), 'PASS'],
    ['a JSON number (truthy)', p({ os_version: 24.04 }), 'PASS'],
    ['empty', p({ os_version: '' }), 'FAIL', 'has an empty os_version: must be set to a non-empty value'],
    ['missing', p({ os_version: undefined }), 'FAIL', 'has no os_version property'],
  ],
  'scs-0102-prop-os_distro': [
    ['ubuntu', p({ os_distro: 'ubuntu' }), 'PASS'],
    ['not lower case (not checked)', p({ os_distro: 'Ubuntu' }), 'PASS'],
    ['empty', p({ os_distro: '' }), 'FAIL', 'has an empty os_distro'],
    ['missing', p({ os_distro: undefined }), 'FAIL', 'has no os_distro property'],
  ],
  'scs-0102-prop-os_purpose': [
    ...['generic', 'oldgeneric', 'minimal', 'k8snode', 'gpu', 'network', 'custom'].map((v): Case => [v, p({ os_purpose: v }), 'PASS']),
    ['case-sensitive', p({ os_purpose: 'Generic' }), 'FAIL', 'must be one of generic, oldgeneric, minimal, k8snode, gpu, network, custom'],
    ['missing', p({ os_purpose: undefined }), 'FAIL', 'has no os_purpose property'],
    ['empty', p({ os_purpose: '' }), 'FAIL'],
  ],
  'scs-0102-prop-hw_disk_bus': [
    ['virtio', p({ hw_disk_bus: 'virtio' }), 'PASS'],
    ['scsi', p({ hw_disk_bus: 'scsi' }), 'PASS'],
    ['missing passes (official)', p({ hw_disk_bus: undefined }), 'PASS'],
    ['ide', p({ hw_disk_bus: 'ide' }), 'FAIL', "has hw_disk_bus 'ide': must be one of virtio, scsi (or not set)"],
    ['empty is not missing', p({ hw_disk_bus: '' }), 'FAIL'],
  ],
  'scs-0102-prop-hypervisor_type': [
    ...['qemu', 'kvm', 'xen', 'hyper-v', 'esxi'].map((v): Case => [v, p({ hypervisor_type: v }), 'PASS']),
    ['missing', p({ hypervisor_type: undefined }), 'PASS'],
    ['hyperv (OpenStack spelling)', p({ hypervisor_type: 'hyperv' }), 'FAIL', 'must be one of qemu, kvm, xen, hyper-v, esxi (or not set)'],
    ['vmware (OpenStack spelling)', p({ hypervisor_type: 'vmware' }), 'FAIL'],
    ['QEMU', p({ hypervisor_type: 'QEMU' }), 'FAIL'],
    ['empty', p({ hypervisor_type: '' }), 'FAIL'],
  ],
  'scs-0102-prop-hw_rng_model': [
    ['virtio', p({ hw_rng_model: 'virtio' }), 'PASS'],
    ['missing', p({ hw_rng_model: undefined }), 'PASS'],
    ['none', p({ hw_rng_model: 'none' }), 'FAIL', "has hw_rng_model 'none'"],
    ['empty', p({ hw_rng_model: '' }), 'FAIL'],
  ],
  'scs-0102-prop-image_build_date': [
    ['YYYY-MM-DD', p({ image_build_date: '2026-02-27' }), 'PASS'],
    ['YYYY-MM-DD HH:MM', p({ image_build_date: '2026-02-27 10:00' }), 'PASS'],
    ['YYYY-MM-DD HH:MM:SS', p({ image_build_date: '2026-02-27 10:00:59' }), 'PASS'],
    ['YYYY-MM-DDTHH:MM:SSZ', p({ image_build_date: '2026-02-27T10:00:00Z' }), 'PASS'],
    ['unpadded (strptime)', p({ image_build_date: '2026-2-7' }), 'PASS'],
    ['equal to created_at', { createdAt: '2026-02-28T08:00:00Z', properties: { image_build_date: '2026-02-28 08:00:00' } }, 'PASS'],
    ['no created_at to compare with', { createdAt: undefined }, 'PASS'],
    ['missing', p({ image_build_date: undefined }), 'FAIL', 'has no image_build_date property: must be a UTC date as YYYY-MM-DDTHH:MM:SSZ'],
    ['empty', p({ image_build_date: '' }), 'FAIL', 'has an empty image_build_date'],
    ['February 30', p({ image_build_date: '2026-02-30' }), 'FAIL', 'which is not a valid date'],
    ['German format', p({ image_build_date: '27.02.2026' }), 'FAIL'],
    ['ISO with offset', p({ image_build_date: '2026-02-27T10:00:00+00:00' }), 'FAIL'],
    ['the epoch', p({ image_build_date: '1970-01-01' }), 'FAIL', 'the Unix epoch'],
    ['non-string', p({ image_build_date: 20260227 }), 'FAIL', 'non-string'],
    ['after created_at', { createdAt: '2026-02-28T08:00:00Z', properties: { image_build_date: '2026-02-28 08:01' } }, 'FAIL', 'after its registration'],
    [
      'created_at not in Glance format: compared with 1970',
      { createdAt: '2026-02-28 08:00:00', properties: { image_build_date: '2026-02-27' } },
      'FAIL',
      "not in Glance's format",
    ],
    ['in the future', { createdAt: '2026-03-05T00:00:00Z', properties: { image_build_date: '2026-03-02' } }, 'FAIL', 'build time in the future'],
    ['invalid date, created_at in the future', { createdAt: '2026-03-05T00:00:00Z', properties: { image_build_date: 'x' } }, 'FAIL'],
  ],
  'scs-0102-prop-image_original_user': [
    ['ubuntu', p({ image_original_user: 'ubuntu' }), 'PASS'],
    ['none (allowed by the standard)', p({ image_original_user: 'none' }), 'PASS'],
    ['empty', p({ image_original_user: '' }), 'FAIL', 'must be set to a non-empty value'],
    ['missing', p({ image_original_user: undefined }), 'FAIL'],
  ],
  'scs-0102-prop-image_source': [
    ['private', p({ image_source: 'private' }), 'PASS'],
    ['https', p({ image_source: 'https://example.com/x.img' }), 'PASS'],
    ['http', p({ image_source: 'http://example.com/x.img' }), 'PASS'],
    ['ftp', p({ image_source: 'ftp://example.com/x.img' }), 'PASS'],
    ['ftps', p({ image_source: 'ftps://example.com/x.img' }), 'PASS'],
    ['scheme only', p({ image_source: 'https://' }), 'PASS'],
    // the official is_url finds no scheme without '://' (it checks find() >= 0 before slicing)
    ['no separator, one extra character', p({ image_source: 'httpsX' }), 'FAIL', "neither 'private' nor a URL"],
    ['no separator, ftp + one character', p({ image_source: 'ftp1' }), 'FAIL'],
    ['no separator, the scheme alone', p({ image_source: 'https' }), 'FAIL'],
    ['no separator, too short for any scheme', p({ image_source: 'http' }), 'FAIL'],
    ['a scheme separator only', p({ image_source: '://' }), 'FAIL'],
    ['Private', p({ image_source: 'Private' }), 'FAIL', "neither 'private' nor a URL"],
    ['file:', p({ image_source: 'file:cirros.img' }), 'FAIL'],
    ['upper-case scheme', p({ image_source: 'HTTPS://example.com/' }), 'FAIL'],
    ['s3', p({ image_source: 's3://bucket/x' }), 'FAIL'],
    ['text before the URL', p({ image_source: 'see https://example.com/' }), 'FAIL'],
    ['empty', p({ image_source: '' }), 'FAIL', 'has an empty image_source'],
    ['missing', p({ image_source: undefined }), 'FAIL', 'has no image_source property'],
    ['non-string', p({ image_source: 42 }), 'FAIL', 'non-string'],
  ],
  'scs-0102-prop-image_description': [
    ['URL', p({ image_description: 'https://ubuntu.com' }), 'PASS'],
    ['text', p({ image_description: 'Ubuntu 24.04 server' }), 'PASS'],
    ['empty', p({ image_description: '' }), 'FAIL'],
    ['missing', p({ image_description: undefined }), 'FAIL', 'has no image_description property'],
  ],
  'scs-0102-prop-replace_frequency': [
    ...['yearly', 'quarterly', 'monthly', 'weekly', 'daily', 'critical_bug', 'never'].map((v): Case => [v, p({ replace_frequency: v }), 'PASS']),
    ['hourly', p({ replace_frequency: 'hourly' }), 'FAIL', 'must be one of never, critical_bug, yearly, quarterly, monthly, weekly, daily'],
    ['case-sensitive', p({ replace_frequency: 'Weekly' }), 'FAIL'],
    ['missing', p({ replace_frequency: undefined }), 'FAIL'],
  ],
  'scs-0102-prop-provided_until': [
    ['none', p({ provided_until: 'none' }), 'PASS'],
    ['notice', p({ provided_until: 'notice' }), 'PASS'],
    ['a date', p({ provided_until: '2027-04-30' }), 'PASS'],
    ['any text (official)', p({ provided_until: 'whenever' }), 'PASS'],
    ['empty', p({ provided_until: '' }), 'FAIL', 'has an empty provided_until'],
    ['missing', p({ provided_until: undefined }), 'FAIL'],
  ],
  'scs-0102-prop-uuid_validity': [
    ...['none', 'notice', 'forever', 'last-3', 'last-12', '2027-01-01', '2027-01-01 10:00', '2027-01-01T10:00:00Z'].map(
      (v): Case => [v, p({ uuid_validity: v }), 'PASS'],
    ),
    ['missing passes (official)', p({ uuid_validity: undefined }), 'PASS'],
    ['last- with non-ASCII digits (str.isdecimal)', p({ uuid_validity: 'last-٣' }), 'PASS'],
    // digits newer than Unicode 13 are no digits to the official test's Python 3.10
    ['last- with a Tangsa digit (Unicode 14)', p({ uuid_validity: 'last-\u{16ac3}' }), 'FAIL'],
    ['last- with a Nag Mundari digit (Unicode 15)', p({ uuid_validity: 'last-\u{1e4f3}' }), 'FAIL'],
    ['last-0', p({ uuid_validity: 'last-0' }), 'PASS'],
    ['1970-01-01 (the epoch reads as "no date")', p({ uuid_validity: '1970-01-01' }), 'FAIL'],
    ['1970-01-01 00:00:01', p({ uuid_validity: '1970-01-01 00:00:01' }), 'PASS'],
    ['a date before the epoch', p({ uuid_validity: '1969-12-31' }), 'PASS'],
    ['JSON null (None: as missing)', p({ uuid_validity: null }), 'PASS'],
    ['last-', p({ uuid_validity: 'last-' }), 'FAIL', "has uuid_validity 'last-': must be none, notice, forever, last-N or a date"],
    ['last-x', p({ uuid_validity: 'last-x' }), 'FAIL'],
    ['last--1', p({ uuid_validity: 'last--1' }), 'FAIL'],
    ['Last-3', p({ uuid_validity: 'Last-3' }), 'FAIL'],
    ['trailing space', p({ uuid_validity: 'forever ' }), 'FAIL'],
    ['invalid date', p({ uuid_validity: '2027-02-30' }), 'FAIL'],
    ['empty is not missing', p({ uuid_validity: '' }), 'FAIL'],
    ['non-string', p({ uuid_validity: 3 }), 'FAIL', 'non-string'],
  ],
  'scs-0102-prop-hotfix_hours': [
    ['24', p({ hotfix_hours: '24' }), 'PASS'],
    ['0', p({ hotfix_hours: '0' }), 'PASS'],
    ['empty', p({ hotfix_hours: '' }), 'PASS'],
    ['missing', p({ hotfix_hours: undefined }), 'PASS'],
    ['JSON 0 (falsy)', p({ hotfix_hours: 0 }), 'PASS'],
    ['JSON false (falsy)', p({ hotfix_hours: false }), 'PASS'],
    ['JSON null', p({ hotfix_hours: null }), 'PASS'],
    ['Arabic-Indic digits', p({ hotfix_hours: '٢٤' }), 'PASS'],
    ['superscript two (a digit, not decimal)', p({ hotfix_hours: '²' }), 'FAIL'],
    ['a Kawi digit (Unicode 15, unknown to Python 3.10)', p({ hotfix_hours: '\u{11f52}' }), 'FAIL'],
    ['an outlined digit (Unicode 16)', p({ hotfix_hours: '\u{1ccf2}' }), 'FAIL'],
    ['1.5', p({ hotfix_hours: '1.5' }), 'FAIL', "has hotfix_hours '1.5': must be a whole number of hours"],
    ['-1', p({ hotfix_hours: '-1' }), 'FAIL'],
    ['leading space', p({ hotfix_hours: ' 24' }), 'FAIL'],
    ['JSON number', p({ hotfix_hours: 24 }), 'FAIL', 'non-string hotfix_hours 24'],
  ],
};

describe('scs-0102 property testcases (official verdicts)', () => {
  for (const [id, cases] of Object.entries(CASES) as Array<[Scs0102TestcaseId, Case[]]>) {
    describe(id, () => {
      it.each(cases)('%s', (_what, overrides, verdict, text) => {
        const image = goodImage(overrides);
        const result = runOne(id, [image]);
        expect(result.verdict).toBe(verdict);
        // only the findings that decide the verdict carry a property (an ABORT's: its reason, a sentence)
        const deciding = result.findings.filter((f) => f.property !== undefined || (verdict === 'ABORT' && f.level === 'error'));
        if (verdict === 'PASS') expect(deciding).toEqual([]);
        else expect(deciding.length).toBeGreaterThan(0);
        if (text) expect(deciding[0]!.message).toContain(text);
        for (const f of deciding) expect(f.image).toEqual({ id: image.id, name: image.name });
      });
    });
  }

  it('a fully compliant image passes every property testcase without findings', () => {
    for (const id of Object.keys(CASES) as Scs0102TestcaseId[]) {
      const result = runOne(id, [goodImage()]);
      expect(result.verdict, id).toBe('PASS');
      expect(result.findings, id).toEqual([]);
    }
  });
});

describe('finding contents', () => {
  it('names image, id, property, value and the rule', () => {
    const image = goodImage({ name: 'Debian 12', properties: { architecture: 'amd64' } });
    const [finding] = runOne('scs-0102-prop-architecture', [image]).findings;
    expect(finding).toEqual({
      level: 'error',
      message: `Image 'Debian 12' (${image.id}) has architecture 'amd64': must be one of x86_64, aarch64, risc-v`,
      image: { id: image.id, name: 'Debian 12' },
      property: 'architecture',
      value: 'amd64',
      expected: ['x86_64', 'aarch64', 'risc-v'],
    });
  });

  it('leaves value out when the property is missing', () => {
    const [finding] = runOne('scs-0102-prop-os_version', [goodImage({ properties: { os_version: undefined } })]).findings;
    expect(finding).not.toHaveProperty('value');
    expect(finding!.property).toBe('os_version');
  });

  it('violations of recommended testcases are warnings', () => {
    const result = runOne('scs-0102-prop-hash_algo', [goodImage({ hashAlgo: 'md5' })]);
    expect(result).toMatchObject({ requirement: 'recommended', verdict: 'FAIL' });
    expect(result.findings[0]!.level).toBe('warning');
  });

  it('checks every image and reports each offender', () => {
    const a = goodImage({ name: 'A', properties: { os_distro: '' } });
    const b = goodImage({ name: 'B' });
    const c = goodImage({ name: 'C', properties: { os_distro: undefined } });
    const result = runOne('scs-0102-prop-os_distro', [a, b, c]);
    expect(result.findings.map((f) => f.image?.name)).toEqual(['A', 'C']);
    expect(result.images.map((i) => i.name)).toEqual(['A', 'B', 'C']);
  });

  it('min_ram below 64 MiB is a warning finding on a passing testcase', () => {
    const result = runOne('scs-0102-prop-min_ram', [goodImage({ minRam: 32 })]);
    expect(result.verdict).toBe('PASS');
    expect(result.findings).toMatchObject([{ level: 'warning', message: expect.stringContaining('min_ram 32 MiB, less than 64 MiB'), value: 32 }]);
  });

  it('min_disk without a size ABORTs as the official test does, and says why; the strict reading FAILs', () => {
    const result = runOne('scs-0102-prop-min_disk', [goodImage({ size: null })]);
    expect(result).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(result.findings).toMatchObject([
      { level: 'error', message: expect.stringContaining('the official test aborts this testcase here') },
      { level: 'info', message: expect.stringMatching(/^advisory \(standard text\): .*--strict-reading fails/) },
    ]);
    const strict = runOne('scs-0102-prop-min_disk', [goodImage({ size: null })], { strictReading: true });
    expect(strict.verdict).toBe('FAIL');
    expect(strict.officialAbort).toBeUndefined();
    expect(strict.findings).toMatchObject([
      { level: 'error', property: 'min_disk', message: expect.stringContaining('the official test aborts this testcase') },
      { level: 'info', message: expect.stringMatching(/^advisory \(official test\): .*inconclusive/) },
    ]);
    expect(runOne('scs-0102-prop-min_disk', [goodImage({ size: null, minDisk: 0 })]).findings[0]!.message).toContain('has min_disk 0');
    // a size this check does not know at all (a predicted image) is not Glance's "no data": noted only
    const unknown = runOne('scs-0102-prop-min_disk', [goodImage({ size: undefined })]);
    expect(unknown).toMatchObject({ verdict: 'PASS', findings: [{ level: 'info', message: expect.stringContaining('not known here') }] });
  });

  it('an image in the future and after created_at gets both findings', () => {
    const result = runOne('scs-0102-prop-image_build_date', [goodImage({ properties: { image_build_date: '2026-03-02' } })]);
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('after its registration'),
      expect.stringContaining('build time in the future'),
    ]);
  });

  it('the future check uses created_at when the build date is invalid', () => {
    const result = runOne('scs-0102-prop-image_build_date', [goodImage({ createdAt: '2026-03-05T00:00:00Z', properties: { image_build_date: 'x' } })]);
    expect(result.findings.map((f) => f.property)).toEqual(['image_build_date', 'created_at']);
  });

  it('the future check is against the injected clock', () => {
    const image = goodImage({ createdAt: '2026-03-05T00:00:00Z', properties: { image_build_date: '2026-03-04' } });
    expect(runOne('scs-0102-prop-image_build_date', [image]).verdict).toBe('FAIL');
    expect(runOne('scs-0102-prop-image_build_date', [image], { now: new Date('2026-03-04T00:00:00Z') }).verdict).toBe('PASS');
    expect(runOne('scs-0102-prop-image_build_date', [image], { now: new Date('2026-03-03T23:59:59.999Z') }).verdict).toBe('FAIL');
  });

  it('uses NOW as the default clock', () => {
    expect(NOW.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});

describe('advisories (standard text) never change the verdict', () => {
  const advisories = (id: Scs0102TestcaseId, overrides: Overrides, version: 'v1' | 'v2' = 'v2') => {
    const result = runOne(id, [goodImage(overrides)], { version });
    return { verdict: result.verdict, messages: result.findings.filter(isAdvisory).map((f) => f.message) };
  };

  it.each<[string, Scs0102TestcaseId, Overrides, 'PASS' | 'FAIL', string]>([
    [
      'missing hw_disk_bus',
      'scs-0102-prop-hw_disk_bus',
      p({ hw_disk_bus: undefined }),
      'PASS',
      'makes mandatory; the official test lets a missing hw_disk_bus pass',
    ],
    ['missing uuid_validity', 'scs-0102-prop-uuid_validity', p({ uuid_validity: undefined }), 'PASS', 'the official test lets a missing uuid_validity pass'],
    ['uuid_validity with time', 'scs-0102-prop-uuid_validity', p({ uuid_validity: '2027-01-01 10:00' }), 'PASS', 'none, last-N, YYYY-MM-DD, notice or forever'],
    ['provided_until free text', 'scs-0102-prop-provided_until', p({ provided_until: 'whenever' }), 'PASS', 'asks for YYYY-MM-DD, none or notice'],
    ['provided_until with time', 'scs-0102-prop-provided_until', p({ provided_until: '2027-01-01 00:00' }), 'PASS', 'asks for YYYY-MM-DD, none or notice'],
    ['hypervisor_type hyper-v', 'scs-0102-prop-hypervisor_type', p({ hypervisor_type: 'hyper-v' }), 'PASS', "spell it 'hyperv'"],
    ['hypervisor_type esxi', 'scs-0102-prop-hypervisor_type', p({ hypervisor_type: 'esxi' }), 'PASS', "spell it 'vmware'"],
    [
      'hypervisor_type hyperv',
      'scs-0102-prop-hypervisor_type',
      p({ hypervisor_type: 'hyperv' }),
      'FAIL',
      'the official test only accepts qemu, kvm, xen, hyper-v, esxi',
    ],
    ['hypervisor_type lxc', 'scs-0102-prop-hypervisor_type', p({ hypervisor_type: 'lxc' }), 'FAIL', 'an OpenStack value'],
    [
      'build date in T…Z form',
      'scs-0102-prop-image_build_date',
      p({ image_build_date: '2026-02-27T10:00:00Z' }),
      'PASS',
      'YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss]',
    ],
    ['build date unpadded', 'scs-0102-prop-image_build_date', p({ image_build_date: '2026-2-7' }), 'PASS', 'YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss]'],
    ['oldgeneric in v1', 'scs-0102-prop-os_purpose', p({ os_purpose: 'oldgeneric' }), 'PASS', 'scs-0102 v1 does not list'],
  ])('%s', (_what, id, overrides, verdict, text) => {
    const { verdict: got, messages } = advisories(id, overrides, 'v1');
    expect(got).toBe(verdict);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^advisory \(standard text\): /);
    expect(messages[0]).toContain(text);
  });

  it.each<[string, Scs0102TestcaseId, Overrides]>([
    ['oldgeneric in v2', 'scs-0102-prop-os_purpose', p({ os_purpose: 'oldgeneric' })],
    ['kvm (older OpenStack docs)', 'scs-0102-prop-hypervisor_type', p({ hypervisor_type: 'kvm' })],
    ['build date with minutes', 'scs-0102-prop-image_build_date', p({ image_build_date: '2026-02-27 10:00' })],
    ['provided_until notice', 'scs-0102-prop-provided_until', p({ provided_until: 'notice' })],
    ['uuid_validity last-3', 'scs-0102-prop-uuid_validity', p({ uuid_validity: 'last-3' })],
  ])('no advisory for %s', (_what, id, overrides) => {
    expect(advisories(id, overrides, 'v2').messages).toEqual([]);
  });

  it('advisories carry image but no property, so reports print their message', () => {
    const image = goodImage({ properties: { hw_disk_bus: undefined } });
    const [finding] = runOne('scs-0102-prop-hw_disk_bus', [image]).findings;
    expect(finding).toMatchObject({ level: 'info', image: { id: image.id } });
    expect(finding).not.toHaveProperty('property');
  });
});

describe('image_source without "://"', () => {
  it('fails without an advisory: no reading passes it (the official test finds no scheme either)', () => {
    const result = runOne('scs-0102-prop-image_source', [goodImage({ properties: { image_source: 'httpsX' } })]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings.filter(isAdvisory)).toEqual([]);
  });
});
