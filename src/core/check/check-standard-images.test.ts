import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { parseImageSpec } from '../spec/parse-image-spec.js';
import { checkStandardImages } from './check-standard-images.js';
import { isCompliant, summarize } from './result.js';
import { collapseDuplicateNames, DEFAULT_SELECTION, selectImages } from './select-images.js';

const SPEC = parseImageSpec(
  `images:
- name: "Ubuntu 24.04"
  source: [https://cloud-images.ubuntu.com/releases/noble/, https://cloud-images.ubuntu.com/noble/]
  status: mandatory
- name: "Debian 12"
  source: https://cloud.debian.org/images/cloud/bookworm/
  status: recommended
- name: ubuntu-capi-image
  name_scheme: "ubuntu-capi-image-v[0-9]\\\\.[0-9]+(\\\\.[0-9]+)?"
  source: https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/
  status: recommended
- name: "Debian 11"
  source: https://cloud.debian.org/images/cloud/bullseye/
`,
  'spec.yaml',
);

const ubuntu = (src?: unknown, extra = {}) => buildImage({ name: 'Ubuntu 24.04', properties: src === undefined ? {} : { image_source: src }, ...extra });
const NOBLE = 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img';

const byId = (results: ReturnType<typeof checkStandardImages>) => Object.fromEntries(results.map((r) => [r.id, r]));

