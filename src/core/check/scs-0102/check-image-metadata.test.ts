import { describe, expect, it } from 'vitest';
import { buildImage } from '../../images/image-builder.test-util.js';
import { isCompliant, summarize } from '../result.js';
import { ADVISORY_PREFIX, advisoryReading, isAdvisory } from '../advisory.js';
import { explainDifferences } from '../differences.js';
import { SCS_0104_V2_TESTCASES } from '../scs-0104-v2/testcases.js';
import { abortRuleSets } from '../rule-sets.js';
import { checkImageMetadata } from './check-image-metadata.js';
import { goodImage, NOW } from './fixtures.test-util.js';
import { SCS_0102_TESTCASES, type MetadataVersion } from './testcases.js';

const SCS_0102_TESTCASE_IDS = SCS_0102_TESTCASES.map((t) => t.id);

// The scope modules of the SCS scope file (data/standards/scs-compatible-iaas.yaml) (scs-0102-v1, -v1-rec, -v2, -v2-rec).
const V1_MAIN = [
  'scs-0102-prop-architecture',
  'scs-0102-prop-min_disk',
  'scs-0102-prop-min_ram',
  'scs-0102-prop-os_version',
  'scs-0102-prop-os_distro',
  'scs-0102-prop-hw_disk_bus',
  'scs-0102-prop-image_build_date',
  'scs-0102-prop-image_original_user',
  'scs-0102-prop-image_source',
  'scs-0102-prop-image_description',
  'scs-0102-prop-replace_frequency',
  'scs-0102-prop-provided_until',
  'scs-0102-prop-uuid_validity',
  'scs-0102-image-recency',
];
const V1_REC = [
  'scs-0102-prop-hash_algo',
  'scs-0102-prop-os_purpose',
  'scs-0102-os_purpose-uniqueness',
  'scs-0102-prop-hypervisor_type',
  'scs-0102-prop-hw_rng_model',
  'scs-0102-prop-hotfix_hours',
];
const V2_MAIN = [...V1_MAIN, 'scs-0102-prop-os_purpose', 'scs-0102-os_purpose-uniqueness'];
const V2_REC = ['scs-0102-prop-hash_algo', 'scs-0102-prop-hypervisor_type', 'scs-0102-prop-hw_rng_model', 'scs-0102-prop-hotfix_hours'];

const idsWith = (version: MetadataVersion, requirement: string) =>
  SCS_0102_TESTCASES.filter((t) => t.requirement[version] === requirement)
    .map((t) => t.id)
    .sort();

describe('SCS_0102_TESTCASES (the declaration)', () => {
  it('has all 20 ids once, in the documented order', () => {
    expect(new Set(SCS_0102_TESTCASE_IDS).size).toBe(20);
    expect(SCS_0102_TESTCASE_IDS[0]).toBe('scs-0102-prop-architecture');
    expect(SCS_0102_TESTCASE_IDS.slice(-2)).toEqual(['scs-0102-image-recency', 'scs-0102-os_purpose-uniqueness']);
  });

  it('matches the scope modules', () => {
    expect(idsWith('v1', 'mandatory')).toEqual([...V1_MAIN].sort());
    expect(idsWith('v1', 'recommended')).toEqual([...V1_REC].sort());
    expect(idsWith('v2', 'mandatory')).toEqual([...V2_MAIN].sort());
    expect(idsWith('v2', 'recommended')).toEqual([...V2_REC].sort());
    expect(SCS_0102_TESTCASES.find((t) => t.id === 'scs-0102-prop-os_purpose')?.requirement).toEqual({ v1: 'recommended', v2: 'mandatory' });
  });

  it('every testcase has a description and a rule', () => {
    for (const t of SCS_0102_TESTCASES) {
      expect(t.description, t.id).not.toBe('');
      expect(t.rule, t.id).not.toBe('');
    }
  });
});

