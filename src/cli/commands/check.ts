import type { ReportFormat } from '../../reporters/index.js';
import { runCheck } from '../../usecases/check/run-check.js';
import { redactOutput } from '../../util/redact.js';
import { emitReport, assertWritableOutput } from '../emit-report.js';
import { EXIT, exitCodeForReport } from '../exit-codes.js';
import { imageSourceFromFlags } from '../image-source.js';
import type { CliIO } from '../io.js';
import { parseCount, parseNow, parseVisibilities } from '../options.js';

export interface CheckOptions {
  cloud?: string[];
  allClouds?: boolean;
  region?: string[];
  allRegions?: boolean;
  concurrency: string;
  spec?: string;
  standard?: string[];
  scope?: string;
  scopeVersion?: string;
  withRecommended?: boolean;
  imagesFile?: string;
  listStreams?: string;
  visibility: string;
  includeHidden?: boolean;
  allCommunity?: boolean;
  collapseDuplicates?: boolean;
  strict?: boolean;
  format: ReportFormat;
  output?: string;
  now?: string;
  timeout: string;
  insecure?: boolean;
  verbose?: boolean;
  explain?: boolean;
  color: boolean;
  debug?: boolean;
}

/** `scs-images check`: 0 compliant, 1 not compliant, 2 bad input (thrown), 3 could not finish. */
export async function checkCommand(opts: CheckOptions, io: CliIO): Promise<number> {
  const selection = {
    visibilities: parseVisibilities(opts.visibility),
    includeHidden: opts.includeHidden ?? false,
    collapseDuplicates: opts.collapseDuplicates ?? false,
  };
  const now = parseNow(opts.now);
  const concurrency = parseCount(opts.concurrency, '--concurrency', 'clouds checked at the same time');
  await assertWritableOutput(opts.output);
  const source = imageSourceFromFlags(opts, concurrency, io);

  const report = await runCheck({
    rules: {
      spec: opts.spec,
      standards: opts.standard ?? [],
      scope: opts.scope,
      scopeVersion: opts.scopeVersion,
      withRecommended: opts.withRecommended ?? false,
    },
    source,
    selection,
    allCommunity: opts.allCommunity ?? false,
    strict: opts.strict ?? false,
    now,
    env: io.env,
  });
  // a cloud that could not be listed is said first: on a terminal it stays above the report
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.kind} ${s.subject.name}: ${redactOutput(s.error)}\n`);
  }
  await emitReport(report, opts, io);
  const code = exitCodeForReport(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the check could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}
