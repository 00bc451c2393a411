/**
 * A streaming reader for a tarball that holds one disk image (Garden Linux ships its OpenStack
 * image as `*.tar.xz` around one `.qcow2`): it passes on the bytes of that one file and nothing
 * else, and fails on anything that makes the archive ambiguous or unsafe. ustar, pax (`x`/`g`
 * headers: `path`, `linkpath`, `size`) and GNU long names (`L`) are read; base-256 sizes too.
 *
 * Written here (about 200 lines) rather than taken from npm: a general extractor (tar-stream,
 * node-tar) parses more than an import needs (sparse files, links, devices, attributes), and all
 * of that would have to be refused again; this one knows only what it accepts. Pure streaming: one
 * Transform, no buffering beyond one 512-byte header (or one pax/long-name record, bounded).
 *
 * Bad input (a TarError, with what and where):
 * - more than one disk image (a regular file named `.qcow2`, `.raw`, `.img`, `.vmdk`, `.vhd`,
 *   `.vhdx`, `.vdi`, `.iso`), or none;
 * - links (hard or symbolic), devices, FIFOs, GNU sparse or volume entries: anything but regular
 *   files and directories;
 * - a path that is absolute or has a `..` component (in any entry, pax `path` included);
 * - a damaged header (checksum), a truncated archive, or data other than zeros after its end.
 *
 * Other regular files (a README, a checksum file) are read past and named in `skipped`. The disk's
 * last chunk is held back until the whole archive has been read and found good: whoever uploads
 * the output never sees its end unless the archive was acceptable.
 */
import { Transform, type TransformCallback } from 'node:stream';

export const DISK_EXTENSIONS = ['.qcow2', '.raw', '.img', '.vmdk', '.vhd', '.vhdx', '.vdi', '.iso'] as const;

/** pax and GNU long-name records larger than this are refused (real ones are a few hundred bytes). */
const MAX_META_BYTES = 1024 * 1024;
const BLOCK = 512;

export class TarError extends Error {
  override readonly name = 'TarError';
}

export interface TarDisk {
  /** The disk image's path inside the archive. */
  path: string;
  size: number;
}

type State =
  | { kind: 'header' }
  | { kind: 'meta'; type: 'x' | 'g' | 'L' | 'K'; left: number; pad: number; parts: Buffer[] }
  | { kind: 'data'; left: number; pad: number; emit: boolean }
  | { kind: 'end' };

export const isDiskName = (p: string): boolean => DISK_EXTENSIONS.some((e) => p.toLowerCase().endsWith(e));

/** Why `p` must not be extracted, or undefined. */
export function unsafePath(p: string): string | undefined {
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return 'an absolute path';
  if (p.split(/[\\/]/).includes('..')) return 'a path with ..';
  return undefined;
}

export class TarDiskReader extends Transform {
  /** The disk entry, once its header was read. */
  disk: TarDisk | undefined;
  /** Other regular files that were read past. */
  readonly skipped: string[] = [];
  private state: State = { kind: 'header' };
  private pending: Buffer = Buffer.alloc(0);
  /** Archive offset of `pending[0]` (for messages). */
  private offset = 0;
  private zeroBlocks = 0;
  private held: Buffer | undefined;
  private pax: Record<string, string> = {};
  private longName: string | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.consume(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    if (this.state.kind === 'data' || this.state.kind === 'meta' || this.pending.length > 0) {
      cb(new TarError(`the tar archive is truncated (it ends inside an entry, at byte ${this.offset + this.pending.length})`));
      return;
    }
    if (!this.disk) {
      const others = this.skipped.length > 0 ? ` (it holds ${this.skipped.join(', ')})` : '';
      cb(new TarError(`the tar archive holds no disk image (a file named ${DISK_EXTENSIONS.join(', ')})${others}`));
      return;
    }
    if (this.held) this.push(this.held);
    cb();
  }

