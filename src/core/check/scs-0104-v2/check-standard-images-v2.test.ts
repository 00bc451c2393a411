import { describe, expect, it } from 'vitest';
import type { Image } from '../../images/image.js';
import { buildImage } from '../../images/image-builder.test-util.js';
import { isCompliant, summarize, type Finding, type TestcaseResult } from '../result.js';
import { DEFAULT_SELECTION, selectImages } from '../select-images.js';
import { CAPI_SOURCE_PREFIXES } from './capi.js';
import { abortRuleSets } from '../rule-sets.js';
import { checkStandardImagesV2 } from './check-standard-images-v2.js';
import type { ReleaseDistro } from '../../releases/distro-releases.js';
import { capi, codenameOf, generic, one, RELEASES, run, vendorSource } from './fixtures.test-util.js';
import { OFFICIAL_VENDOR_PREFIXES } from './generic-images.js';
import { advisoryReading, isAdvisory } from '../advisory.js';
import { SCS_0104_V2_TESTCASES } from './testcases.js';

const SCS_0104_V2_TESTCASE_IDS = SCS_0104_V2_TESTCASES.map((t) => t.id);

const SOURCE = 'scs-0104-v2-source-generic';
const CAPI_PROPS = 'scs-0104-v2-capi-properties';
const LTS_LATEST = 'scs-0104-v2-ubuntu-lts-latest';
const LTS_PREVIOUS = 'scs-0104-v2-ubuntu-lts-previous';
const DEB_LATEST = 'scs-0104-v2-debian-stable-latest';
const DEB_PREVIOUS = 'scs-0104-v2-debian-stable-previous';
const CAPI_PRESENT = 'scs-0104-v2-capi-present';

/** A cloud that satisfies every testcase on `today`'s targets after 2026-05-01. */
const compliantCloud = (): Image[] => [generic('ubuntu', '26.04'), generic('ubuntu', '24.04'), generic('debian', '13'), generic('debian', '12'), capi()];

const withoutAdvisories = (findings: readonly Finding[]) => findings.filter((f) => !isAdvisory(f));

const errorsAndWarnings = (results: readonly TestcaseResult[]) =>
  results.flatMap((r) => r.findings.filter((f) => f.level !== 'info').map((f) => `${r.id}: ${f.message}`));

describe('SCS_0104_V2_TESTCASES (the declaration)', () => {
  it('has the seven ids once, with their requirement', () => {
    expect(new Set(SCS_0104_V2_TESTCASE_IDS).size).toBe(7);
    expect(Object.fromEntries(SCS_0104_V2_TESTCASES.map((t) => [t.id, t.requirement]))).toEqual({
      [SOURCE]: 'mandatory',
      [CAPI_PROPS]: 'mandatory',
      [LTS_LATEST]: 'mandatory',
      [LTS_PREVIOUS]: 'recommended',
      [DEB_LATEST]: 'recommended',
      [DEB_PREVIOUS]: 'recommended',
      [CAPI_PRESENT]: 'recommended',
    });
    for (const t of SCS_0104_V2_TESTCASES) {
      expect(t.id).toMatch(/^scs-0104-v2-[a-z-]+$/);
      expect(t.description, t.id).not.toBe('');
      expect(t.rule, t.id).not.toBe('');
    }
  });
});

