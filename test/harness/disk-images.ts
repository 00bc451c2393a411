// Small real disk images for import tests: qemu-img makes a valid qcow2; random data (optional)
// makes it as large as wanted and unique, so every version has its own checksum.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DiskImage {
  file: string;
  name: string;
  size: number;
  sha256: string;
  sha512: string;
}

/**
 * `name`.qcow2 in `dir`: an empty qcow2 of `virtualMiB` (each size gives other bytes), or, with
 * `dataMiB`, a raw file of random bytes converted to qcow2 (about that large).
 */
export async function makeDiskImage(dir: string, name: string, opts: { virtualMiB?: number; dataMiB?: number } = {}): Promise<DiskImage> {
  const file = path.join(dir, `${name}.qcow2`);
  if (opts.dataMiB) {
    const raw = path.join(dir, `${name}.raw`);
    const mib = opts.dataMiB;
    // streamed in 1 MiB pieces: a 1 GiB image must not make the test process 1 GiB large
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < mib; i++) yield randomBytes(1024 * 1024);
        })(),
      ),
      createWriteStream(raw),
    );
    await run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, file]);
    await rm(raw);
  } else {
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', file, `${opts.virtualMiB ?? 64}M`]);
  }
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  for await (const chunk of createReadStream(file)) {
    sha256.update(chunk as Buffer);
    sha512.update(chunk as Buffer);
  }
  return { file, name: path.basename(file), size: (await stat(file)).size, sha256: sha256.digest('hex'), sha512: sha512.digest('hex') };
}
