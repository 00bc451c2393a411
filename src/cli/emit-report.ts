import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CheckReport } from '../core/check/report.js';
import { VERDICT_WORDS } from '../reporters/common.js';
import { renderReportChunks, type ReportFormat } from '../reporters/index.js';
import { redactArgv, safeOutput } from '../util/redact.js';
import { useColor } from './colour.js';
import { emitMetrics } from './emit-metrics.js';
import { EXIT, ExitError } from './exit-codes.js';
import { writePieces, type CliIO } from './io.js';

/** The output group's value (cli/flags/output.ts), or the part of it a step sets. */
export interface EmitOptions {
  format: ReportFormat;
  /** `-o FILE`; undefined: stdout. */
  file?: string | undefined;
  verbose?: boolean;
  explain?: boolean;
  /** `--no-color` given: false. */
  color?: boolean;
}

/**
 * `-o FILE` must be writable before anything is read or any cloud is asked: a run of minutes that
 * ends with ENOENT is lost work. A usage error (exit 2) naming the file.
 */
export async function assertWritableOutput(file: string | undefined): Promise<void> {
  if (!file) return;
  const fail = (why: string): never => {
    throw new ExitError(EXIT.USAGE, `error: -o ${file}: ${why}`);
  };
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) fail('is a directory');
  if (existing) {
    await access(file, constants.W_OK).catch(() => fail('is not writable'));
    return;
  }
  const dir = path.dirname(path.resolve(file));
  const parent = await stat(dir).catch(() => undefined);
  if (!parent) fail(`the directory ${dir} does not exist`);
  if (!parent!.isDirectory()) fail(`${dir} is not a directory`);
  await access(dir, constants.W_OK).catch(() => fail(`the directory ${dir} is not writable`));
}

/**
 * Writes a check report (of `check`, `validate --spec` or `ensure`) to stdout or `-o FILE`, and
 * names on stderr what the run could not see or may be stale. Colours only on a terminal.
 */
/** What the SCS YAML report records of the run besides the report (check's `--scope-version`, `--subject`). */
export interface RunRecord {
  forcedVersion?: string | undefined;
  certificateSubject?: ((name: string) => string | undefined) | undefined;
}

export async function emitReport(checked: CheckReport, opts: EmitOptions, io: CliIO, record: RunRecord = {}): Promise<void> {
  if (opts.format === 'openmetrics') return emitMetrics(checked, opts.file, io);
  for (const w of checked.warnings) io.stderr.write(`scs-images: warning: ${safeOutput(w)}\n`);
  const argv = redactArgv(process.argv.slice(2));
  // the auditor's record: how this report was made, secrets replaced
  const report: CheckReport = { ...checked, invocation: { commandLine: ['scs-images', ...argv] } };
  const chunks = renderReportChunks(report, opts.format, {
    color: !opts.file && useColor(opts.color ?? true, io.stdout, io.env),
    verbose: opts.verbose ?? false,
    explain: opts.explain ?? false,
    runId: randomUUID(),
    invocationId: randomUUID(),
    argv,
    ...record,
  });
  if (opts.file) {
    await pipeline(Readable.from(chunks, { objectMode: false }), createWriteStream(opts.file));
    const s = report.summary;
    io.stderr.write(
      `scs-images: ${VERDICT_WORDS[report.verdict]} (${s.passed} passed, ${s.failed} failed, ${s.aborted} aborted, ${s.warnings} warnings); report written to ${opts.file}\n`,
    );
  } else {
    await writePieces(io.stdout, chunks);
  }
}