describe('checkImageMetadata', () => {
  it('returns every testcase in table order with the version’s requirement', () => {
    for (const version of ['v1', 'v2'] as const) {
      const results = checkImageMetadata([goodImage()], { now: NOW, version });
      expect(results.map((r) => r.id)).toEqual([...SCS_0102_TESTCASE_IDS]);
      for (const r of results) expect(r.requirement, r.id).toBe(SCS_0102_TESTCASES.find((t) => t.id === r.id)!.requirement[version]);
    }
  });

  it('a compliant image passes everything without findings', () => {
    const results = checkImageMetadata([goodImage()], { now: NOW, version: 'v2' });
    expect(results.filter((r) => r.verdict !== 'PASS')).toEqual([]);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
    expect(isCompliant(results, true)).toBe(true);
  });

  it('no images: every testcase passes (nothing to object to)', () => {
    const results = checkImageMetadata([], { now: NOW, version: 'v1' });
    expect(results.every((r) => r.verdict === 'PASS' && r.images.length === 0)).toBe(true);
  });

  it('an image without custom properties ABORTs the testcases that read them, as the official test does (FAIL with the strict reading)', () => {
    const bare = buildImage({ name: 'bare' });
    const results = checkImageMetadata([bare], { now: NOW, version: 'v2' });
    const ids = (v: string, rs = results) => rs.filter((r) => r.verdict === v).map((r) => r.id);
    const aborting = [
      'scs-0102-prop-os_purpose',
      'scs-0102-prop-image_build_date',
      'scs-0102-prop-image_original_user',
      'scs-0102-prop-image_source',
      'scs-0102-prop-image_description',
      'scs-0102-prop-replace_frequency',
      'scs-0102-prop-provided_until',
      'scs-0102-prop-uuid_validity',
      'scs-0102-prop-hotfix_hours',
      'scs-0102-image-recency',
    ];
    // the testcases that read only openstacksdk's attributes decide the image as usual
    const failing = [
      'scs-0102-prop-architecture',
      'scs-0102-prop-hash_algo',
      'scs-0102-prop-min_disk',
      'scs-0102-prop-min_ram',
      'scs-0102-prop-os_version',
      'scs-0102-prop-os_distro',
    ];
    expect(ids('ABORT')).toEqual(aborting);
    expect(ids('FAIL')).toEqual(failing);
    for (const r of results.filter((x) => x.verdict === 'ABORT')) {
      expect(r.officialAbort, r.id).toBe(true);
      expect(
        r.findings.map((f) => f.message),
        r.id,
      ).toEqual([
        expect.stringMatching(
          new RegExp(`^Image 'bare' \\(${bare.id}\\) has no custom property at all: the official test aborts this testcase here .*inconclusive`),
        ),
        expect.stringMatching(/^advisory \(standard text\): Image 'bare' .*has no custom property at all.*--strict-reading fails this testcase/),
      ]);
    }
    // what passes for a bare image, as in the official test: hw_disk_bus, hypervisor_type,
    // and hw_rng_model (the testcases whose official code reads only openstacksdk's attributes),
    // and os_purpose uniqueness (it skips an image without os_distro before reading its properties)
    expect(summarize(results, false)).toEqual({ passed: 4, failed: 5, aborted: 9, officialAborts: 9, warnings: 2 });
    expect(
      results
        .flatMap((r) => r.findings)
        .filter((f) => isAdvisory(f) && !f.message.includes('has no custom property'))
        .map((f) => f.message),
    ).toEqual([expect.stringContaining('no hw_disk_bus property')]);

    const strict = checkImageMetadata([bare], { now: NOW, version: 'v2', strictReading: true });
    expect(ids('ABORT', strict)).toEqual([]);
    expect(ids('FAIL', strict).sort()).toEqual([...aborting, ...failing].sort());
    for (const id of aborting) {
      expect(
        strict.find((r) => r.id === id)!.findings.map((f) => f.message),
        id,
      ).toEqual([
        expect.stringContaining('has no custom property at all: the official test aborts this testcase here'),
        expect.stringMatching(/^advisory \(official test\): .*inconclusive/),
      ]);
    }
    expect(summarize(strict, false)).toEqual({ passed: 4, failed: 14, aborted: 0, officialAborts: 0, warnings: 2 });
  });

  it('runs only the requested testcases, in table order', () => {
    const results = checkImageMetadata([goodImage()], { now: NOW, version: 'v1', testcases: ['scs-0102-image-recency', 'scs-0102-prop-architecture'] });
    expect(results.map((r) => r.id)).toEqual(['scs-0102-prop-architecture', 'scs-0102-image-recency']);
  });

  it('rejects unknown testcase ids', () => {
    expect(() => checkImageMetadata([], { now: NOW, version: 'v1', testcases: ['scs-0102-prop-nope', 'scs-0102-os-purpose-uniqueness'] })).toThrow(
      'unknown scs-0102 testcase id(s): scs-0102-prop-nope, scs-0102-os-purpose-uniqueness',
    );
  });

  it('os_purpose is a warning in v1 and an error in v2', () => {
    const image = goodImage({ properties: { os_purpose: 'desktop' } });
    const pick = (version: MetadataVersion) => checkImageMetadata([image], { now: NOW, version, testcases: ['scs-0102-prop-os_purpose'] })[0]!;
    expect(pick('v1')).toMatchObject({ requirement: 'recommended', verdict: 'FAIL', findings: [{ level: 'warning' }] });
    expect(pick('v2')).toMatchObject({ requirement: 'mandatory', verdict: 'FAIL', findings: [{ level: 'error' }] });
  });

  it('does not modify the images it is given', () => {
    const image = goodImage({ properties: { hw_disk_bus: undefined } });
    const copy = structuredClone(image);
    checkImageMetadata([image], { now: NOW, version: 'v1' });
    expect(image).toEqual(copy);
  });
});

