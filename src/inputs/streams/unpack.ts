/**
 * Compressed upstream artefacts (Talos `.raw.xz`, OPNsense `.img.bz2`, Garden Linux `.tar.xz`)
 * turned into the disk image they hold, as a stream: the download is piped through the system's
 * `xz`/`bzip2`/`zstd` (as OIM's mirror has patool call them) or Node's zlib for gzip, through a
 * bomb guard, and for a tarball through the tar reader (tar-reader.ts). Nothing is buffered whole
 * or written to disk.
 *
 * What is packed how is decided by the name of the file (the URL's path, or a `file:` path), the
 * way OIM decides it: `.xz`, `.bz2`, `.gz`, `.zst` (also `.tar.*`, `.tgz`, `.txz`, `.tbz2`) and `.tar`.
 */
import { spawn } from 'node:child_process';
import { Duplex, Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TarDiskReader, TarError } from './tar-reader.js';

export type Compression = 'xz' | 'bzip2' | 'gzip' | 'zstd';

export interface Packing {
  compression?: Compression;
  tar: boolean;
  /** `tar.xz`, `bz2`, ... for messages and the image property. */
  label: string;
}

const SUFFIXES: ReadonlyArray<[string, Packing]> = [
  ['.tar.xz', { compression: 'xz', tar: true, label: 'tar.xz' }],
  ['.txz', { compression: 'xz', tar: true, label: 'tar.xz' }],
  ['.tar.gz', { compression: 'gzip', tar: true, label: 'tar.gz' }],
  ['.tgz', { compression: 'gzip', tar: true, label: 'tar.gz' }],
  ['.tar.bz2', { compression: 'bzip2', tar: true, label: 'tar.bz2' }],
  ['.tbz2', { compression: 'bzip2', tar: true, label: 'tar.bz2' }],
  ['.tar.zst', { compression: 'zstd', tar: true, label: 'tar.zst' }],
  ['.tar', { tar: true, label: 'tar' }],
  ['.xz', { compression: 'xz', tar: false, label: 'xz' }],
  ['.bz2', { compression: 'bzip2', tar: false, label: 'bz2' }],
  ['.gz', { compression: 'gzip', tar: false, label: 'gz' }],
  ['.zst', { compression: 'zstd', tar: false, label: 'zst' }],
];

/** How the file a URL (or path) names is packed; undefined for a plain disk image. */
export function packingOf(urlOrPath: string): Packing | undefined {
  let p = urlOrPath;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      p = p.split(/[?#]/)[0] ?? p;
    }
  }
  const lower = p.toLowerCase();
  for (const [suffix, packing] of SUFFIXES) if (lower.endsWith(suffix)) return { ...packing };
  return undefined;
}

/**
 * Bounds on what one artefact may decompress to. A disk image that compresses 1:1000 is a bomb:
 * real ones (sparse raw images included) stay far below `maxRatio`.
 */
export interface UnpackLimits {
  /** Decompressed bytes, absolute (default 64 GiB). */
  maxBytes: number;
  /** Decompressed bytes per compressed byte (default 100). */
  maxRatio: number;
  /** Below this many decompressed bytes the ratio is not looked at (default 64 MiB): small files compress well. */
  ratioFloorBytes: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxBytes: 64 * 1024 ** 3, maxRatio: 100, ratioFloorBytes: 64 * 1024 ** 2 };

/**
 * The limits, with `SCS_IMAGES_MAX_UNPACKED_BYTES`, `SCS_IMAGES_MAX_UNPACK_RATIO` and
 * `SCS_IMAGES_UNPACK_RATIO_FLOOR_BYTES` from the environment over the defaults (apply, mirror
 * and their commands read them the same way). A value that is not a positive number is an error.
 */
export function unpackLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UnpackLimits {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v <= 0) throw new UnpackError(`${name}=${JSON.stringify(raw)} is not a positive number`);
    return v;
  };
  return {
    maxBytes: read('SCS_IMAGES_MAX_UNPACKED_BYTES', DEFAULT_UNPACK_LIMITS.maxBytes),
    maxRatio: read('SCS_IMAGES_MAX_UNPACK_RATIO', DEFAULT_UNPACK_LIMITS.maxRatio),
    ratioFloorBytes: read('SCS_IMAGES_UNPACK_RATIO_FLOOR_BYTES', DEFAULT_UNPACK_LIMITS.ratioFloorBytes),
  };
}

/** Bad compressed input: a bomb, a broken stream, a tarball that is not one disk image. */
export class UnpackError extends Error {
  override readonly name = 'UnpackError';
}

