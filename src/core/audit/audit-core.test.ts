import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { compareWithGlance } from './compare.js';
import { locateManifest } from './locate-manifest.js';

const img = (properties: Record<string, unknown>, extra = {}) => buildImage({ name: 'x', properties, ...extra });

describe('locateManifest', () => {
  it('finds the manifest next to the file, by the handler of its host', () => {
    expect(locateManifest(img({ image_source: 'https://cloud-images.ubuntu.com/noble/20261120/noble-server-cloudimg-amd64.img' }))).toEqual({
      kind: 'found',
      lookups: [
        {
          distribution: 'ubuntu',
          manifestUrl: 'https://cloud-images.ubuntu.com/noble/20261120/SHA256SUMS',
          file: 'noble-server-cloudimg-amd64.img',
          fileUrl: 'https://cloud-images.ubuntu.com/noble/20261120/noble-server-cloudimg-amd64.img',
          moving: false,
          perFile: false,
        },
      ],
    });
    const centos = locateManifest(
      img({ image_source: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-20261101.0.x86_64.qcow2' }),
    );
    expect(centos).toMatchObject({
      kind: 'found',
      lookups: [{ distribution: 'centos-stream', manifestUrl: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CHECKSUM' }],
    });
  });

  it("finds OSISM's CAPI checksum file beside the image (not Ubuntu's SHA256SUMS, though the name starts with ubuntu)", () => {
    const source = 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.33/ubuntu-2404-kube-v1.33.9.qcow2';
    expect(locateManifest(img({ image_source: source, os_distro: 'ubuntu' }, { name: 'ubuntu-capi-image-v1.33.9' }))).toEqual({
      kind: 'found',
      lookups: [
        {
          distribution: 'osism-capi',
          manifestUrl: `${source}.CHECKSUM`,
          file: 'ubuntu-2404-kube-v1.33.9.qcow2',
          fileUrl: source,
          moving: false,
          perFile: true,
        },
      ],
    });
  });

  it("a CAPI series file (no patch version) is overwritten by each release: moving, so a mismatch means 'newer build'", () => {
    const source = 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.33/ubuntu-2404-kube-v1.33.qcow2';
    expect(locateManifest(img({ image_source: source }))).toMatchObject({
      kind: 'found',
      lookups: [{ distribution: 'osism-capi', moving: true, perFile: true }],
    });
  });

  it('tries the dated build folder that internal_version names before a moving folder (Debian adds it to the file name)', () => {
    const r = locateManifest(
      img({ image_source: 'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-generic-amd64.qcow2', internal_version: '20261120-2300' }),
    );
    expect(r).toMatchObject({
      kind: 'found',
      lookups: [
        {
          manifestUrl: 'https://cloud.debian.org/images/cloud/trixie/20261120-2300/SHA512SUMS',
          file: 'debian-13-generic-amd64-20261120-2300.qcow2',
          moving: false,
        },
        { manifestUrl: 'https://cloud.debian.org/images/cloud/trixie/latest/SHA512SUMS', file: 'debian-13-generic-amd64.qcow2', moving: true },
      ],
    });
    // an internal_version that names no dated folder is not used
    expect(locateManifest(img({ image_source: 'https://cloud.debian.org/images/cloud/trixie/latest/x.qcow2', internal_version: 'v13' }))).toMatchObject({
      lookups: [{ moving: true }],
    });
  });

  it.each([
    [{}, /has no image_source/],
    [{ image_source: 'private' }, /not an http\(s\) URL/],
    [{ image_source: 'https://example.com/images/x.qcow2' }, /no checksum manifest is known for example\.com/],
    [{ image_source: 'https://cloud-images.ubuntu.com/noble/' }, /not of a directory/],
  ])('says why there is none: %j', (properties, why) => {
    const r = locateManifest(img(properties));
    expect(r.kind).toBe('none');
    expect(r.kind === 'none' && r.reason).toMatch(why);
  });
});

describe('compareWithGlance', () => {
  const sha512 = { algorithm: 'sha512' as const, hex: 'a'.repeat(128) };
  it('decides by os_hash_value or the md5 checksum when the algorithm is the manifest’s', () => {
    expect(compareWithGlance(img({}, { hashAlgo: 'sha512', hashValue: 'A'.repeat(128), size: 5 }), sha512).kind).toBe('verified');
    expect(compareWithGlance(img({}, { hashAlgo: 'sha512', hashValue: 'b'.repeat(128), size: 5 }), sha512)).toMatchObject({
      kind: 'mismatch',
      actual: 'b'.repeat(128),
    });
    expect(compareWithGlance(img({}, { hashAlgo: 'sha512', checksumMd5: 'c'.repeat(32), size: 5 }), { algorithm: 'md5', hex: 'c'.repeat(32) }).kind).toBe(
      'verified',
    );
  });
  it('needs a read-back for another algorithm, and has nothing to compare without data', () => {
    expect(compareWithGlance(img({}, { hashAlgo: 'sha512', hashValue: 'a', size: 5 }), { algorithm: 'sha256', hex: 'd'.repeat(64) })).toMatchObject({
      kind: 'needs-read',
    });
    expect(compareWithGlance(img({}, { status: 'queued', size: null }), sha512)).toMatchObject({ kind: 'no-data' });
  });
});
