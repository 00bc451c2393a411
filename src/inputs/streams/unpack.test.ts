import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bombGuard, DEFAULT_UNPACK_LIMITS, packingOf, unpack, UnpackError, unpackLimitsFromEnv } from './unpack.js';

const collect = async (s: AsyncIterable<Buffer>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c);
  return Buffer.concat(parts);
};

/** `cmd args` with `input` on stdin, its stdout as a Buffer. */
function pack(cmd: string, args: string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { encoding: 'buffer', maxBuffer: 1 << 28 }, (e, out) => (e ? reject(e) : resolve(out)));
    child.stdin?.end(input);
  });
}

describe('packingOf', () => {
  it.each([
    ['https://github.com/gardenlinux/gardenlinux/releases/download/1877.5/openstack-gardener_prod-amd64-1877.5-7a907e4e.tar.xz', 'tar.xz'],
    ['https://factory.talos.dev/image/3765/v1.11.3/openstack-amd64.raw.xz', 'xz'],
    ['https://mirror.ams1.nl.leaseweb.net/opnsense/releases/25.7/OPNsense-25.7-nano-amd64.img.bz2', 'bz2'],
    ['https://x/a.qcow2.gz?sig=1', 'gz'],
    ['https://x/a.raw.zst#frag', 'zst'],
    ['https://x/a.tgz', 'tar.gz'],
    ['https://x/a.tar', 'tar'],
    ['/abs/path/disk.img.XZ', 'xz'],
  ])('%s is %s', (url, label) => expect(packingOf(url)?.label).toBe(label));

  it.each([
    'https://x/noble-server-cloudimg-amd64.img',
    'https://nbg1.your-objectstorage.com/osism/openstack-images/talos/1.11.3/openstack-amd64',
    'https://x/a.xz/disk.qcow2',
    'https://x/a.qcow2?f=b.xz',
  ])('%s is not packed', (url) => expect(packingOf(url)).toBeUndefined());
});

describe('unpack', () => {
  const disk = randomBytes(300_000);
  const limits = { ...DEFAULT_UNPACK_LIMITS };

  it.each([
    ['xz', ['-c']],
    ['bzip2', ['-c']],
    ['zstd', ['-cq']],
  ] as const)('decompresses %s through the system tool', async (cmd, args) => {
    const packed = await pack(cmd, [...args], disk);
    const label = cmd === 'bzip2' ? 'bz2' : cmd === 'zstd' ? 'zst' : 'xz';
    const out = await collect(unpack(Readable.from([packed]), packingOf(`x.raw.${label}`)!, { limits, compressedSize: packed.length }).body);
    expect(out.equals(disk)).toBe(true);
  });

  it('decompresses gzip with zlib', async () => {
    const packed = gzipSync(disk);
    expect((await collect(unpack(Readable.from([packed]), packingOf('a.gz')!, { limits, compressedSize: undefined }).body)).equals(disk)).toBe(true);
  });

  it("fails with the decompressor's complaint on damaged input", async () => {
    const packed = await pack('xz', ['-c'], disk);
    packed[packed.length >> 1] = (packed[packed.length >> 1] ?? 0) ^ 0xff;
    await expect(collect(unpack(Readable.from([packed]), packingOf('a.xz')!, { limits, compressedSize: packed.length }).body)).rejects.toThrow(
      /xz failed \(exit 1\)/,
    );
  });

  it('stops the decompressor when the reader goes away', async () => {
    const packed = await pack('xz', ['-c'], Buffer.alloc(50 * 1024 * 1024));
    const { body } = unpack(Readable.from([packed]), packingOf('a.xz')!, { limits, compressedSize: packed.length });
    for await (const _c of body) break;
    expect(body.destroyed).toBe(true);
  });
});

describe('bomb guard', () => {
  const zeros = (n: number): Buffer[] => Array.from({ length: n }, () => Buffer.alloc(64 * 1024));

  it('refuses more than the ratio allows, past the floor', async () => {
    const guard = bombGuard({ maxBytes: 1e12, maxRatio: 10, ratioFloorBytes: 1024 * 1024 }, () => 100_000);
    await expect(collect(Readable.from(zeros(100)).pipe(guard))).rejects.toThrow(
      /more than 10 times its 100000 compressed bytes .*refused as a decompression bomb/,
    );
  });

  it('lets small files compress as well as they like (the floor), and what stays within the ratio', async () => {
    const small = bombGuard({ maxBytes: 1e12, maxRatio: 10, ratioFloorBytes: 8 * 1024 * 1024 }, () => 1);
    expect((await collect(Readable.from(zeros(100)).pipe(small))).length).toBe(100 * 64 * 1024);
    const fair = bombGuard({ maxBytes: 1e12, maxRatio: 10, ratioFloorBytes: 0 }, () => 700 * 1024);
    expect((await collect(Readable.from(zeros(100)).pipe(fair))).length).toBe(100 * 64 * 1024);
  });

  it('refuses more than the absolute cap whatever the ratio', async () => {
    const guard = bombGuard({ maxBytes: 1024 * 1024, maxRatio: 1000, ratioFloorBytes: 0 }, () => 1e9);
    await expect(collect(Readable.from(zeros(17)).pipe(guard))).rejects.toThrow(/more than 1048576 bytes \(the limit\)/);
  });

  it('a real xz bomb is cut off long before it is decompressed', async () => {
    const packed = await pack('xz', ['-c'], Buffer.alloc(64 * 1024 * 1024)); // ~10 KB
    const { body } = unpack(Readable.from([packed]), packingOf('a.raw.xz')!, {
      limits: { maxBytes: 1e12, maxRatio: 100, ratioFloorBytes: 1024 * 1024 },
      compressedSize: packed.length,
    });
    const err = await collect(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnpackError);
    expect(String(err)).toMatch(/decompression bomb/);
  });

  it('limits from the environment', () => {
    expect(unpackLimitsFromEnv({})).toEqual(DEFAULT_UNPACK_LIMITS);
    expect(unpackLimitsFromEnv({ SCS_IMAGES_MAX_UNPACK_RATIO: '20', SCS_IMAGES_MAX_UNPACKED_BYTES: '1000' })).toMatchObject({ maxRatio: 20, maxBytes: 1000 });
    expect(() => unpackLimitsFromEnv({ SCS_IMAGES_MAX_UNPACK_RATIO: 'lots' })).toThrow(/SCS_IMAGES_MAX_UNPACK_RATIO="lots" is not a positive number/);
  });
});