  private consume(chunk: Buffer): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length > 0) {
      const s = this.state;
      if (s.kind === 'end') {
        for (const b of buf) if (b !== 0) throw new TarError(`data after the end of the tar archive (byte ${this.offset})`);
        this.offset += buf.length;
        return;
      }
      if (s.kind === 'data' || s.kind === 'meta') {
        let n: number;
        if (s.left > 0) {
          n = Math.min(s.left, buf.length);
          const part = buf.subarray(0, n);
          if (s.kind === 'data' && s.emit) this.emitDisk(part);
          if (s.kind === 'meta') s.parts.push(Buffer.from(part));
          s.left -= n;
        } else {
          n = Math.min(s.pad, buf.length);
          s.pad -= n;
        }
        buf = buf.subarray(n);
        this.offset += n;
        if (s.left === 0 && s.pad === 0) this.endEntry(s);
        continue;
      }
      if (buf.length < BLOCK) {
        this.pending = Buffer.from(buf);
        return;
      }
      this.header(buf.subarray(0, BLOCK));
      buf = buf.subarray(BLOCK);
      this.offset += BLOCK;
    }
  }

  private emitDisk(part: Buffer): void {
    if (this.held) this.push(this.held);
    this.held = Buffer.from(part);
  }

  private endEntry(s: Extract<State, { kind: 'data' | 'meta' }>): void {
    if (s.kind === 'meta') {
      const data = Buffer.concat(s.parts);
      if (s.type === 'x' || s.type === 'g') {
        const records = parsePax(data, this.offset);
        // a global header applies to every later entry, an extended one to the next only
        if (s.type === 'x') this.pax = records;
        else this.checkPath(records['path'], 'a global pax header');
      } else if (s.type === 'L') this.longName = data.toString('utf8').replace(/\0.*$/s, '');
      // 'K' (a long link name) only matters for links, which are refused when their header comes
    }
    this.state = { kind: 'header' };
  }

  private checkPath(p: string | undefined, what: string): void {
    if (p === undefined) return;
    const why = unsafePath(p);
    if (why) throw new TarError(`the tar archive has ${why} (${JSON.stringify(p)}, ${what}): refused`);
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      if (++this.zeroBlocks === 2) this.state = { kind: 'end' };
      return;
    }
    if (this.zeroBlocks > 0) throw new TarError(`a lone zero block inside the tar archive (byte ${this.offset - BLOCK})`);
    const at = this.offset;
    const magic = h.toString('latin1', 257, 263);
    if (magic !== 'ustar\0' && magic !== 'ustar ') throw new TarError(`not a ustar/pax/GNU tar archive (no ustar header at byte ${at})`);
    const stored = parseOctal(h.subarray(148, 156));
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (stored !== sum) throw new TarError(`a damaged tar header at byte ${at} (checksum ${stored}, computed ${sum})`);
    const type = String.fromCharCode(h[156]!) === '\0' ? '0' : String.fromCharCode(h[156]!);
    let size = parseSize(h.subarray(124, 136), at);
    const pad = (n: number): number => (BLOCK - (n % BLOCK)) % BLOCK;
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MAX_META_BYTES) throw new TarError(`a ${type} header of ${size} bytes at byte ${at}: refused (more than ${MAX_META_BYTES})`);
      const meta: State = { kind: 'meta', type, left: size, pad: pad(size), parts: [] };
      this.state = meta;
      if (size === 0) this.endEntry(meta);
      return;
    }
    const prefix = magic === 'ustar\0' ? cString(h.subarray(345, 500)) : '';
    const ustarName = cString(h.subarray(0, 100));
    const name = this.pax['path'] ?? this.longName ?? (prefix ? `${prefix}/${ustarName}` : ustarName);
    if (this.pax['size'] !== undefined) {
      if (!/^\d+$/.test(this.pax['size'])) throw new TarError(`a pax size that is no number (${JSON.stringify(this.pax['size'])}) at byte ${at}`);
      size = Number(this.pax['size']);
    }
    this.pax = {};
    this.longName = undefined;
    this.checkPath(name, `entry at byte ${at}`);
    const kinds: Record<string, string> = {
      '1': 'a hard link',
      '2': 'a symbolic link',
      '3': 'a character device',
      '4': 'a block device',
      '6': 'a FIFO',
      S: 'a GNU sparse file',
      V: 'a volume label',
      M: 'a multi-volume continuation',
    };
    if (type === '5') {
      this.state = size > 0 ? { kind: 'data', left: size, pad: pad(size), emit: false } : { kind: 'header' };
      return;
    }
    if (type !== '0' && type !== '7') {
      throw new TarError(
        `the tar archive holds ${kinds[type] ?? `an entry of type ${JSON.stringify(type)}`} (${JSON.stringify(name)}): only regular files are imported`,
      );
    }
    const disk = isDiskName(name);
    if (disk) {
      if (this.disk) throw new TarError(`the tar archive holds more than one disk image (${this.disk.path}, ${name}): which one to import is ambiguous`);
      this.disk = { path: name, size };
    } else this.skipped.push(name);
    this.state = size > 0 ? { kind: 'data', left: size, pad: pad(size), emit: disk } : { kind: 'header' };
  }
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.toString('utf8', 0, end === -1 ? b.length : end);
}

function parseOctal(b: Buffer): number {
  const s = b.toString('latin1').replace(/\0.*$/s, '').trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/** Octal, or base-256 (GNU, for sizes of 8 GiB and more) when the first byte has its top bit set. */
function parseSize(b: Buffer, at: number): number {
  if (b[0]! & 0x80) {
    let v = b[0]! & 0x7f;
    for (let i = 1; i < b.length; i++) v = v * 256 + b[i]!;
    if (!Number.isSafeInteger(v)) throw new TarError(`an entry size beyond 2^53 at byte ${at}`);
    return v;
  }
  const s = b.toString('latin1').replace(/\0.*$/s, '').trim();
  if (s !== '' && !/^[0-7]+$/.test(s)) throw new TarError(`a tar header with a size that is no octal number at byte ${at}`);
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/** `<length> <key>=<value>\n` records. */
function parsePax(data: Buffer, at: number): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    if (data[i] === 0) break;
    const space = data.indexOf(0x20, i);
    const len = space === -1 ? Number.NaN : Number(data.toString('latin1', i, space));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length) throw new TarError(`a damaged pax header before byte ${at}`);
    const record = data.toString('utf8', space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}
