// Fixed points of the oracle (official-rules.ts) and its Python model, known from CPython's behaviour and the official code,
// so that a change to the oracle that misreads Python shows here rather than as a puzzling differential mismatch.
import { describe, expect, it } from 'vitest';
import { officialVerdicts } from './official-rules.js';
import { isDecimal, sdkImage, strptimeUtc } from './python-semantics.js';

const NOW = Date.parse('2026-06-01T12:00:00Z') / 1000;
const day = (iso: string) => Date.parse(iso) / 1000;

describe('strptime model', () => {
  it.each([
    ['２０２６-11-01', '%Y-%m-%d', day('2026-11-01T00:00:00Z')], // \d is any Unicode digit
    ['2026-１1-01', '%Y-%m-%d', null], // but %m is ASCII only
    ['2026-1-5', '%Y-%m-%d', day('2026-01-05T00:00:00Z')],
    ['2026-01- 5', '%Y-%m-%d', day('2026-01-05T00:00:00Z')], // %d admits a space-padded day
    ['2026-01-01t10:00:00z', '%Y-%m-%dT%H:%M:%SZ', day('2026-01-01T10:00:00Z')], // IGNORECASE
    ['2026-01-01 \t 10:00', '%Y-%m-%d %H:%M', day('2026-01-01T10:00:00Z')], // a format space is \s+
    ['2026-01-01\u300010:00:00', '%Y-%m-%d %H:%M:%S', day('2026-01-01T10:00:00Z')],
    [' 2026-01-01', '%Y-%m-%d', null],
    ['2026-01-01 ', '%Y-%m-%d', null], // unconverted data remains
    ['2025-02-29', '%Y-%m-%d', null],
    ['2024-02-29', '%Y-%m-%d', day('2024-02-29T00:00:00Z')],
    ['0000-01-01', '%Y-%m-%d', null],
    ['2025011', '%Y%m%d', day('2025-01-01T00:00:00Z')],
  ])('%j with %s', (value, format, expected) => {
    expect(strptimeUtc(value, format)?.t ?? null).toBe(expected);
  });

  it('flags second 60 for the caller to decide', () => {
    expect(strptimeUtc('2025-01-01 10:59:60', '%Y-%m-%d %H:%M:%S')).toEqual({ t: day('2025-01-01T11:00:00Z'), leap: true });
  });

  it('isdecimal: category Nd only', () => {
    expect([isDecimal('٣'), isDecimal('24'), isDecimal(''), isDecimal('²'), isDecimal(' 24')]).toEqual([true, true, false, false, false]);
    // Python 3.10 (Unicode 13): Tangsa (14.0) and Kawi (15.0) digits are not decimal there
    expect([isDecimal('\u{1fbf3}'), isDecimal('\u{16ac3}'), isDecimal('\u{11f53}')]).toEqual([true, false, false]);
  });

  it('openstacksdk keeps properties None when every key is a known attribute', () => {
    expect(sdkImage({ id: 'a', name: 'x', architecture: 'x86_64', hw_scsi_model: 'virtio-scsi' }).properties).toBeNull();
    expect(sdkImage({ id: 'a', name: 'x', image_source: null }).properties).toEqual({ image_source: null });
  });
});

