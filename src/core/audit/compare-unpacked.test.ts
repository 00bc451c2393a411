import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { unpackedLinkProperties } from '../images/unpacked-link.js';
import { compareUnpacked } from './compare.js';

const FILE256 = 'a'.repeat(64);
const FILE512 = 'b'.repeat(128);
const CONTENT512 = 'c'.repeat(128);
const link = unpackedLinkProperties('tar.xz', { sha256: FILE256, sha512: FILE512 }, { sha256: 'd'.repeat(64), sha512: CONTENT512 }, 'disk.raw');
const img = (properties: Record<string, unknown>, hashValue = CONTENT512) =>
  buildImage({ name: 'x', status: 'active', size: 10, hashAlgo: 'sha512', hashValue, properties });

describe('compareUnpacked', () => {
  it('leaves images without the record to compareWithGlance', () => {
    expect(compareUnpacked(img({}), { algorithm: 'sha512', hex: CONTENT512 })).toBeUndefined();
  });

  it('verifies through the recorded file hash and the content hash Glance confirms', () => {
    expect(compareUnpacked(img(link), { algorithm: 'sha256', hex: FILE256 })).toMatchObject({
      kind: 'verified',
      how: expect.stringMatching(
        /tar\.xz file's sha256 recorded at import .* matches the manifest, and Glance's os_hash_value is the sha512 .*entry disk\.raw/,
      ),
    });
    // Debian publishes sha512 of its .tar.xz
    expect(compareUnpacked(img(link), { algorithm: 'sha512', hex: FILE512 })).toMatchObject({ kind: 'verified' });
  });

  it('a manifest naming another file is a mismatch; so is an image whose bytes changed since the import', () => {
    expect(compareUnpacked(img(link), { algorithm: 'sha256', hex: 'e'.repeat(64) })).toMatchObject({ kind: 'mismatch', actual: FILE256 });
    expect(compareUnpacked(img(link, 'f'.repeat(128)), { algorithm: 'sha256', hex: FILE256 })).toMatchObject({
      kind: 'mismatch',
      expected: { algorithm: 'sha512', hex: CONTENT512 },
    });
  });

  it('unverifiable without the hash in the manifest algorithm, or without data', () => {
    expect(compareUnpacked(img(link), { algorithm: 'md5', hex: '0'.repeat(32) })).toMatchObject({
      kind: 'no-data',
      why: expect.stringMatching(/md5 was not recorded/),
    });
    expect(compareUnpacked(buildImage({ name: 'x', status: 'queued', properties: link }), { algorithm: 'sha256', hex: FILE256 })).toMatchObject({
      kind: 'no-data',
    });
  });
});
