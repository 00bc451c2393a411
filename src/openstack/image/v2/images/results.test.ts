import { describe, expect, it } from 'vitest';
import { extractImagePage, imageFromGlance, importInfoFromBody, storesFromBody } from './results.js';

/** Verbatim shape of an image as Glance (Zed) returns it, with two custom properties. */
const GLANCE_IMAGE = {
  id: '2b1c8faa-9d19-44a1-afcd-a90c030a43ad',
  name: 'Ubuntu 24.04',
  status: 'active',
  visibility: 'public',
  owner: 'fa1b26d614e14032b771a6b9b45970e3',
  disk_format: 'qcow2',
  container_format: 'bare',
  size: 11,
  virtual_size: null,
  checksum: '5eb63bbbe01eeed093cb22bb8f5acdc3',
  os_hash_algo: 'sha512',
  os_hash_value: '309ecc48',
  min_disk: 8,
  min_ram: 0,
  protected: false,
  os_hidden: false,
  tags: ['managed_by_scs'],
  created_at: '2026-11-28T10:09:20Z',
  updated_at: '2026-11-28T10:09:21Z',
  self: '/v2/images/2b1c8faa-9d19-44a1-afcd-a90c030a43ad',
  file: '/v2/images/2b1c8faa-9d19-44a1-afcd-a90c030a43ad/file',
  schema: '/v2/schemas/image',
  stores: 'store1',
  locations: [],
  direct_url: 'file:///var/lib/glance/x',
  os_distro: 'ubuntu',
  image_source: 'https://cloud-images.ubuntu.com/x.img',
  os_glance_failed_import: '',
};

describe('imageFromGlance', () => {
  it('maps known keys and collects custom properties', () => {
    expect(imageFromGlance(GLANCE_IMAGE)).toEqual({
      id: '2b1c8faa-9d19-44a1-afcd-a90c030a43ad',
      name: 'Ubuntu 24.04',
      status: 'active',
      visibility: 'public',
      hidden: false,
      owner: 'fa1b26d614e14032b771a6b9b45970e3',
      createdAt: '2026-11-28T10:09:20Z',
      updatedAt: '2026-11-28T10:09:21Z',
      minDisk: 8,
      minRam: 0,
      size: 11,
      diskFormat: 'qcow2',
      containerFormat: 'bare',
      tags: ['managed_by_scs'],
      protected: false,
      hashAlgo: 'sha512',
      hashValue: '309ecc48',
      checksumMd5: '5eb63bbbe01eeed093cb22bb8f5acdc3',
      properties: { os_distro: 'ubuntu', image_source: 'https://cloud-images.ubuntu.com/x.img', os_glance_failed_import: '' },
    });
  });

  it('tolerates nulls and missing fields (queued image, offline files)', () => {
    const img = imageFromGlance({ id: 'x', name: null, size: null, owner: null, tags: null, os_hidden: null, min_disk: '5', protected: 'true' });
    expect(img).toEqual({
      id: 'x',
      name: '',
      nameMissing: true,
      status: '',
      visibility: '',
      hidden: false,
      size: null,
      tags: [],
      minDisk: 5,
      protected: true,
      properties: {},
    });
    expect(imageFromGlance({})).toMatchObject({ id: '', name: '', nameMissing: true, tags: [], properties: {} });
    expect(imageFromGlance({ id: 'y', name: '' })).not.toHaveProperty('nameMissing');
  });

  it('never treats Glance-internal keys as properties', () => {
    const props = imageFromGlance(GLANCE_IMAGE).properties;
    for (const k of ['self', 'file', 'schema', 'stores', 'locations', 'direct_url', 'virtual_size', 'checksum']) expect(props).not.toHaveProperty(k);
  });

  it('keeps a "__proto__" property as data', () => {
    const img = imageFromGlance(JSON.parse('{"id":"x","__proto__":"p"}'));
    expect(Object.getPrototypeOf(img.properties)).toBe(Object.prototype);
    expect(Object.keys(img.properties)).toEqual(['__proto__']);
  });

  it('rejects non-objects', () => {
    expect(() => imageFromGlance(null)).toThrow(/expected a Glance image object/);
    expect(() => imageFromGlance([])).toThrow(/an array/);
  });
});

describe('page and info extraction', () => {
  it('extracts images and next', () => {
    const page = extractImagePage({ images: [GLANCE_IMAGE], first: '/v2/images?limit=1', next: '/v2/images?limit=1&marker=x', schema: '/v2/schemas/images' });
    expect(page.items).toHaveLength(1);
    expect(page.next).toBe('/v2/images?limit=1&marker=x');
    expect(extractImagePage({ images: [] })).toEqual({ items: [], next: undefined });
    expect(() => extractImagePage({})).toThrow(/no "images" array/);
  });

  it('reads import methods and stores', () => {
    expect(importInfoFromBody({ 'import-methods': { description: 'x', type: 'array', value: ['glance-direct', 'web-download'] } })).toEqual({
      importMethods: ['glance-direct', 'web-download'],
    });
    expect(storesFromBody({ stores: [{ id: 'store1', default: 'true' }, { id: 'store2' }] })).toEqual([
      { id: 'store1', isDefault: true },
      { id: 'store2', isDefault: false },
    ]);
  });
});
