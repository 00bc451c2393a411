import { handlerIds } from '../../../core/update/handlers/registry.js';
import { runAudit } from '../../../usecases/audit/run-audit.js';
import { BaseUrlError, parseBaseUrls, type BaseUrls } from '../../../usecases/update/base-urls.js';
import { safeOutput } from '../../../util/redact.js';
import { assertWritableOutput, emitReport } from '../../emit-report.js';
import { EXIT, ExitError, exitCodeForReport } from '../../exit-codes.js';
import { imageSource } from '../../flags/catalogue.js';
import { parseCount } from '../../flags/values.js';
import type { AuditRun } from './index.js';

/** `scs-images audit`: exit codes as `check` (0 verified, 1 mismatch, 2 bad input, 3 could not finish). */
export async function run({ flags, opts, io }: AuditRun): Promise<number> {
  const { catalogue, output } = flags;
  const parallel = parseCount(opts.parallel, '--parallel', 'images audited at the same time');
  let baseUrls: BaseUrls;
  try {
    baseUrls = parseBaseUrls(opts.baseUrl ?? [], io.env, handlerIds());
  } catch (e) {
    if (e instanceof BaseUrlError) throw new ExitError(EXIT.USAGE, `error: ${e.message}`);
    throw e;
  }
  if (catalogue.imagesFile && opts.deep) throw new ExitError(EXIT.USAGE, 'error: --deep reads image data from a cloud; it cannot be used with --images-file');
  const source = imageSource(catalogue, flags.clouds, flags.connection);
  await assertWritableOutput(output.file);
  const progress = io.stderr.isTTY === true;
  // when each image's read-back began, for the rate in its closing line
  const started = new Map<string, number>();
  const report = await runAudit({
    source,
    selection: catalogue.selection,
    allCommunity: catalogue.allCommunity,
    deep: opts.deep ?? false,
    parallel,
    strict: opts.strict ?? false,
    baseUrls,
    fetchTimeoutMs: flags.connection.timeoutMs,
    now: flags.clock.now,
    env: io.env,
    onRead: ({ image, bytes, done }) => {
      // a line per finished read-back always (CI logs), a moving count on a terminal
      const t0 = started.get(image.id) ?? performance.now();
      if (!started.has(image.id)) started.set(image.id, t0);
      if (done) {
        const s = (performance.now() - t0) / 1000;
        const rate = s > 0 ? `, ${(bytes / 2 ** 20 / s).toFixed(0)} MiB/s` : '';
        io.stderr.write(`${progress ? '\r\x1b[K' : ''}scs-images: read back ${mib(bytes)} of '${image.name}' (${image.id}) in ${s.toFixed(2)} s${rate}\n`);
      } else if (progress) io.stderr.write(`\r\x1b[Kscs-images: reading '${image.name}' back: ${mib(bytes)}`);
    },
  });
  await emitReport(report, { ...output, explain: false }, io);
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.name}: ${safeOutput(s.error)}\n`);
  }
  io.stderr.write(`scs-images: ${report.audit.manifestFetches} manifest(s) fetched, ${mib(report.audit.bytesRead)} read back from Glance\n`);
  const code = exitCodeForReport(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the audit could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
