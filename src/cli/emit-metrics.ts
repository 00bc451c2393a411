/**
 * `--format openmetrics`: the report as metrics, with the shipped release data for the
 * end-of-support metric. With `-o FILE` the file is replaced atomically (a temporary file in the
 * same directory, renamed over it), so node_exporter's textfile collector never reads half a file.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckReport } from '../core/check/report.js';
import { readBundledReleases } from '../inputs/read-releases.js';
import { VERDICT_WORDS } from '../reporters/common.js';
import { renderOpenMetrics } from '../reporters/openmetrics.js';
import { safeOutput } from '../util/redact.js';
import type { CliIO } from './io.js';

export async function emitMetrics(report: CheckReport, file: string | undefined, io: CliIO): Promise<void> {
  for (const w of report.warnings) io.stderr.write(`scs-images: warning: ${safeOutput(w)}\n`);
  const text = renderOpenMetrics(report, { releases: await readBundledReleases() });
  if (!file) {
    io.stdout.write(text);
    return;
  }
  await writeAtomically(file, text);
  const s = report.summary;
  io.stderr.write(
    `scs-images: ${VERDICT_WORDS[report.verdict]} (${s.passed} passed, ${s.failed} failed, ${s.aborted} aborted, ${s.warnings} warnings); metrics written to ${file}\n`,
  );
}

/**
 * Replaces `file` with `text` in one rename. A target that exists and is not a regular file (a
 * FIFO, /dev/stdout) cannot be renamed over and is written in place.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const existing = await lstat(file).catch(() => undefined);
  if (existing && !existing.isFile()) {
    const h = await open(file, 'w');
    try {
      await h.writeFile(text);
    } finally {
      await h.close();
    }
    return;
  }
  // not *.prom: the textfile collector reads only those, so it never sees the temporary file
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const h = await open(tmp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    try {
      await h.writeFile(text);
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
