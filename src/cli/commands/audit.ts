import { handlerIds } from '../../core/update/handlers/registry.js';
import type { ReportFormat } from '../../reporters/index.js';
import { runAudit } from '../../usecases/audit/run-audit.js';
import { BaseUrlError, parseBaseUrls, type BaseUrls } from '../../usecases/update/base-urls.js';
import { redactOutput } from '../../util/redact.js';
import { assertWritableOutput, emitReport } from '../emit-report.js';
import { EXIT, ExitError, exitCodeForReport } from '../exit-codes.js';
import { imageSourceFromFlags } from '../image-source.js';
import type { CliIO } from '../io.js';
import { parseCount, parseNow, parseSeconds, parseVisibilities } from '../options.js';

export interface AuditOptions {
  cloud?: string[];
  allClouds?: boolean;
  region?: string[];
  allRegions?: boolean;
  concurrency: string;
  imagesFile?: string;
  listStreams?: string;
  visibility: string;
  includeHidden?: boolean;
  allCommunity?: boolean;
  deep?: boolean;
  parallel: string;
  baseUrl?: string[];
  strict?: boolean;
  format: ReportFormat;
  output?: string;
  now?: string;
  timeout: string;
  insecure?: boolean;
  verbose?: boolean;
  color: boolean;
  debug?: boolean;
}

/** `scs-images audit`: exit codes as `check` (0 verified, 1 mismatch, 2 bad input, 3 could not finish). */
export async function auditCommand(opts: AuditOptions, io: CliIO): Promise<number> {
  const now = parseNow(opts.now);
  const concurrency = parseCount(opts.concurrency, '--concurrency', 'clouds audited at the same time');
  const parallel = parseCount(opts.parallel, '--parallel', 'images audited at the same time');
  const timeoutMs = parseSeconds(opts.timeout, '--timeout') * 1000;
  let baseUrls: BaseUrls;
  try {
    baseUrls = parseBaseUrls(opts.baseUrl ?? [], io.env, handlerIds());
  } catch (e) {
    if (e instanceof BaseUrlError) throw new ExitError(EXIT.USAGE, `error: ${e.message}`);
    throw e;
  }
  if (opts.imagesFile && opts.deep) throw new ExitError(EXIT.USAGE, 'error: --deep reads image data from a cloud; it cannot be used with --images-file');
  await assertWritableOutput(opts.output);
  const source = imageSourceFromFlags(opts, concurrency, io);
  const progress = io.stderr.isTTY === true;
  // when each image's read-back began, for the rate in its closing line
  const started = new Map<string, number>();
  const report = await runAudit({
    source,
    selection: { visibilities: parseVisibilities(opts.visibility), includeHidden: opts.includeHidden ?? false, collapseDuplicates: false },
    allCommunity: opts.allCommunity ?? false,
    deep: opts.deep ?? false,
    parallel,
    strict: opts.strict ?? false,
    baseUrls,
    fetchTimeoutMs: timeoutMs,
    now,
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
  await emitReport(report, { format: opts.format, output: opts.output, verbose: opts.verbose ?? false, color: opts.color }, io);
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.name}: ${redactOutput(s.error)}\n`);
  }
  io.stderr.write(`scs-images: ${report.audit.manifestFetches} manifest(s) fetched, ${mib(report.audit.bytesRead)} read back from Glance\n`);
  const code = exitCodeForReport(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the audit could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
