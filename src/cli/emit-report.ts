import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { CheckReport } from '../core/check/report.js';
import { renderReport, type ReportFormat } from '../reporters/index.js';
import { redactArgv, redactOutput } from '../util/redact.js';
import { useColor } from './colour.js';
import type { CliIO } from './io.js';

export interface EmitOptions {
  format: ReportFormat;
  output?: string | undefined;
  verbose?: boolean;
  explain?: boolean;
  /** `--no-color` given: false. */
  color?: boolean;
}

/**
 * Writes a check report (of `check`, `validate --spec` or `ensure`) to stdout or `-o FILE`, and
 * names on stderr what the run could not see or may be stale. Colours only on a terminal.
 */
export async function emitReport(report: CheckReport, opts: EmitOptions, io: CliIO): Promise<void> {
  for (const w of report.warnings) io.stderr.write(`scs-images: warning: ${redactOutput(w)}\n`);
  const text = renderReport(report, opts.format, {
    color: !opts.output && useColor(opts.color ?? true, io.stdout, io.env),
    verbose: opts.verbose ?? false,
    explain: opts.explain ?? false,
    runId: randomUUID(),
    invocationId: randomUUID(),
    argv: redactArgv(process.argv.slice(2)),
  });
  if (opts.output) {
    await writeFile(opts.output, text);
    const s = report.summary;
    io.stderr.write(
      `scs-images: ${report.compliant ? 'COMPLIANT' : 'NOT COMPLIANT'} (${s.passed} passed, ${s.failed} failed, ${s.aborted} aborted, ${s.warnings} warnings); report written to ${opts.output}\n`,
    );
  } else {
    io.stdout.write(text);
  }
}