describe('checkStandardImages (scs-0104 v1)', () => {
  it('emits presence testcases for mandatory/recommended entries and source testcases for all', () => {
    const ids = checkStandardImages(SPEC, []).map((r) => r.id);
    expect(ids).toEqual([
      'scs-0104-image-ubuntu-2404',
      'scs-0104-source-ubuntu-2404',
      'scs-0104-image-debian-12',
      'scs-0104-source-debian-12',
      'scs-0104-image-capi-2',
      'scs-0104-source-capi-2',
      'scs-0104-source-debian-11',
    ]);
  });

  it('a missing mandatory image fails; a missing recommended one is a warning only', () => {
    const results = checkStandardImages(SPEC, [ubuntu(NOBLE)]);
    const r = byId(results);
    expect(r['scs-0104-image-ubuntu-2404']!.verdict).toBe('PASS');
    expect(r['scs-0104-image-debian-12']).toMatchObject({ verdict: 'FAIL', requirement: 'recommended' });
    expect(r['scs-0104-image-debian-12']!.findings[0]).toMatchObject({ level: 'warning' });
    expect(isCompliant(results, false)).toBe(true);
    expect(isCompliant(results, true)).toBe(false);
    expect(summarize(results, false)).toEqual({ passed: 5, failed: 0, aborted: 0, officialAborts: 0, warnings: 2 });

    const none = checkStandardImages(SPEC, []);
    expect(byId(none)['scs-0104-image-ubuntu-2404']).toMatchObject({ verdict: 'FAIL', requirement: 'mandatory' });
    expect(byId(none)['scs-0104-image-ubuntu-2404']!.findings[0]!.message).toContain('Missing mandatory image');
    expect(isCompliant(none, false)).toBe(false);
  });

  it('image_source must start with one of the prefixes; missing or empty is a FAIL with a message', () => {
    for (const [src, verdict, text] of [
      [NOBLE, 'PASS', ''],
      ['https://cloud-images.ubuntu.com/releases/noble/release/x.img', 'PASS', ''],
      ['https://example.com/noble.img', 'FAIL', 'starts with none of the allowed prefixes'],
      ['HTTPS://cloud-images.ubuntu.com/noble/', 'FAIL', 'starts with none'], // plain, case-sensitive prefix
      // no custom property at all: the official test reads image_source from properties=None and aborts
      [undefined, 'ABORT', 'has no custom property at all (so no image_source): the official test aborts this testcase here'],
      ['', 'FAIL', 'empty image_source'],
      [42, 'FAIL', 'non-string image_source'],
    ] as const) {
      const r = byId(checkStandardImages(SPEC, [ubuntu(src)]))['scs-0104-source-ubuntu-2404']!;
      expect(r.verdict, String(src)).toBe(verdict);
      if (text) {
        expect(r.findings[0]!.message).toContain(text);
        if (verdict === 'FAIL') expect(r.findings[0]!.expected).toEqual(SPEC.entries[0]!.sources);
        expect(r.findings[0]!.image?.name).toBe('Ubuntu 24.04');
      }
    }
    // other custom properties, but no image_source: a FAIL, as in the official test
    const other = buildImage({ name: 'Ubuntu 24.04', properties: { os_purpose: 'generic' } });
    const r = byId(checkStandardImages(SPEC, [other]))['scs-0104-source-ubuntu-2404']!;
    expect(r.verdict).toBe('FAIL');
    expect(r.findings[0]!.message).toContain('has no image_source property');
    // the strict reading fails the image without any custom property
    const strict = byId(checkStandardImages(SPEC, [ubuntu(undefined)], { strictReading: true }))['scs-0104-source-ubuntu-2404']!;
    expect(strict.verdict).toBe('FAIL');
    expect(strict.findings[0]).toMatchObject({ property: 'image_source', expected: SPEC.entries[0]!.sources });
  });

  it('checks optional entries too, and every image with the name, duplicates included', () => {
    const good = buildImage({ name: 'Debian 11', properties: { image_source: 'https://cloud.debian.org/images/cloud/bullseye/x' } });
    const bad = buildImage({ name: 'Debian 11', properties: { image_source: 'https://mirror.example/bullseye' } });
    const r = byId(checkStandardImages(SPEC, [good, bad]))['scs-0104-source-debian-11']!;
    expect(r.verdict).toBe('FAIL');
    expect(r.images.map((i) => i.id)).toEqual([good.id, bad.id]);
    expect(r.findings.map((f) => f.image?.id)).toEqual([bad.id]);
  });

  it('name matching is exact and case-sensitive; name_scheme is start-anchored', () => {
    const images = [
      buildImage({ name: 'ubuntu 24.04', properties: { image_source: 'x' } }),
      buildImage({ name: 'Ubuntu 24.04 ', properties: { image_source: 'x' } }),
      buildImage({ name: 'ubuntu-capi-image-v1.30.2-old', properties: { image_source: 'https://evil/' } }),
      buildImage({ name: 'my-ubuntu-capi-image-v1.30.2', properties: { image_source: 'https://evil/' } }),
    ];
    const r = byId(checkStandardImages(SPEC, images));
    expect(r['scs-0104-image-ubuntu-2404']!.verdict).toBe('FAIL');
    expect(r['scs-0104-image-capi-2']!.images.map((i) => i.name)).toEqual(['ubuntu-capi-image-v1.30.2-old']);
    expect(r['scs-0104-source-capi-2']!.verdict).toBe('FAIL');
  });

  it('an unnamed image ABORTs the name-scheme testcases as the official test does (FAIL with the strict reading), not the exact-name ones', () => {
    const unnamed = buildImage({ name: '', nameMissing: true, properties: {} });
    const capi = buildImage({
      name: 'ubuntu-capi-image-v1.30.2',
      properties: { image_source: 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/x' },
    });
    const r = byId(checkStandardImages(SPEC, [ubuntu(NOBLE), capi, unnamed]));
    const strict = byId(checkStandardImages(SPEC, [ubuntu(NOBLE), capi, unnamed], { strictReading: true }));
    for (const id of ['scs-0104-image-capi-2', 'scs-0104-source-capi-2']) {
      expect(r[id], id).toMatchObject({ verdict: 'ABORT', officialAbort: true });
      expect(r[id]!.findings[0], id).toMatchObject({
        level: r[id]!.requirement === 'mandatory' ? 'error' : 'warning',
        image: { id: unnamed.id },
        message: expect.stringContaining('has no name: the official test aborts this testcase here'),
      });
      expect(strict[id]!.verdict, id).toBe('FAIL');
      expect(strict[id]!.findings[0]!.message, id).toContain('--strict-reading fails it');
    }
    expect(r['scs-0104-source-ubuntu-2404']!.verdict).toBe('PASS');
    expect(r['scs-0104-image-ubuntu-2404']!.verdict).toBe('PASS');
  });

  it('a source testcase with no matching image passes (nothing to check)', () => {
    expect(byId(checkStandardImages(SPEC, []))['scs-0104-source-debian-11']!.verdict).toBe('PASS');
  });
});

describe('selectImages', () => {
  const pub = buildImage({ name: 'A', visibility: 'public' });
  const com = buildImage({ name: 'B', visibility: 'community' });
  const priv = buildImage({ name: 'C', visibility: 'private' });
  const shared = buildImage({ name: 'D', visibility: 'shared' });
  const hidden = buildImage({ name: 'E', visibility: 'public', hidden: true });
  const dup1 = buildImage({ name: 'A', visibility: 'public' });
  const all = [pub, com, priv, shared, hidden, dup1];

  it('counts public and community, not hidden, all duplicates by default', () => {
    expect(selectImages(all, DEFAULT_SELECTION)).toEqual([pub, com, dup1]);
  });
  it('--visibility and --include-hidden widen the set', () => {
    expect(selectImages(all, { ...DEFAULT_SELECTION, visibilities: ['all'], includeHidden: true })).toEqual(all);
    expect(selectImages(all, { ...DEFAULT_SELECTION, visibilities: ['private'] })).toEqual([priv]);
  });
  it('collapseDuplicateNames keeps only the last listed image of each name (selectImages never does)', () => {
    expect(selectImages(all, { ...DEFAULT_SELECTION, collapseDuplicates: true })).toEqual([pub, com, dup1]);
    expect(collapseDuplicateNames(selectImages(all, DEFAULT_SELECTION))).toEqual([com, dup1]);
    const unnamed1 = buildImage({ name: '', nameMissing: true });
    const unnamed2 = buildImage({ name: '', nameMissing: true });
    const empty = buildImage({ name: '' });
    expect(collapseDuplicateNames([unnamed1, empty, unnamed2])).toEqual([empty, unnamed2]);
  });
});