describe('abortRuleSets with scs-0102 (the abort of image metadata)', () => {
  const module = { id: 'scs-0102', name: 'Image metadata', source: 'built-in' };
  const abortImageMetadata = (opts: { version: 'v1' | 'v2'; testcases?: string[] }, reason: string) =>
    abortRuleSets([{ kind: 'scs-0102', module, version: opts.version }], reason, { now: new Date('2026-11-28T12:00:00Z') }).filter(
      (r) => !opts.testcases || opts.testcases.includes(r.id),
    );
  it('marks every (selected) testcase ABORT with the reason', () => {
    const results = abortImageMetadata({ version: 'v2' }, 'could not list images');
    expect(results).toHaveLength(20);
    expect(results.every((r) => r.verdict === 'ABORT' && r.findings[0]!.message === 'could not list images')).toBe(true);
    expect(abortImageMetadata({ version: 'v1', testcases: ['scs-0102-prop-hash_algo'] }, 'x')).toMatchObject([
      { id: 'scs-0102-prop-hash_algo', requirement: 'recommended' },
    ]);
  });
});

describe('advisories', () => {
  it('are recognised by level and prefix only', () => {
    expect(isAdvisory({ level: 'info', message: `${ADVISORY_PREFIX.standard}x` })).toBe(true);
    expect(advisoryReading({ level: 'info', message: `${ADVISORY_PREFIX.official}x` })).toBe('official');
    expect(isAdvisory({ level: 'warning', message: `${ADVISORY_PREFIX.standard}x` })).toBe(false);
    expect(isAdvisory({ level: 'info', message: 'Image x is a valid replacement' })).toBe(false);
  });

  it('explainDifferences documents each difference once, for existing testcases', () => {
    const diffs = explainDifferences();
    expect(new Set(diffs.map((d) => d.id)).size).toBe(diffs.length);
    const known: readonly string[] = [...SCS_0102_TESTCASE_IDS, ...SCS_0104_V2_TESTCASES.map((t) => t.id)];
    for (const d of diffs) expect(known).toContain(d.testcase);
    expect(diffs.map((d) => d.id)).toEqual(
      expect.arrayContaining([
        'hw_disk_bus-missing',
        'uuid_validity-missing',
        'provided_until-format',
        'recency-notice',
        'hypervisor_type-spellings',
        'image_build_date-format',
        'os_purpose-oldgeneric-v1',
        'recency-parenthesised-date',
        'recency-missing-provided_until',
      ]),
    );
  });

  it('never change a verdict: removing them leaves every verdict derivable from the rest', () => {
    const images = [
      goodImage({
        name: 'A',
        properties: {
          hw_disk_bus: undefined,
          uuid_validity: undefined,
          provided_until: 'whenever',
          hypervisor_type: 'esxi',
          image_build_date: '2026-02-27T00:00:00Z',
        },
      }),
    ];
    const results = checkImageMetadata(images, { now: NOW, version: 'v1' });
    expect(results.every((r) => r.verdict === 'PASS')).toBe(true);
    expect(results.flatMap((r) => r.findings).every(isAdvisory)).toBe(true);
    expect(results.flatMap((r) => r.findings)).toHaveLength(5);
  });
});
