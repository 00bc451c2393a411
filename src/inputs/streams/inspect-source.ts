import { diskImageProblems, INSPECT_BYTES } from '../../core/disk/inspect-disk-image.js';
import type { ImportSource } from '../../core/plan/types.js';
import { openSource, type OpenSourceOptions } from './source-stream.js';

/**
 * Reads the head of a source (first 64 KiB, then the download is cut) and says what is wrong with
 * it: a real format that differs from the declared disk_format, or content that would make the
 * hypervisor read other files (qcow2 backing or external data files, VMDK descriptors and extents).
 * Empty when nothing is. Throws SourceError when the source cannot be opened.
 */
export async function inspectSource(source: ImportSource, diskFormat: string, opts: OpenSourceOptions): Promise<string[]> {
  const src = await openSource(source, opts);
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
  return diskImageProblems(diskFormat, Buffer.concat(chunks).subarray(0, INSPECT_BYTES));
}