/** Bad compressed input, from any stage (the tar reader's TarError included). */
export const isUnpackError = (e: unknown): e is Error => e instanceof UnpackError || e instanceof TarError;

/**
 * Counts the decompressed bytes and fails the stream once they pass the limits. `compressed()`
 * says how many compressed bytes there are: the whole size when known (Content-Length, file
 * size), else those read so far.
 */
export function bombGuard(limits: UnpackLimits, compressed: () => number): Transform {
  let out = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      out += chunk.length;
      if (out > limits.maxBytes) return cb(new UnpackError(`decompresses to more than ${limits.maxBytes} bytes (the limit): refused as a decompression bomb`));
      const inBytes = Math.max(1, compressed());
      if (out > limits.ratioFloorBytes && out > inBytes * limits.maxRatio) {
        return cb(
          new UnpackError(
            `decompresses to more than ${limits.maxRatio} times its ${inBytes} compressed bytes (${out} bytes so far): refused as a decompression bomb`,
          ),
        );
      }
      cb(null, chunk);
    },
  });
}

/** The system's decompressor as a Duplex: compressed bytes in, plain bytes out; a non-zero exit is an error with its stderr. */
export function decompressor(compression: Compression): Duplex {
  if (compression === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  const [cmd, args] = compression === 'xz' ? ['xz', ['-dc']] : compression === 'bzip2' ? ['bzip2', ['-dc']] : ['zstd', ['-dcq']];
  return new ChildFilter(cmd, args);
}

class ChildFilter extends Duplex {
  private readonly child;
  private stderr = '';
  private exited = false;

  constructor(cmd: string, args: string[]) {
    super();
    this.child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('error', (e: NodeJS.ErrnoException) =>
      this.destroy(new UnpackError(e.code === 'ENOENT' ? `${cmd} is not installed (scripts/ensure-system-deps.sh installs it)` : `${cmd}: ${e.message}`)),
    );
    // EPIPE when the decompressor stopped reading: its exit status says why
    this.child.stdin.on('error', () => {});
    this.child.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 2000) this.stderr += d.toString();
    });
    this.child.stdout.on('data', (d: Buffer) => {
      if (!this.push(d)) this.child.stdout.pause();
    });
    this.child.on('close', (code, signal) => {
      this.exited = true;
      if (this.destroyed) return;
      if (code === 0 && !this.writableFinished) this.destroy(new UnpackError(`${cmd} ended before the end of its input`));
      else if (code === 0) this.push(null);
      else
        this.destroy(new UnpackError(`${cmd} failed (${code !== null ? `exit ${code}` : signal}): ${this.stderr.trim().split('\n').at(-1) ?? 'no message'}`));
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.child.stdin.write(chunk)) cb();
    else this.child.stdin.once('drain', () => cb());
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.child.stdin.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    if (!this.exited) this.child.kill('SIGKILL');
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    cb(err);
  }
}

export interface Unpacked {
  /** The disk image's bytes. */
  body: Readable;
  /** For a tarball: which entry is the disk (known once its header was read), and the files read past. */
  tar?: TarDiskReader;
}

/**
 * `source` (the compressed bytes, already metered by the caller) → the disk image. Errors of any
 * stage end the returned body with that error; destroying the body stops the decompressor
 * and the download.
 */
export function unpack(
  source: Readable,
  packing: Packing,
  opts: { limits: UnpackLimits; compressedSize: number | undefined /** More stages behind the disk image (hashing, inspection). */; after?: Duplex[] },
): Unpacked {
  let read = 0;
  source.on('data', (c: Buffer) => {
    read += c.length;
  });
  const stages: Duplex[] = [];
  if (packing.compression) stages.push(decompressor(packing.compression));
  stages.push(bombGuard(opts.limits, () => opts.compressedSize ?? read));
  const tar = packing.tar ? new TarDiskReader() : undefined;
  if (tar) stages.push(tar);
  stages.push(...(opts.after ?? []));
  let body: Readable = source;
  const all: Array<Readable | Duplex> = [source, ...stages];
  for (const s of stages) body = body.pipe(s);
  // pipe() passes no errors on: the first error anywhere ends the output with it, and tears down the rest
  let failed = false;
  const fail = (e: Error): void => {
    if (failed) return;
    failed = true;
    for (const s of all) if (s !== body) s.destroy();
    body.destroy(e);
  };
  for (const s of all) if (s !== body) s.once('error', fail);
  body.once('close', () => {
    for (const s of all) s.destroy();
  });
  return { body, ...(tar ? { tar } : {}) };
}