describe('checkStandardImagesV2', () => {
  it('returns every testcase in table order with its requirement', () => {
    const results = run(compliantCloud(), '2026-05-01');
    expect(results.map((r) => r.id)).toEqual([...SCS_0104_V2_TESTCASE_IDS]);
    for (const r of results) expect(r.requirement, r.id).toBe(SCS_0104_V2_TESTCASES.find((t) => t.id === r.id)!.requirement);
  });

  it('a compliant cloud passes everything without errors or warnings', () => {
    const results = run(compliantCloud(), '2026-05-01');
    expect(results.filter((r) => r.verdict !== 'PASS').map((r) => r.id)).toEqual([]);
    expect(errorsAndWarnings(results)).toEqual([]);
    expect(isCompliant(results, true)).toBe(true);
  });

  it('runs only the selected testcases, in table order; rejects unknown ids and bad dates', () => {
    const results = checkStandardImagesV2([], { today: '2026-05-01', releases: RELEASES, testcases: [CAPI_PRESENT, SOURCE] });
    expect(results.map((r) => r.id)).toEqual([SOURCE, CAPI_PRESENT]);
    expect(() => checkStandardImagesV2([], { today: '2026-05-01', releases: RELEASES, testcases: ['scs-0104-source-ubuntu-2404'] })).toThrow(
      /unknown scs-0104 v2 testcase id\(s\): scs-0104-source-ubuntu-2404/,
    );
    expect(() => checkStandardImagesV2([], { today: '2026-5-1', releases: RELEASES })).toThrow(RangeError);
    expect(() => checkStandardImagesV2([], { today: '2026-02-30', releases: RELEASES })).toThrow(/YYYY-MM-DD/);
  });

  it('an empty cloud: sources pass vacuously, presence fails (required as error, recommended as warning)', () => {
    const results = run([], '2026-05-01');
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId[SOURCE]!.verdict).toBe('PASS');
    expect(byId[CAPI_PROPS]!.verdict).toBe('PASS');
    for (const id of [LTS_LATEST, LTS_PREVIOUS, DEB_LATEST, DEB_PREVIOUS, CAPI_PRESENT]) expect(byId[id]!.verdict, id).toBe('FAIL');
    expect(byId[LTS_LATEST]!.findings[0]!.level).toBe('error');
    for (const id of [LTS_PREVIOUS, DEB_LATEST, DEB_PREVIOUS, CAPI_PRESENT]) expect(byId[id]!.findings[0]!.level, id).toBe('warning');
    expect(summarize(results, false)).toEqual({ passed: 2, failed: 1, aborted: 0, officialAborts: 0, warnings: 4 });
  });

  it('missing only recommended images is compliant unless strict', () => {
    const results = run([generic('ubuntu', '26.04')], '2026-05-01');
    expect(isCompliant(results, false)).toBe(true);
    expect(isCompliant(results, true)).toBe(false);
  });
});

