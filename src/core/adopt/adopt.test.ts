import { describe, expect, it } from 'vitest';
import { RELEASES } from '../releases/fixtures.test-util.js';
import type { Image } from '../images/image.js';
import { definition, NOW, PROJECT, TAG, version } from '../plan/fixtures.test-util.js';
import { planImages } from '../plan/plan-images.js';
import { adoptImages, splitName } from './build-definitions.js';
import { parseSet, parseValuesFile, valuesPerImage } from './given-values.js';
import { dateInName, distroIn, inferImage } from './infer-values.js';
import { planFix } from './plan-fix.js';

const image = (name: string, properties: Record<string, unknown> = {}, over: Partial<Image> = {}): Image => ({
  id: `id-${name}`,
  name,
  status: 'active',
  visibility: 'public',
  hidden: false,
  owner: PROJECT,
  createdAt: '2026-02-01T10:00:00Z',
  minDisk: 0,
  minRam: 512,
  size: 20 * 1024 ** 2,
  diskFormat: 'qcow2',
  tags: [],
  properties,
  ...over,
});

describe('names and distros', () => {
  it('splits versioned names the way the definitions name them back', () => {
    expect(splitName('ubuntu-noble-20240423')).toEqual({ family: 'ubuntu-noble', separator: '-', multi: false, version: '20240423' });
    expect(splitName('Debian 12 (20240211)')).toEqual({ family: 'Debian 12', separator: ' ', multi: true, version: '20240211' });
    expect(splitName('cirros-0.6.2')).toMatchObject({ family: 'cirros', version: '0.6.2', multi: false });
    expect(splitName('Ubuntu 24.04 LTS')).toEqual({ family: 'Ubuntu 24.04 LTS', separator: ' ', multi: true });
  });

  it('reads distro and version from names, codenames and URLs', () => {
    expect(distroIn('Ubuntu 24.04 LTS', RELEASES, 'n')).toMatchObject({ distro: 'ubuntu', version: '24.04', codename: 'noble' });
    expect(distroIn('ubuntu-noble-20240423', RELEASES, 'n')).toMatchObject({ distro: 'ubuntu', version: '24.04' });
    expect(distroIn('Debian12', RELEASES, 'n')).toMatchObject({ distro: 'debian', version: '12', codename: 'bookworm' });
    expect(distroIn('CentOS Stream 9', RELEASES, 'n')).toMatchObject({ distro: 'centos', version: '9' });
    expect(distroIn('my-app-image', RELEASES, 'n')).toBeUndefined();
    expect(dateInName('ubuntu-jammy-amd64-20240301')).toBe('20240301');
    expect(dateInName('Ubuntu 24.04')).toBeUndefined();
  });
});

describe('inferImage', () => {
  it('proposes the vendor URL only with codename, build date and amd64', () => {
    const inf = inferImage(image('ubuntu-noble-20240423', { hw_architecture: 'x86_64' }), RELEASES);
    expect(inf.missing).toEqual({});
    expect(inf.values['image_source']).toMatchObject({
      value: 'https://cloud-images.ubuntu.com/noble/20240423/noble-server-cloudimg-amd64.img',
      origin: 'inferred',
    });
    expect(inf.values['image_build_date']?.value).toBe('2024-04-23');
    expect(inf.values['provided_until']?.value).toBe('2029-05-31');
  });

  it('refuses to guess the architecture or the origin', () => {
    const inf = inferImage(image('Ubuntu 24.04 LTS'), RELEASES);
    expect(Object.keys(inf.missing).sort()).toEqual(['architecture', 'image_source']);
    expect(inf.values['os_distro']).toMatchObject({ value: 'ubuntu', origin: 'inferred' });
    expect(inf.values['image_build_date']).toMatchObject({ value: '2026-02-01' });
  });

  it('does not infer a distro when the name and image_source disagree', () => {
    const inf = inferImage(
      image('ubuntu-custom', { image_source: 'https://cloud.debian.org/images/cloud/bookworm/x/debian-12-genericcloud-amd64.qcow2' }),
      RELEASES,
    );
    expect(inf.missing['os_distro']).toBe('the name names ubuntu but image_source names debian');
    expect(inf.values['os_distro']).toBeUndefined();
  });

  it('takes given values over everything, and keeps what the image carries', () => {
    const inf = inferImage(image('x', { os_distro: 'debian' }), RELEASES, { architecture: 'aarch64' });
    expect(inf.values['architecture']).toMatchObject({ value: 'aarch64', origin: 'given' });
    expect(inf.values['os_distro']).toMatchObject({ value: 'debian', origin: 'found' });
  });
});

