import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { parseImageSpec } from '../spec/parse-image-spec.js';
import { abortRuleSets, runRuleSets, type RuleSet } from './rule-sets.js';

const read = (name: string) => readFileSync(new URL(`../../../data/standards/${name}.yaml`, import.meta.url), 'utf8');
const v5 = parseImageSpec(read('scs-0104-v1-images-v5'), 'scs-0104-v1-images-v5');
const reference = parseImageSpec(read('scs-0104-reference-entries'), 'reference');
const module = { id: 'scs-0104-v1-2', name: 'Standard images', source: 'scs-0104-v1-images-v5' };
const now = new Date('2026-11-28T12:00:00Z');

describe('runRuleSets', () => {
  it('takes testcases the spec lacks (capi-1, debian-13) from the reference entries, with the scope requirement', () => {
    const rs: RuleSet = {
      kind: 'scs-0104-v1',
      module,
      spec: v5,
      reference,
      testcases: [
        { id: 'scs-0104-source-capi-1', requirement: 'mandatory' },
        { id: 'scs-0104-source-debian-13', requirement: 'mandatory' },
        { id: 'scs-0104-image-debian-12', requirement: 'recommended' },
        { id: 'scs-0104-image-ubuntu-2404', requirement: 'mandatory' },
      ],
    };
    const images = [
      buildImage({ name: 'ubuntu-capi-image v1.30.1', properties: { image_source: 'https://evil/' } }),
      buildImage({ name: 'Debian 13', properties: { image_source: 'https://cloud.debian.org/images/cloud/trixie/x' } }),
    ];
    const results = runRuleSets([rs], images, { now });
    expect(results.map((r) => [r.id, r.verdict, r.requirement, r.module])).toEqual([
      ['scs-0104-source-capi-1', 'FAIL', 'mandatory', 'scs-0104-v1-2'],
      ['scs-0104-source-debian-13', 'PASS', 'mandatory', 'scs-0104-v1-2'],
      ['scs-0104-image-debian-12', 'FAIL', 'recommended', 'scs-0104-v1-2'],
      ['scs-0104-image-ubuntu-2404', 'FAIL', 'mandatory', 'scs-0104-v1-2'],
    ]);
    // a presence failure counts as an error where the scope makes it mandatory, a warning elsewhere
    expect(results[2]!.findings[0]!.level).toBe('warning');
    expect(results[3]!.findings[0]!.level).toBe('error');
  });

  it('collapseDuplicates narrows the scs-0104 lookup only; scs-0102 still checks every image', () => {
    const images = [
      buildImage({ name: 'Ubuntu 24.04', properties: { architecture: 'amd64', image_source: 'https://evil/' } }),
      buildImage({ name: 'Ubuntu 24.04', properties: { architecture: 'x86_64', image_source: 'https://cloud-images.ubuntu.com/noble/x' } }),
    ];
    const sets: RuleSet[] = [
      { kind: 'scs-0104-v1', module, spec: v5, reference, testcases: [{ id: 'scs-0104-source-ubuntu-2404', requirement: 'mandatory' }] },
      {
        kind: 'scs-0102',
        module: { id: 'scs-0102-v1', name: 'Image metadata', source: 'built-in' },
        version: 'v1',
        testcases: [{ id: 'scs-0102-prop-architecture', requirement: 'mandatory' }],
      },
    ];
    const verdicts = (collapseDuplicates: boolean) => runRuleSets(sets, images, { now, collapseDuplicates }).map((r) => [r.id, r.verdict]);
    expect(verdicts(true)).toEqual([
      ['scs-0104-source-ubuntu-2404', 'PASS'],
      ['scs-0102-prop-architecture', 'FAIL'],
    ]);
    expect(verdicts(false)).toEqual([
      ['scs-0104-source-ubuntu-2404', 'FAIL'],
      ['scs-0102-prop-architecture', 'FAIL'],
    ]);
  });

  it('a testcase that neither the spec nor the reference defines is an ABORT that says so', () => {
    const rs: RuleSet = { kind: 'scs-0104-v1', module, spec: v5, testcases: [{ id: 'scs-0104-source-fedora-42', requirement: 'mandatory' }] };
    const [r] = runRuleSets([rs], [], { now });
    expect(r).toMatchObject({ verdict: 'ABORT' });
    expect(r!.findings[0]!.message).toContain('defines no entry for scs-0104-source-fedora-42');
  });

  it('runs scs-0102 testcases of a module, and aborts everything with the reason', () => {
    const rs: RuleSet = {
      kind: 'scs-0102',
      module: { id: 'scs-0102-v1', name: 'Image metadata', source: 'built-in' },
      version: 'v1',
      testcases: [{ id: 'scs-0102-prop-architecture', requirement: 'mandatory' }],
    };
    const ok = runRuleSets([rs], [buildImage({ name: 'x', properties: { architecture: 'x86_64' } })], { now });
    expect(ok.map((r) => [r.id, r.verdict, r.module])).toEqual([['scs-0102-prop-architecture', 'PASS', 'scs-0102-v1']]);
    const aborted = abortRuleSets([rs], 'cloud unreachable', { now });
    expect(aborted).toMatchObject([{ id: 'scs-0102-prop-architecture', verdict: 'ABORT', findings: [{ message: 'cloud unreachable' }] }]);
  });
});