describe('scs-0104-v2-source-generic', () => {
  const U = 'https://cloud-images.ubuntu.com';
  // [case, distro, os_version, image_source (null = missing), verdict, advisory about the codename folder]
  const cases: Array<[string, ReleaseDistro, string, string | null, 'PASS' | 'FAIL', boolean]> = [
    ['Ubuntu releases/ form', 'ubuntu', '24.04', `${U}/releases/noble/release-20260401/ubuntu-24.04-server-cloudimg-amd64.img`, 'PASS', false],
    ['Ubuntu short form', 'ubuntu', '24.04', `${U}/noble/20260401/noble-server-cloudimg-amd64.img`, 'PASS', false],
    ['Ubuntu interim release', 'ubuntu', '25.10', `${U}/questing/current/questing-server-cloudimg-amd64.img`, 'PASS', false],
    ['Ubuntu 16.04', 'ubuntu', '16.04', `${U}/xenial/current/xenial-server-cloudimg-amd64-disk1.img`, 'PASS', false],
    ['Ubuntu point release', 'ubuntu', '24.04.1', `${U}/noble/current/x.img`, 'PASS', false],
    ['Debian cloud.debian.org', 'debian', '12', 'https://cloud.debian.org/images/cloud/bookworm/20260401-1/debian-12-generic-amd64.qcow2', 'PASS', false],
    ['Debian cdimage', 'debian', '13', 'https://cdimage.debian.org/cdimage/cloud/trixie/latest/debian-13-generic-amd64.qcow2', 'PASS', false],
    ['Debian 9', 'debian', '9', 'https://cloud.debian.org/images/cloud/stretch/daily/x.qcow2', 'PASS', false],
    ['Debian point release', 'debian', '12.5', 'https://cloud.debian.org/images/cloud/bookworm/latest/x.qcow2', 'PASS', false],
    // the official test requires the vendor prefix only: a wrong codename folder passes, with an advisory
    ['Ubuntu wrong codename', 'ubuntu', '24.04', `${U}/jammy/current/jammy-server-cloudimg-amd64.img`, 'PASS', true],
    ['Ubuntu version instead of codename', 'ubuntu', '24.04', `${U}/releases/24.04/release/x.img`, 'PASS', true],
    ['Ubuntu daily folder', 'ubuntu', '24.04', `${U}/daily/server/noble/current/x.img`, 'PASS', true],
    ['Ubuntu minimal folder', 'ubuntu', '24.04', `${U}/minimal/releases/noble/release/x.img`, 'PASS', true],
    ['Ubuntu prefix without the codename slash', 'ubuntu', '24.04', `${U}/noble`, 'PASS', true],
    ['Debian wrong codename', 'debian', '13', 'https://cloud.debian.org/images/cloud/bookworm/latest/x.qcow2', 'PASS', true],
    ['Debian case', 'debian', '12', 'https://cloud.debian.org/images/cloud/Bookworm/x.qcow2', 'PASS', true],
    ['Ubuntu over http', 'ubuntu', '24.04', 'http://cloud-images.ubuntu.com/noble/current/x.img', 'FAIL', false],
    ['Ubuntu host without the slash', 'ubuntu', '24.04', 'https://cloud-images.ubuntu.com', 'FAIL', false],
    ['Ubuntu mirror', 'ubuntu', '24.04', 'https://nbg1.your-objectstorage.com/osism/openstack-images/ubuntu-24.04/x.qcow2', 'FAIL', false],
    ['Ubuntu private', 'ubuntu', '24.04', 'private', 'FAIL', false],
    ['Ubuntu missing', 'ubuntu', '24.04', null, 'FAIL', false],
    ['Ubuntu empty', 'ubuntu', '24.04', '', 'FAIL', false],
    ['Debian on the Ubuntu host', 'debian', '12', `${U}/bookworm/x.img`, 'FAIL', false],
    ['Debian images folder only', 'debian', '12', 'https://cloud.debian.org/images/bookworm/x.qcow2', 'FAIL', false],
  ];

  it.each(cases)('%s', (_name, distro, version, source, verdict, advised) => {
    const img = generic(distro, version, { image_source: source === null ? undefined : source });
    const r = one([img], '2026-05-01', SOURCE);
    expect(r.verdict).toBe(verdict);
    expect(r.images).toEqual([{ id: img.id, name: img.name }]);
    expect(r.findings.filter(isAdvisory).length, 'advisory').toBe(advised ? 1 : 0);
    const errors = r.findings.filter((f) => f.level === 'error');
    if (verdict === 'PASS') {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors).toEqual([
      {
        level: 'error',
        message: expect.stringContaining(`Image '${img.name}' (${img.id})`),
        image: { id: img.id, name: img.name },
        property: 'image_source',
        ...(source === null ? {} : { value: source }),
        expected: [...OFFICIAL_VENDOR_PREFIXES[distro]],
      },
    ]);
    expect(errors[0]!.message).toContain(`allowed prefixes: ${OFFICIAL_VENDOR_PREFIXES[distro].join(', ')}`);
  });

  it("names, in the advisory, the release a wrong codename points at and the standard's folders", () => {
    const r = one([generic('ubuntu', '24.04', { image_source: `${U}/jammy/current/x.img` })], '2026-05-01', SOURCE);
    expect(r.findings).toHaveLength(1);
    expect(advisoryReading(r.findings[0]!)).toBe('standard');
    expect(r.findings[0]!.message).toMatch(
      /a generic Ubuntu 24\.04 'noble' image, has image_source '.*' \(it points at Ubuntu 22\.04 'jammy'\); the standard's table names https:\/\/cloud-images\.ubuntu\.com\/releases\/noble\/ or https:\/\/cloud-images\.ubuntu\.com\/noble\//,
    );
  });

  it('reads point releases for the codename advisory', () => {
    const r = one([generic('ubuntu', '24.04.1'), generic('debian', '12.5')], '2026-05-01', SOURCE);
    expect(r).toMatchObject({ verdict: 'PASS', findings: [] });
  });

  it.each(Object.keys({ ubuntu: 1, debian: 1 }) as ReleaseDistro[])('maps every %s release of the data to its codename (advisory only)', (distro) => {
    const releases = RELEASES[distro];
    releases.forEach((release, i) => {
      const ok = one([generic(distro, release.version)], '2026-05-01', SOURCE);
      expect(ok, `${distro} ${release.version} → ${release.codename}`).toMatchObject({ verdict: 'PASS', findings: [] });
      const other = releases[(i + 1) % releases.length]!;
      const elsewhere = one([generic(distro, release.version, { image_source: vendorSource(distro, other.version) })], '2026-05-01', SOURCE);
      expect(elsewhere.verdict, `${distro} ${release.version} with ${other.codename}`).toBe('PASS');
      expect(elsewhere.findings.filter(isAdvisory)).toHaveLength(1);
    });
  });

  it.each([
    ['a version the data lacks', { os_version: '28.04', image_source: `${U}/releases/zebra/x.img` }, /the release data has no ubuntu 28\.04/],
    ['a missing os_version', { os_version: undefined, image_source: `${U}/noble/current/x.img` }, /os_version \(missing\) names no ubuntu release/],
    ['a codename as os_version', { os_version: 'noble', image_source: `${U}/noble/current/x.img` }, /os_version 'noble' names no ubuntu release/],
  ] as const)('passes with the vendor prefix and says so when the codename cannot be compared: %s', (_name, props, message) => {
    const r = one([generic('ubuntu', '24.04', props)], '2026-05-01', SOURCE);
    expect(r.verdict).toBe('PASS');
    expect(r.findings).toHaveLength(1);
    expect(isAdvisory(r.findings[0]!)).toBe(true);
    expect(r.findings[0]!.message).toMatch(message);
  });

  it.each([
    ['os_purpose minimal', { os_purpose: 'minimal' }],
    ['os_purpose oldgeneric', { os_purpose: 'oldgeneric' }],
    ['no os_purpose', { os_purpose: undefined }],
    ['os_distro in capitals', { os_distro: 'Ubuntu' }],
    ['another distribution', { os_distro: 'centos', os_version: '9' }],
  ])('is not about images with %s', (_name, props) => {
    const r = one([generic('ubuntu', '24.04', { ...props, image_source: 'https://example.com/x.img' })], '2026-05-01', SOURCE);
    expect(r).toMatchObject({ verdict: 'PASS', findings: [], images: [] });
  });

  it('reports each violating image and lists every generic image it looked at', () => {
    const good = generic('ubuntu', '24.04');
    const bad1 = generic('ubuntu', '22.04', { image_source: 'private' });
    const bad2 = generic('debian', '12', { image_source: undefined });
    const r = one([good, bad1, capi(), bad2], '2026-05-01', SOURCE);
    expect(r.verdict).toBe('FAIL');
    expect(r.images.map((i) => i.id)).toEqual([good.id, bad1.id, bad2.id]);
    expect(r.findings.map((f) => [f.image?.id, f.property, f.value])).toEqual([
      [bad1.id, 'image_source', 'private'],
      [bad2.id, 'image_source', undefined],
    ]);
    expect(r.findings[1]).not.toHaveProperty('value');
  });
});