describe('adoptImages → planImages', () => {
  const imgs = [
    image('Debian 12 (20240211)', { image_source: 'https://cloud.debian.org/images/cloud/bookworm/20240211-1654/debian-12-genericcloud-amd64.qcow2' }),
    image('Debian 12', {
      image_source: 'https://cloud.debian.org/images/cloud/bookworm/20240611-1773/debian-12-genericcloud-amd64.qcow2',
      internal_version: '20240611',
    }),
    image('Debian12'),
  ];

  it('groups a family, keeps the names, leaves out what needs values', () => {
    const r = adoptImages({ images: imgs, releases: RELEASES, managedTag: TAG });
    expect(r.definitions.map((d) => d.name)).toEqual(['Debian 12']);
    expect(((r.definitions[0]?.image['versions'] ?? []) as { version: string; id: string }[]).map((v) => [v.version, v.id])).toEqual([
      ['20240211', 'id-Debian 12 (20240211)'],
      ['20240611', 'id-Debian 12'],
    ]);
    expect(r.needsValues.map((n) => n.image.name)).toEqual(['Debian12']);
  });

  it('a version naming an untagged image by id is adopted: tag and properties, no import, no rename', () => {
    const def = definition('Debian 12', ['20240211', '20240611'], {
      versions: [version('20240211', { id: 'id-Debian 12 (20240211)', hidden: false }), version('20240611', { id: 'id-Debian 12', hidden: false })],
    });
    const plan = planImages({ definitions: [def], images: imgs, now: NOW, ownerProjectId: PROJECT, cloud: { name: 'c' } });
    expect(plan.changes.map((c) => c.action)).toEqual(['adopt', 'adopt']);
    for (const c of plan.changes) {
      if (c.action !== 'adopt') throw new Error('not an adoption');
      expect(c.after.tags).toContain(TAG);
      expect(c.after.name).toBeUndefined();
    }
    expect(plan.unmanagedImageIds).toEqual(['id-Debian 12', 'id-Debian 12 (20240211)']);
  });

  it("another project's image named by id is neither adopted nor imported", () => {
    const def = definition('Debian 12', ['20240611'], { versions: [version('20240611', { id: 'id-Debian 12' })] });
    const foreign = imgs.map((i) => ({ ...i, owner: 'p-other' }));
    const plan = planImages({ definitions: [def], images: foreign, now: NOW, ownerProjectId: PROJECT, cloud: { name: 'c' } });
    expect(plan.changes).toEqual([]);
    expect(plan.notes.join('\n')).toContain('another project owns');
  });
});

describe('planFix', () => {
  it('writes only absent properties, raises min_disk from the size, leaves managed and foreign images alone', () => {
    const own = image('ubuntu-noble-20240423', { hw_architecture: 'x86_64', os_distro: 'ubuntu' });
    const managed = image('Managed', {}, { tags: [TAG] });
    const foreign = image('Theirs', {}, { owner: 'p-other' });
    const { plan, needsValues } = planFix({
      images: [own, managed, foreign],
      managed: [managed],
      releases: RELEASES,
      ownerProjectId: PROJECT,
      tag: TAG,
      now: NOW,
      cloud: { name: 'c' },
    });
    expect(needsValues).toEqual([]);
    expect(plan.changes).toHaveLength(1);
    const c = plan.changes[0];
    if (c?.action !== 'update') throw new Error('expected an update');
    expect(c.after.minDisk).toBe(1);
    expect(c.after.properties?.['os_distro']).toBeUndefined();
    expect(c.after.properties?.['os_version']).toBe('24.04');
    expect(plan.unmanagedImageIds).toEqual([own.id]);
    expect(plan.notes.join('\n')).toMatch(/managed.*definition[\s\S]*another project|another project[\s\S]*managed/);
  });
});

describe('given values', () => {
  it('parses --set and a values file, and names the field of bad input', () => {
    expect(parseSet('os_distro=ubuntu')).toEqual(['os_distro', 'ubuntu']);
    expect(() => parseSet('os_distro')).toThrow(/KEY=VALUE/);
    expect(() => parseSet('os_hash_value=x')).toThrow(/Glance itself/);
    expect(parseValuesFile('Debian12:\n  architecture: x86_64\n', 'v.yml')).toEqual({ Debian12: { architecture: 'x86_64' } });
    expect(() => parseValuesFile('Debian12:\n  Bad-Key: 1\n', 'v.yml')).toThrow(/v\.yml:2:\d+.*Debian12\.Bad-Key/);
    expect(() => valuesPerImage([image('a')], { values: { nope: { x: '1' } }, name: 'v.yml' }, [], [])).toThrow(/nope/);
  });
});
