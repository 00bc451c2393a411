import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diskImageProblems, inspectDiskImage, INSPECT_BYTES } from './inspect-disk-image.js';

// Real images made by qemu-img (qemu-utils: installed by npm test and CI), plus hand-edited headers.
let dir: string;
const qemu = (...args: string[]) => execFileSync('qemu-img', args, { cwd: dir, stdio: 'pipe' });
function head(file: string): Uint8Array {
  const buf = Buffer.alloc(INSPECT_BYTES);
  const fd = openSync(path.join(dir, file), 'r');
  const n = readSync(fd, buf, 0, INSPECT_BYTES, 0);
  closeSync(fd);
  return buf.subarray(0, n);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scs-disk-'));
  qemu('create', '-q', '-f', 'qcow2', 'plain.qcow2', '1M');
  qemu('create', '-q', '-f', 'qcow2', '-o', 'compat=0.10', 'v2.qcow2', '1M');
  qemu('create', '-q', '-f', 'qcow2', '-b', 'plain.qcow2', '-F', 'qcow2', 'backed.qcow2');
  qemu('create', '-q', '-f', 'qcow2', '-o', 'data_file=data.raw', 'external.qcow2', '1M');
  qemu('create', '-q', '-f', 'raw', 'disk.raw', '1M');
  qemu('create', '-q', '-f', 'vmdk', '-o', 'subformat=monolithicSparse', 'mono.vmdk', '1M');
  qemu('create', '-q', '-f', 'vmdk', '-o', 'subformat=streamOptimized', 'stream.vmdk', '1M');
  qemu('create', '-q', '-f', 'vmdk', '-o', 'subformat=twoGbMaxExtentSparse', 'split.vmdk', '1M');
  qemu('create', '-q', '-f', 'vmdk', '-o', 'subformat=monolithicFlat', 'flat.vmdk', '1M');
  qemu('create', '-q', '-f', 'vpc', 'disk.vhd', '1M');
  qemu('create', '-q', '-f', 'vhdx', 'disk.vhdx', '1M');
  // hand-edited headers: a monolithicSparse VMDK whose embedded descriptor names a second extent,
  // and a qcow2 with an incompatible feature bit nobody knows
  const mono = Buffer.from(head('mono.vmdk'));
  const text = mono.toString('latin1');
  const at = text.indexOf('RW 2048 SPARSE');
  const line = 'RW 2048 SPARSE "mono.vmdk"\nRW 2048 FLAT "/etc/shadow" 0\n';
  mono.write(line, at, 'latin1');
  writeFileSync(path.join(dir, 'two-extents.vmdk'), mono);
  const q = Buffer.from(head('plain.qcow2'));
  q[72] = 0x80;
  writeFileSync(path.join(dir, 'unknown-feature.qcow2'), q);
  // an ISO 9660 signature at 0x8001
  const iso = Buffer.alloc(0x9000);
  iso.write('CD001', 0x8001, 'latin1');
  writeFileSync(path.join(dir, 'disk.iso'), iso);
});

describe('inspectDiskImage: real format and unsafe constructs', () => {
  it.each([
    ['plain.qcow2', 'qcow2'],
    ['v2.qcow2', 'qcow2'],
    ['disk.raw', 'raw'],
    ['mono.vmdk', 'vmdk'],
    ['stream.vmdk', 'vmdk'],
    ['disk.vhd', 'vhd'],
    ['disk.vhdx', 'vhdx'],
    ['disk.iso', 'iso'],
  ])('%s is a safe %s', (file, format) => {
    expect(inspectDiskImage(head(file))).toEqual({ format, problems: [] });
  });

  it.each([
    ['backed.qcow2', /backing file/],
    ['external.qcow2', /external data file/],
    ['unknown-feature.qcow2', /unknown incompatible features/],
    ['split.vmdk', /descriptor file|other files/],
    ['flat.vmdk', /descriptor file/],
    ['two-extents.vmdk', /2 extents/],
  ])('%s is refused', (file, problem) => {
    expect(inspectDiskImage(head(file)).problems.join('; ')).toMatch(problem);
  });

  it('the split VMDK data file itself is not self-contained either', () => {
    expect(inspectDiskImage(head('split-s001.vmdk')).problems.join('; ')).toMatch(/createType/);
  });
});

describe('diskImageProblems: declared disk_format against the bytes', () => {
  it('a qcow2 declared raw, a raw declared qcow2, an iso declared raw are refused', () => {
    expect(diskImageProblems('raw', head('plain.qcow2'))).toEqual(['declared disk_format raw, but the image is qcow2']);
    expect(diskImageProblems('qcow2', head('disk.raw'))).toEqual(['declared disk_format qcow2, but the image is raw']);
    expect(diskImageProblems('raw', head('disk.iso'))).toEqual(['declared disk_format raw, but the image is iso']);
  });
  it('matching formats pass; a mismatch and an unsafe construct are both named', () => {
    expect(diskImageProblems('qcow2', head('plain.qcow2'))).toEqual([]);
    expect(diskImageProblems('vmdk', head('mono.vmdk'))).toEqual([]);
    expect(diskImageProblems('raw', head('backed.qcow2'))).toHaveLength(2);
  });
  it('formats it does not inspect are left alone', () => {
    expect(diskImageProblems('ami', head('plain.qcow2'))).toEqual([]);
  });
});