describe('scs-0104-v2-capi-properties', () => {
  it.each([
    ['dash', 'ubuntu-capi-image-v1.32.4', true],
    ['space', 'ubuntu-capi-image v1.32.4', true],
    ['two-part version', 'ubuntu-capi-image-v1.32', true],
    ['suffix (re.match is anchored at the start only)', 'ubuntu-capi-image-v1.32.4-old', true],
    ['suffix after a space', 'ubuntu-capi-image v1.30 (20260101)', true],
    ['prefix', 'my-ubuntu-capi-image-v1.32.4', false],
    ['underscore', 'ubuntu-capi-image_v1.32.4', false],
    ['two spaces', 'ubuntu-capi-image  v1.32.4', false],
    ['two-digit major', 'ubuntu-capi-image-v10.1', false],
    ['capitals', 'Ubuntu-capi-image-v1.32', false],
    ['no v', 'ubuntu-capi-image-1.32', false],
  ])('name scheme: %s (%s) is subject: %s', (_name, name, subject) => {
    const img = capi(name, { os_purpose: 'generic' });
    const r = one([img], '2026-05-01', CAPI_PROPS);
    expect(r.images.length).toBe(subject ? 1 : 0);
    expect(r.verdict).toBe(subject ? 'FAIL' : 'PASS');
  });

  it.each([
    ['the OSISM bucket', CAPI_SOURCE_PREFIXES[0]!],
    ['the regiocloud container (tolerated)', CAPI_SOURCE_PREFIXES[1]!],
    [
      'the v1 spec prefix ubuntu-2404-kube',
      'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube',
    ],
    [
      'the v1 spec prefix ubuntu-2204-kube',
      'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube',
    ],
  ])('accepts image_source under %s', (_name, prefix) => {
    const r = one([capi('ubuntu-capi-image v1.31.2', { image_source: `${prefix}-v1.31/ubuntu-2204-kube-v1.31.2.qcow2` })], '2026-05-01', CAPI_PROPS);
    expect(r.verdict).toBe('PASS');
    expect(withoutAdvisories(r.findings)).toEqual([]);
  });

  it.each([
    ['image_source elsewhere', { image_source: 'https://example.com/capi.qcow2' }, 'image_source', 'https://example.com/capi.qcow2', CAPI_SOURCE_PREFIXES],
    [
      'image_source the old bucket without the folder',
      { image_source: 'https://nbg1.your-objectstorage.com/osism/openstack-images/x' },
      'image_source',
      'https://nbg1.your-objectstorage.com/osism/openstack-images/x',
      CAPI_SOURCE_PREFIXES,
    ],
    ['image_source missing', { image_source: undefined }, 'image_source', undefined, CAPI_SOURCE_PREFIXES],
    ['os_purpose generic', { os_purpose: 'generic' }, 'os_purpose', 'generic', ['k8snode']],
    ['os_purpose missing', { os_purpose: undefined }, 'os_purpose', undefined, ['k8snode']],
    [
      'image_description with a trailing slash',
      { image_description: 'https://github.com/osism/k8s-capi-images/' },
      'image_description',
      'https://github.com/osism/k8s-capi-images/',
      ['https://github.com/osism/k8s-capi-images'],
    ],
    [
      'image_description text',
      { image_description: 'Kubernetes node image' },
      'image_description',
      'Kubernetes node image',
      ['https://github.com/osism/k8s-capi-images'],
    ],
    ['image_description missing', { image_description: undefined }, 'image_description', undefined, ['https://github.com/osism/k8s-capi-images']],
  ] as const)('fails: %s', (_name, props, property, value, expected) => {
    const img = capi('ubuntu-capi-image-v1.32.4', props);
    const r = one([img], '2026-05-01', CAPI_PROPS);
    expect(r.verdict).toBe('FAIL');
    expect(withoutAdvisories(r.findings)).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(new RegExp(`^Image 'ubuntu-capi-image-v1\\.32\\.4' \\(${img.id}\\), a CAPI image, `)),
        image: { id: img.id, name: img.name },
        property,
        ...(value === undefined ? {} : { value }),
        expected: [...expected],
      },
    ]);
  });

  it('reports all three properties of one image', () => {
    const r = one([buildImage({ name: 'ubuntu-capi-image-v1.30.0', properties: {} })], '2026-05-01', CAPI_PROPS);
    expect(withoutAdvisories(r.findings).map((f) => f.property)).toEqual(['image_source', 'os_purpose', 'image_description']);
  });

  it("says, as an advisory, that the official test's pattern matches none of the images it checked", () => {
    const r = one([capi(), capi('ubuntu-capi-image v1.31.2')], '2026-05-01', CAPI_PROPS);
    expect(r.verdict).toBe('PASS');
    expect(r.findings).toEqual([{ level: 'info', message: expect.stringMatching(/^advisory \(official test\): .*doubled backslash.*none of the 2 image/) }]);
    expect(one([generic('ubuntu', '24.04')], '2026-05-01', CAPI_PROPS).findings).toEqual([]);
  });
});

