import { describe, expect, it } from 'vitest';
import type { Image } from '../../images/image.js';
import { buildImage } from '../../images/image-builder.test-util.js';
import { goodImage, runOne } from './fixtures.test-util.js';
import { genericGroups } from './uniqueness.js';

const UNIQ = 'scs-0102-os_purpose-uniqueness';
const generic = (name: string, extra: Partial<Image> = {}, props: Record<string, unknown> = {}) =>
  goodImage({ name, ...extra, properties: { os_purpose: 'generic', architecture: 'x86_64', os_distro: 'ubuntu', os_version: '24.04', ...props } });

describe('scs-0102-os_purpose-uniqueness', () => {
  it('one generic image per triple passes', () => {
    const result = runOne(UNIQ, [
      generic('Ubuntu 24.04'),
      generic('Ubuntu 22.04', {}, { os_version: '22.04' }),
      generic('Ubuntu 24.04 arm', {}, { architecture: 'aarch64' }),
    ]);
    expect(result).toMatchObject({ verdict: 'PASS', findings: [] });
    expect(result.images).toHaveLength(3);
  });

  it('two public, non-hidden generic images with the same triple fail, naming both', () => {
    const a = generic('Ubuntu 24.04');
    const b = generic('Ubuntu 24.04 20260108');
    const result = runOne(UNIQ, [a, b]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      level: 'error',
      value: { architecture: 'x86_64', os_distro: 'ubuntu', os_version: '24.04' },
      message: expect.stringContaining(
        `os_purpose=generic is not unique for architecture 'x86_64', os_distro 'ubuntu', os_version '24.04': Image 'Ubuntu 24.04' (${a.id}), Image 'Ubuntu 24.04 20260108' (${b.id})`,
      ),
    });
  });

  it('is recommended in v1 (warning) and mandatory in v2 (error)', () => {
    const images = [generic('A'), generic('B')];
    expect(runOne(UNIQ, images, { version: 'v1' })).toMatchObject({ requirement: 'recommended', verdict: 'FAIL', findings: [{ level: 'warning' }] });
    expect(runOne(UNIQ, images, { version: 'v2' })).toMatchObject({ requirement: 'mandatory', verdict: 'FAIL', findings: [{ level: 'error' }] });
  });

  it.each<[string, Partial<Image>, Record<string, unknown>]>([
    ['hidden', { hidden: true }, {}],
    ['community', { visibility: 'community' }, {}],
    ['private', { visibility: 'private' }, {}],
    ['oldgeneric', {}, { os_purpose: 'oldgeneric' }],
    ['os_purpose missing', {}, { os_purpose: undefined }],
    ['os_distro missing', {}, { os_distro: undefined }],
    ['os_version empty', {}, { os_version: '' }],
    ['another os_version', {}, { os_version: '24.10' }],
    ['another architecture', {}, { architecture: 'aarch64' }],
    ['os_version as a JSON number', {}, { os_version: 24.04 }],
  ])('an old image that is %s does not collide', (_what, extra, props) => {
    expect(runOne(UNIQ, [generic('Ubuntu 24.04'), generic('Ubuntu 24.04 old', extra, props)]).verdict).toBe('PASS');
  });

  it("a missing architecture counts as '' (and collides with an empty one)", () => {
    const groups = genericGroups([generic('A', {}, { architecture: undefined }), generic('B', {}, { architecture: '' }), generic('C')]);
    expect(groups.map((g) => [g.architecture, g.images.map((i) => i.name)])).toEqual([
      ['', ['A', 'B']],
      ['x86_64', ['C']],
    ]);
    expect(runOne(UNIQ, [generic('A', {}, { architecture: undefined }), generic('B', {}, { architecture: '' })]).verdict).toBe('FAIL');
  });

  it('reports each colliding group once', () => {
    const result = runOne(UNIQ, [
      generic('A'),
      generic('B'),
      generic('C'),
      generic('D', {}, { os_distro: 'debian' }),
      generic('E', {}, { os_distro: 'debian' }),
    ]);
    expect(result.findings.map((f) => f.message.match(/os_distro '(\w+)'/)?.[1])).toEqual(['ubuntu', 'debian']);
    expect(result.findings[0]!.message).toContain("Image 'C'");
  });

  it.each<[string, Record<string, unknown>, Partial<Image>]>([
    ['no property at all', {}, {}],
    ['os_distro only', { os_distro: 'ubuntu' }, {}],
    ['an empty os_version', { os_distro: 'ubuntu', os_version: '' }, {}],
    ['os_distro and os_version, but hidden', { os_distro: 'ubuntu', os_version: '24.04' }, { hidden: true }],
    ['os_distro and os_version, but community', { os_distro: 'ubuntu', os_version: '24.04' }, { visibility: 'community' }],
  ])('an image without custom properties that the official test skips (%s) passes, also under a shared name', (_what, attrs, extra) => {
    // the official test skips it before it reads properties.get('os_purpose'), so nothing raises
    const bare = buildImage({ name: 'Ubuntu 24.04', ...extra, properties: attrs });
    expect(runOne(UNIQ, [generic('Ubuntu 24.04'), bare])).toMatchObject({ verdict: 'PASS', findings: [] });
    expect(runOne(UNIQ, [bare])).toMatchObject({ verdict: 'PASS', findings: [] });
  });

  it('an image without custom properties that it counts ABORTs (the official test raises reading its os_purpose)', () => {
    const bare = buildImage({ name: 'Ubuntu 24.04', properties: { os_distro: 'ubuntu', os_version: '24.04' } });
    const result = runOne(UNIQ, [bare]);
    expect(result).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(result.findings[0]!.message).toContain('has no custom property at all');
    expect(runOne(UNIQ, [bare], { strictReading: true }).verdict).toBe('FAIL');
  });

  it('an unnamed image in a group that is not unique ABORTs (the official test joins the names)', () => {
    const a = generic('A');
    const unnamed = { ...generic('B'), name: '', nameMissing: true };
    expect(runOne(UNIQ, [a, unnamed])).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(runOne(UNIQ, [a]).verdict).toBe('PASS');
  });

  it('lists only the counted images', () => {
    const result = runOne(UNIQ, [generic('A'), generic('B', { hidden: true }), goodImage({ name: 'C', properties: { os_purpose: 'minimal' } })]);
    expect(result.images.map((i) => i.name)).toEqual(['A']);
  });
});
