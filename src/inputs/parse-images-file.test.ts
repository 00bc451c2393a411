import { describe, expect, it } from 'vitest';
import { parseImagesFile } from './parse-images-file.js';

const image = (over: Record<string, unknown> = {}) => ({ id: 'i1', name: 'Ubuntu 24.04', visibility: 'public', status: 'active', tags: [], ...over });
const parse = (data: unknown) => parseImagesFile(JSON.stringify(data), 'x.json');

describe('parseImagesFile: broken exports are bad input, never a verdict', () => {
  it('reads a Glance page and an array of pages', () => {
    expect(parse({ images: [image()] }).images.map((i) => i.name)).toEqual(['Ubuntu 24.04']);
    expect(parse([{ images: [image()], next: '/v2/images?marker=i1' }, { images: [image({ id: 'i2' })] }]).images).toHaveLength(2);
  });

  it('"images": null (or any non-list) names the field', () => {
    expect(() => parse({ images: null })).toThrow('x.json (images): "images" is null, expected the list of images of a Glance listing');
    expect(() => parse({ images: { a: 1 } })).toThrow('"images" is an object');
  });

  it('a name that is a number or an object is refused, in every export shape', () => {
    expect(() => parse({ images: [image({ name: 42 })] })).toThrow('x.json (images[0].name): an image name must be a string, not a number');
    expect(() => parse([image({ name: { a: 1 } })])).toThrow('x.json ([0].name): an image name must be a string, not an object');
    expect(() => parse([{ ID: 'i1', Name: 7, Visibility: 'public' }])).toThrow('x.json ([0].Name): an image name must be a string, not a number');
    expect(parse({ images: [image({ name: null })] }).images[0]!.name).toBe('');
  });

  it('a page that links to a next page is an incomplete listing', () => {
    expect(() => parse({ images: [image()], next: '/v2/images?marker=i1' })).toThrow('x.json (next): the listing is incomplete');
    expect(() =>
      parse([
        { images: [image()], next: '/a' },
        { images: [], next: '/b' },
      ]),
    ).toThrow('x.json ([1].next): the listing is incomplete');
  });

  it('plain `openstack image list -f json` (no visibility) is refused with the exports that work, not judged', () => {
    const plain = [
      { ID: 'i1', Name: 'Ubuntu 24.04', Status: 'active' },
      { ID: 'i2', Name: 'Debian 12', Status: 'active' },
    ];
    expect(() => parse(plain)).toThrow(/x\.json \(\[0\]\.Visibility\): this export has no visibility .*`openstack image list --long -f json`.*--cloud/);
    expect(parse(plain.map((r) => ({ ...r, Visibility: 'public' }))).images.map((i) => i.visibility)).toEqual(['public', 'public']);
  });
});