describe('scs-0104-v2-ubuntu-lts-latest (required) and -previous', () => {
  it.each([
    ['2026-04-29', ['24.04'], 'PASS', '26.04 or 24.04'], // the grace period: the previous LTS still counts
    ['2026-04-29', ['26.04'], 'PASS', '26.04 or 24.04'],
    ['2026-04-30', ['24.04'], 'PASS', '26.04 or 24.04'],
    ['2026-05-01', ['24.04'], 'FAIL', '26.04'],
    ['2026-05-01', ['26.04'], 'PASS', '26.04'],
    ['2026-05-01', ['26.04.1'], 'FAIL', '26.04'], // compared as text, as the official test does
    ['2027-03-01', ['26.04'], 'PASS', '26.04'], // odd years keep the LTS of the year before
    ['2027-03-01', ['24.04'], 'FAIL', '26.04'],
    ['2024-04-29', ['22.04'], 'PASS', '24.04 or 22.04'],
    ['2024-05-01', ['22.04'], 'FAIL', '24.04'],
  ])('%s with %j → %s (accepts %s)', (today, versions, verdict, accepted) => {
    const images = versions.map((v) => generic('ubuntu', v));
    const r = one(images, today, LTS_LATEST);
    expect(r.verdict).toBe(verdict);
    const current = accepted.slice(0, 5);
    expect(r.description).toBe(`Required: a generic image of the latest Ubuntu LTS is present. As of ${today}: Ubuntu ${accepted}.`);
    expect(r.entry).toBe(`Ubuntu ${current} '${codenameOf('ubuntu', current)}'`);
    if (verdict === 'PASS') expect(r.images.map((i) => i.id)).toEqual([images[0]!.id]);
    else {
      expect(r.images).toEqual([]);
      expect(r.findings[0]).toMatchObject({
        level: 'error',
        message: expect.stringMatching(
          new RegExp(
            `^Missing required image: no image with os_distro=ubuntu, os_version=${accepted.replace(/\./g, '\\.')}, os_purpose=generic among the checked images`,
          ),
        ),
        expected: ['os_distro=ubuntu', `os_version=${accepted}`, 'os_purpose=generic'],
      });
    }
  });

  it('explains a point release that the text comparison does not count', () => {
    const img = generic('ubuntu', '26.04.1');
    const r = one([img], '2026-05-01', LTS_LATEST);
    expect(r.findings.filter((f) => f.level === 'info')).toEqual([
      {
        level: 'info',
        message: expect.stringMatching(/has os_version '26\.04\.1', which the rule compares as text with '26\.04', so it does not count$/),
        image: { id: img.id, name: img.name },
      },
    ]);
  });

  it("advises where the official code's defects decide otherwise (odd years, the grace period)", () => {
    const odd = one([generic('ubuntu', '26.04')], '2027-06-01', LTS_LATEST);
    expect(odd.verdict).toBe('PASS');
    expect(odd.findings).toEqual([{ level: 'info', message: expect.stringMatching(/^advisory \(official test\): .*asks for Ubuntu 27\.04 in 2027/) }]);
    const grace = one([generic('ubuntu', '24.04')], '2026-03-01', LTS_LATEST);
    expect(grace.verdict).toBe('PASS');
    expect(grace.findings).toEqual([{ level: 'info', message: expect.stringMatching(/^advisory \(official test\): .*grace period never applies/) }]);
    expect(one([generic('ubuntu', '26.04')], '2026-03-01', LTS_LATEST).findings).toEqual([]);
    expect(one([generic('ubuntu', '26.04')], '2026-05-01', LTS_LATEST).findings).toEqual([]);
  });

  it.each([
    ['2026-04-29', '22.04'],
    ['2026-05-01', '24.04'],
  ])('previous LTS on %s is %s (recommended: a warning)', (today, wanted) => {
    expect(one([generic('ubuntu', wanted)], today, LTS_PREVIOUS).verdict).toBe('PASS');
    const miss = one([generic('ubuntu', '20.04')], today, LTS_PREVIOUS);
    expect(miss.verdict).toBe('FAIL');
    expect(miss.entry).toBe(`Ubuntu ${wanted} '${codenameOf('ubuntu', wanted)}'`);
    expect(miss.findings[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/^Missing recommended image: .*previous Ubuntu LTS/) });
  });

  it('counts only os_purpose=generic with os_distro exactly ubuntu, and explains near misses', () => {
    const minimal = generic('ubuntu', '26.04', { os_purpose: 'minimal' });
    const noPurpose = generic('ubuntu', '26.04', { os_purpose: undefined });
    const capital = generic('ubuntu', '26.04', { os_distro: 'Ubuntu' });
    const other = generic('ubuntu', '24.04', { os_purpose: 'minimal' });
    const byName = buildImage({ name: 'Ubuntu 26.04', properties: {} });
    const r = one([minimal, noPurpose, capital, other, byName], '2026-05-01', LTS_LATEST);
    expect(r.verdict).toBe('FAIL');
    expect(r.findings.filter((f) => f.level === 'info').map((f) => [f.image?.id, f.message.replace(/^Image '[^']*' \([^)]*\) /, '')])).toEqual([
      [minimal.id, "is ubuntu 26.04 but has os_purpose 'minimal', not 'generic', so it does not count"],
      [noPurpose.id, 'is ubuntu 26.04 but has no os_purpose (generic required), so it does not count'],
      [capital.id, "is ubuntu 26.04 but os_distro is 'Ubuntu', not 'ubuntu', so it does not count"],
    ]);
  });

  it('accepts public and community images alike (the caller selects)', () => {
    const r = one([generic('ubuntu', '26.04', {}, { visibility: 'community' })], '2026-05-01', LTS_LATEST);
    expect(r.verdict).toBe('PASS');
  });

  it('hidden and private images are left out by the caller (selectImages), not by the check', () => {
    const hidden = generic('ubuntu', '26.04', {}, { hidden: true });
    const priv = generic('ubuntu', '26.04', {}, { visibility: 'private' });
    const considered = selectImages([hidden, priv], DEFAULT_SELECTION);
    expect(considered).toEqual([]);
    expect(one(considered, '2026-05-01', LTS_LATEST).verdict).toBe('FAIL');
    // The check itself counts whatever it is given.
    expect(one([hidden], '2026-05-01', LTS_LATEST).verdict).toBe('PASS');
  });

  it('the recommended previous LTS ABORTs when the release data has nothing to ask for on that day', () => {
    const previous = one([generic('ubuntu', '16.04')], '2016-05-01', LTS_PREVIOUS);
    expect(previous.verdict).toBe('ABORT');
    expect(previous.findings[0]!.message).toBe("Cannot decide: the release data has no Ubuntu LTS release before Ubuntu 16.04 'xenial'");
  });

  it('warns (without changing the verdict) when the release data may be outdated', () => {
    const r = one([generic('ubuntu', '24.04')], '2028-06-01', LTS_PREVIOUS);
    expect(r.verdict).toBe('PASS');
    expect(r.findings).toEqual([
      { level: 'warning', message: expect.stringMatching(/release data may be outdated: its newest Ubuntu LTS release is ubuntu 26\.04/) },
    ]);
  });
});

