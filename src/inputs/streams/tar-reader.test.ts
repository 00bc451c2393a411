import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TarDiskReader, unsafePath } from './tar-reader.js';

const run = promisify(execFile);

/** One ustar header (+ body + padding), as GNU tar and Python's tarfile write them. */
function entry(name: string, body: Buffer | string = '', type = '0', opts: { linkname?: string; prefix?: string } = {}): Buffer {
  const data = Buffer.from(body);
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  if (opts.linkname) h.write(opts.linkname, 157, 100);
  h.write('ustar\x0000', 257, 'latin1');
  if (opts.prefix) h.write(opts.prefix, 345, 155);
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}
const pax = (records: Record<string, string>): Buffer => {
  const body = Object.entries(records)
    .map(([k, v]) => {
      const rest = ` ${k}=${v}\n`;
      let len = rest.length + 1;
      while (String(len).length + rest.length !== len) len = String(len).length + rest.length;
      return `${len}${rest}`;
    })
    .join('');
  return entry('PaxHeader', body, 'x');
};
const END = Buffer.alloc(1024);

/** Reads `tar` through the reader in chunks of `chunk` bytes. */
async function extract(tar: Buffer, chunk = 700): Promise<{ out: Buffer; reader: TarDiskReader }> {
  const reader = new TarDiskReader();
  const parts: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunk) parts.push(tar.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const c of Readable.from(parts).pipe(reader)) out.push(c as Buffer);
  return { out: Buffer.concat(out), reader };
}

describe('TarDiskReader', () => {
  const disk = randomBytes(5000);

  it('passes on the one disk image, skipping directories and other files, whatever the chunking', async () => {
    const tar = Buffer.concat([
      entry('dir/', '', '5'),
      entry('README.txt', 'hello'),
      entry('dir/disk.qcow2', disk),
      entry('SHA256SUMS', 'x'),
      END,
      Buffer.alloc(9000),
    ]);
    for (const chunk of [1, 511, 512, 513, 4096, tar.length]) {
      const { out, reader } = await extract(tar, chunk);
      expect(out.equals(disk), `chunk ${chunk}`).toBe(true);
      expect(reader.disk).toEqual({ path: 'dir/disk.qcow2', size: 5000 });
      expect(reader.skipped).toEqual(['README.txt', 'SHA256SUMS']);
    }
  });

  it('reads pax paths and sizes, GNU long names and the ustar prefix', async () => {
    const long = `${'d'.repeat(120)}/image.raw`;
    expect((await extract(Buffer.concat([pax({ path: long }), entry('short', disk), END]))).reader.disk?.path).toBe(long);
    expect((await extract(Buffer.concat([entry('././@LongLink', `${long}\0`, 'L'), entry('short', disk), END]))).reader.disk?.path).toBe(long);
    expect((await extract(Buffer.concat([entry('image.img', disk, '0', { prefix: 'some/dir' }), END]))).reader.disk?.path).toBe('some/dir/image.img');
  });

  it('reads what GNU tar writes (gnu and pax formats), with a name longer than 100 characters', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tar-reader-'));
    const name = `${'n'.repeat(110)}.qcow2`;
    await writeFile(path.join(dir, name), disk);
    for (const format of ['gnu', 'pax']) {
      const file = path.join(dir, `${format}.tar`);
      await run('tar', ['-C', dir, `--format=${format}`, '-cf', file, name]);
      const { out, reader } = await extract(await readFile(file), 10_000);
      expect(out.equals(disk)).toBe(true);
      expect(reader.disk?.path).toBe(name);
    }
  });

  it.each([
    ['two disk images', Buffer.concat([entry('a.qcow2', disk), entry('b.raw', disk), END]), /more than one disk image \(a\.qcow2, b\.raw\)/],
    ['no disk image', Buffer.concat([entry('README', 'x'), END]), /holds no disk image.*README/],
    ['a symbolic link', Buffer.concat([entry('disk.qcow2', '', '2', { linkname: '/etc/passwd' }), END]), /a symbolic link \("disk\.qcow2"\)/],
    ['a hard link', Buffer.concat([entry('a.qcow2', disk), entry('b', '', '1', { linkname: 'a.qcow2' }), END]), /a hard link/],
    ['a ../ path', Buffer.concat([entry('../disk.qcow2', disk), END]), /a path with \.\. \("\.\.\/disk\.qcow2"/],
    ['a ../ path in a directory', Buffer.concat([entry('x/../../', '', '5'), entry('disk.qcow2', disk), END]), /a path with \.\./],
    ['an absolute path', Buffer.concat([entry('/tmp/disk.qcow2', disk), END]), /an absolute path/],
    ['an absolute pax path', Buffer.concat([pax({ path: '/etc/disk.qcow2' }), entry('disk.qcow2', disk), END]), /an absolute path \("\/etc\/disk\.qcow2"/],
    ['a device', Buffer.concat([entry('sda', '', '4'), END]), /a block device/],
    [
      'a damaged header',
      (() => {
        const t = Buffer.concat([entry('disk.qcow2', disk), END]);
        t[10] = 65;
        return t;
      })(),
      /damaged tar header at byte 0/,
    ],
    ['no tar at all', Buffer.alloc(2048, 7), /not a ustar\/pax\/GNU tar archive/],
    ['a truncated archive', entry('disk.qcow2', disk).subarray(0, 3000), /truncated/],
    ['data after the end', Buffer.concat([entry('disk.qcow2', disk), END, entry('evil.qcow2', disk)]), /data after the end of the tar archive/],
  ])('refuses %s', async (_what, tar, message) => {
    await expect(extract(tar)).rejects.toThrow(message);
  });

  it('holds the disk image back until the archive was read to its end: a bad entry after it ends the output with an error, never with the image', async () => {
    const reader = new TarDiskReader();
    const got: Buffer[] = [];
    reader.on('data', (c: Buffer) => got.push(c));
    const done = new Promise<Error | undefined>((resolve) => {
      reader.on('error', resolve);
      reader.on('end', () => resolve(undefined));
    });
    reader.end(Buffer.concat([entry('disk.qcow2', disk), entry('link', '', '2', { linkname: 'x' }), END]));
    expect(await done).toBeInstanceOf(Error);
    expect(Buffer.concat(got).length).toBeLessThan(disk.length);
  });

  it('unsafePath', () => {
    expect(unsafePath('a/b.qcow2')).toBeUndefined();
    expect(unsafePath('./a..b/c.qcow2')).toBeUndefined();
    expect(unsafePath('a/../b')).toBe('a path with ..');
    expect(unsafePath('C:\\x')).toBe('an absolute path');
  });

  it('sha256 of what GNU tar packs equals the file (a sanity check of the whole path)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tar-reader-'));
    await writeFile(path.join(dir, 'disk.raw'), disk);
    await symlink('disk.raw', path.join(dir, 'alias.raw'));
    await run('tar', ['-C', dir, '-cf', path.join(dir, 'one.tar'), 'disk.raw']);
    const { out } = await extract(await readFile(path.join(dir, 'one.tar')), 3333);
    expect(createHash('sha256').update(out).digest('hex')).toBe(createHash('sha256').update(disk).digest('hex'));
    await run('tar', ['-C', dir, '-cf', path.join(dir, 'link.tar'), 'disk.raw', 'alias.raw']);
    await expect(extract(await readFile(path.join(dir, 'link.tar')))).rejects.toThrow(/a symbolic link \("alias\.raw"\)/);
  });
});