describe('official verdicts', () => {
  const base = { id: 'a', visibility: 'public', created_at: '2026-01-01T00:00:00Z' };
  const verdict = (images: Array<Record<string, unknown>>, id: string) => officialVerdicts({ listing: images, now: NOW }, [id]).get(id)!.verdict;

  it('ABORTs where the Python code raises', () => {
    expect(verdict([{ ...base, name: 'x' }], 'scs-0102-prop-uuid_validity')).toBe('ABORT'); // properties None
    expect(verdict([{ ...base, name: 'x', min_disk: 5, size: null, p: 1 }], 'scs-0102-prop-min_disk')).toBe('ABORT');
    expect(verdict([{ ...base, name: null, p: 1 }], 'scs-0104-source-capi-2')).toBe('ABORT'); // re.match(None)
    const outdated = { ...base, name: 'x', image_build_date: '2025-01-01', replace_frequency: 'monthly' };
    expect(verdict([outdated], 'scs-0102-image-recency')).toBe('ABORT'); // KeyError provided_until
  });

  it('follows the official quirks', () => {
    expect(verdict([{ ...base, name: 'x', image_source: 'httpsX' }], 'scs-0102-prop-image_source')).toBe('FAIL'); // no '://', no scheme
    expect(verdict([{ ...base, name: 'x', hw_disk_bus: null, p: 1 }], 'scs-0102-prop-hw_disk_bus')).toBe('PASS');
    expect(verdict([{ ...base, name: 'x', image_build_date: '２０２５-12-01' }], 'scs-0102-prop-image_build_date')).toBe('PASS');
    expect(verdict([{ ...base, name: 'x', uuid_validity: 'last-٣' }], 'scs-0102-prop-uuid_validity')).toBe('PASS');
  });

  it('follows image_metadata.py where a summary reading left it open', () => {
    const rec = { ...base, replace_frequency: 'weekly', provided_until: '2027-01-01' };
    const outdated = { ...rec, name: 'capi-v1', image_build_date: '2025-01-01' };
    const current = { ...rec, id: 'b', name: 'capi-v1', image_build_date: '2026-05-30' };
    // an image's own name is never its replacement, whichever upload is listed last
    expect(verdict([outdated, current], 'scs-0102-image-recency')).toBe('FAIL');
    expect(
      verdict(
        [
          { ...outdated, name: 'capi v1 old' },
          { ...current, name: 'capi v1' },
        ],
        'scs-0102-image-recency',
      ),
    ).toBe('PASS');
    // strptime on a build date that is not text raises, whatever the frequency
    expect(verdict([{ ...base, name: 'x', image_build_date: null, replace_frequency: 'never' }], 'scs-0102-image-recency')).toBe('ABORT');
    // uniqueness skips an image without os_distro before reading its (None) properties
    const generic = { ...base, name: 'U', os_distro: 'ubuntu', os_version: '24.04', os_purpose: 'generic' };
    expect(verdict([generic, { ...base, id: 'b', name: 'U' }], 'scs-0102-os_purpose-uniqueness')).toBe('PASS');
    expect(verdict([generic, { ...base, id: 'b', name: 'U', os_distro: 'ubuntu', os_version: '24.04' }], 'scs-0102-os_purpose-uniqueness')).toBe('ABORT');
    // the epoch date reads as no date; falsy hotfix_hours pass untested; Python 3.10 knows no Kawi digits
    expect(verdict([{ ...base, name: 'x', uuid_validity: '1970-01-01' }], 'scs-0102-prop-uuid_validity')).toBe('FAIL');
    expect(verdict([{ ...base, name: 'x', hotfix_hours: false }], 'scs-0102-prop-hotfix_hours')).toBe('PASS');
    expect(verdict([{ ...base, name: 'x', hotfix_hours: '\u{11f52}' }], 'scs-0102-prop-hotfix_hours')).toBe('FAIL');
  });

  it('keys scs-0104 by name, last listed wins; scs-0102 sees every image', () => {
    const good = { ...base, name: 'Ubuntu 24.04', image_source: 'https://cloud-images.ubuntu.com/noble/x', architecture: 'x86_64' };
    const bad = { ...base, id: 'b', name: 'Ubuntu 24.04', image_source: 'https://example.com/x' };
    expect(verdict([bad, good], 'scs-0104-source-ubuntu-2404')).toBe('PASS');
    expect(verdict([good, bad], 'scs-0104-source-ubuntu-2404')).toBe('FAIL');
    expect(verdict([bad, good], 'scs-0102-prop-architecture')).toBe('FAIL');
  });
});