describe('scs-0104-v2-debian-stable-latest and -previous (recommended)', () => {
  it.each([
    ['2025-09-08', DEB_LATEST, '12'],
    ['2025-09-09', DEB_LATEST, '13'], // one month after trixie's release (2025-08-09)
    ['2026-05-01', DEB_LATEST, '13'],
    ['2025-09-08', DEB_PREVIOUS, '11'],
    ['2025-09-09', DEB_PREVIOUS, '12'],
  ])('%s %s asks for Debian %s', (today, id, wanted) => {
    const r = one([generic('debian', wanted)], today, id);
    expect(r.verdict).toBe('PASS');
    expect(r.entry).toBe(`Debian ${wanted} '${codenameOf('debian', wanted)}'`);
    const others = ['11', '12', '13'].filter((v) => v !== wanted).map((v) => generic('debian', v));
    const miss = one(others, today, id);
    expect(miss.verdict).toBe('FAIL');
    expect(miss.findings[0]).toMatchObject({ level: 'warning', expected: ['os_distro=debian', `os_version=${wanted}`, 'os_purpose=generic'] });
  });

  it('Debian 13 before 2025-09-09 is not yet asked for, and the info says when', () => {
    const r = one([generic('debian', '12'), generic('debian', '13')], '2025-08-20', DEB_LATEST);
    expect(r.verdict).toBe('PASS');
    expect(r.images.map((i) => i.name)).toEqual(['Debian 12']);
    expect(r.findings).toEqual([{ level: 'info', message: "Debian 13 'trixie' becomes the latest Debian stable release on 2025-09-09" }]);
  });

  it('says that the next release (forky) is not released yet', () => {
    expect(one([generic('debian', '13')], '2026-05-01', DEB_LATEST).findings).toEqual([{ level: 'info', message: "Debian 14 'forky' is not released yet" }]);
  });

  it('a point release counts (os_version 13.4)', () => {
    expect(one([generic('debian', '13.4')], '2026-05-01', DEB_LATEST).verdict).toBe('PASS');
  });
});

