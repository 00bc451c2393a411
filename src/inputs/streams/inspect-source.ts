import { Transform, type TransformCallback } from 'node:stream';
import { diskImageProblems, INSPECT_BYTES } from '../../core/disk/inspect-disk-image.js';
import type { ImportSource } from '../../core/plan/types.js';
import { openSource, type OpenSourceOptions } from './source-stream.js';
import { DEFAULT_UNPACK_LIMITS, type Packing, unpack, UnpackError, type UnpackLimits } from './unpack.js';

/**
 * Reads the head of a source (first 64 KiB, then the download is cut) and says what is wrong with
 * it: a real format that differs from the declared disk_format, or content that would make the
 * hypervisor read other files (qcow2 backing or external data files, VMDK descriptors and extents).
 * Empty when nothing is. A compressed source (`packing`) is decompressed first: the checks look at
 * the disk image, never at the xz/bz2/tar around it. Throws SourceError when the source cannot be
 * opened, UnpackError when it does not decompress to one disk image.
 */
export async function inspectSource(
  source: ImportSource,
  diskFormat: string,
  opts: OpenSourceOptions & { packing?: Packing | undefined; limits?: UnpackLimits },
): Promise<string[]> {
  const src = await openSource(source, opts);
  const body = opts.packing ? unpack(src.body, opts.packing, { limits: opts.limits ?? DEFAULT_UNPACK_LIMITS, compressedSize: src.size }).body : src.body;
  const chunks: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      have += chunk.length;
      if (have >= INSPECT_BYTES) break;
    }
  } finally {
    body.destroy();
    src.body.destroy();
  }
  return diskImageProblems(diskFormat, Buffer.concat(chunks).subarray(0, INSPECT_BYTES));
}

/**
 * The same checks on the bytes as they stream past (the head is held until 64 KiB are there):
 * what is uploaded is what was inspected, even if the source changed since inspectSource read it.
 */
export function inspectingHead(diskFormat: string): Transform {
  let head: Buffer[] | undefined = [];
  let have = 0;
  const check = (t: Transform, cb: TransformCallback): void => {
    const all = Buffer.concat(head ?? []);
    head = undefined;
    const problems = diskImageProblems(diskFormat, all.subarray(0, INSPECT_BYTES));
    if (problems.length > 0) {
      cb(new UnpackError(`the decompressed image: ${problems.join('; ')}`));
      return;
    }
    t.push(all);
    cb();
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head === undefined) return cb(null, chunk);
      head.push(chunk);
      have += chunk.length;
      if (have < INSPECT_BYTES) return cb();
      check(this, cb);
    },
    flush(cb) {
      if (head === undefined) return cb();
      check(this, cb);
    },
  });
}
