import { diskImageProblems, INSPECT_BYTES } from '../core/disk/inspect-disk-image.js';
import type { ImportChange } from '../core/plan/types.js';
import { ApplyError } from './errors.js';
import { openSource, type OpenSourceOptions } from './source-stream.js';

/**
 * Before anything is created in Glance: read the head of the source (first 64 KiB, then the
 * download is cut) and refuse an image whose real format differs from its declared disk_format,
 * or that would make the hypervisor read other files (qcow2 backing or external data files, VMDK
 * descriptors and extents). Web-download fetches the bytes again inside Glance; a declared
 * checksum is verified there afterwards.
 */
export async function inspectSource(change: ImportChange, opts: OpenSourceOptions): Promise<void> {
  const src = await openSource(change.source, opts);
  const chunks: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of src.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      have += chunk.length;
      if (have >= INSPECT_BYTES) break;
    }
  } finally {
    src.body.destroy();
  }
  const head = Buffer.concat(chunks).subarray(0, INSPECT_BYTES);
  const problems = diskImageProblems(change.create.diskFormat, head);
  if (problems.length > 0) {
    const where = change.source.kind === 'file' ? change.source.path : change.source.url;
    throw new ApplyError(`refusing ${where}: ${problems.join('; ')}; nothing was created`);
  }
}