describe('scs-0104-v2-capi-present (recommended)', () => {
  it.each([
    ['ubuntu-capi-image-v1.32.4', 'PASS'],
    ['ubuntu-capi-image-v1.32', 'PASS'],
    ['ubuntu-capi-image-v1.32.4-old', 'PASS'],
    ['ubuntu-capi-image v1.32.4', 'FAIL'], // the presence rule names the dash form only
    ['capi ubuntu-capi-image-v1.32.4', 'FAIL'],
  ])('%s → %s', (name, verdict) => {
    expect(one([capi(name)], '2026-05-01', CAPI_PRESENT).verdict).toBe(verdict);
  });

  it('does not look at properties', () => {
    expect(one([buildImage({ name: 'ubuntu-capi-image-v1.30.1', properties: {} })], '2026-05-01', CAPI_PRESENT).verdict).toBe('PASS');
  });

  it('explains a space-named image that does not count', () => {
    const img = capi('ubuntu-capi-image v1.32.4');
    const r = one([img], '2026-05-01', CAPI_PRESENT);
    expect(r.findings).toEqual([
      {
        level: 'warning',
        message: "Missing recommended image: no image whose name matches 'ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?' among the checked images",
        expected: ['ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?'],
      },
      {
        level: 'info',
        message: `Image 'ubuntu-capi-image v1.32.4' (${img.id}) matches 'ubuntu-capi-image( |-)v[0-9]\\.[0-9]+(\\.[0-9]+)?' but not the dash form the presence rule names, so it does not count`,
        image: { id: img.id, name: img.name },
      },
    ]);
  });
});

describe('abortRuleSets with scs-0104-v2 (the abort of the v2 draft)', () => {
  const module = { id: 'scs-0104-v2', name: 'Standard images (v2 draft)', source: 'built-in' };
  const abortStandardImagesV2 = (opts: { testcases?: string[] }, reason: string) =>
    abortRuleSets([{ kind: 'scs-0104-v2', module, releases: RELEASES }], reason, { now: new Date('2026-11-28T12:00:00Z') }).filter(
      (r) => !opts.testcases || opts.testcases.includes(r.id),
    );
  it('turns every (selected) testcase into ABORT with the reason', () => {
    const all = abortStandardImagesV2({}, 'cloud unreachable');
    expect(all.map((r) => [r.id, r.verdict])).toEqual(SCS_0104_V2_TESTCASE_IDS.map((id) => [id, 'ABORT']));
    expect(all[0]!.findings).toEqual([{ level: 'error', message: 'cloud unreachable' }]);
    expect(abortStandardImagesV2({ testcases: [CAPI_PRESENT] }, 'x').map((r) => r.id)).toEqual([CAPI_PRESENT]);
    expect(summarize(all, false)).toEqual({ passed: 0, failed: 0, aborted: 3, officialAborts: 0, warnings: 4 });
  });
});

describe('where the official test raises (a missing name)', () => {
  it('the CAPI testcase ABORTs on an unnamed image as the official test does, never passes (FAIL with the strict reading)', () => {
    const unnamed = buildImage({ name: '', nameMissing: true, properties: {} });
    const r = one([capi(), unnamed], '2026-05-01', CAPI_PROPS);
    expect(r).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(r.findings.filter((f) => f.level === 'error')).toEqual([
      { level: 'error', message: expect.stringContaining('has no name: the official test aborts this testcase here'), image: { id: unnamed.id, name: '' } },
    ]);
    const [strict] = checkStandardImagesV2([capi(), unnamed], { today: '2026-05-01', releases: RELEASES, testcases: [CAPI_PROPS], strictReading: true });
    expect(strict!.verdict).toBe('FAIL');
    expect(one([capi(), buildImage({ name: '', properties: {} })], '2026-05-01', CAPI_PROPS).verdict).toBe('PASS');
  });
});
