import { runCheck } from '../../../usecases/check/run-check.js';
import { checkRequest } from './request.js';
import { safeOutput } from '../../../util/redact.js';
import { assertWritableOutput, emitReport } from '../../emit-report.js';
import { EXIT, exitCodeForReport } from '../../exit-codes.js';
import { imageSource } from '../../flags/catalogue.js';
import { usage } from '../../flags/values.js';
import type { CheckRun } from './index.js';
import { runScript } from './script.js';
import { appendFile } from 'node:fs/promises';
import type { CheckReport } from '../../../core/check/report.js';
import { renderText } from '../../../reporters/text.js';
import { useColor } from '../../colour.js';
import type { CliIO } from '../../io.js';

/** `scs-images check`: 0 compliant, 1 not compliant, 2 bad input (thrown), 3 could not finish. */
export async function run(command: CheckRun): Promise<number> {
  const { flags, opts, args, io } = command;
  if (opts.script) return runScript(command);
  const { rules, catalogue, output } = flags;
  const ids = (args[0] as unknown as string[] | undefined) ?? [];
  const source = imageSource(catalogue, flags.clouds, flags.connection);
  const certificateSubject = subjectsFrom(opts.subject ?? []);
  await assertWritableOutput(output.file);
  const report = await runCheck(checkRequest(command, source, ids));
  if (ids.length > 0) {
    const known = new Set(report.subjects.flatMap((s) => s.testcases.map((t) => t.id)));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) io.stderr.write(`scs-images: warning: not run, no such testcase in the rules of this check: ${unknown.join(', ')}\n`);
  }
  // a cloud that could not be listed is said first: on a terminal it stays above the report
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.kind} ${s.subject.name}: ${safeOutput(s.error)}\n`);
  }
  await emitReport(report, output, io, { forcedVersion: rules.scopeVersion, certificateSubject });
  await emitOwnerView(report, output, io);
  const code = exitCodeForReport(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the check could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}

/** `--subject NAME` (every subject) or `--subject CLOUD=NAME` (repeatable): the certificate subject per cloud. */
function subjectsFrom(given: readonly string[]): ((name: string) => string | undefined) | undefined {
  if (given.length === 0) return undefined;
  const only = given[0] as string;
  if (given.length === 1 && !only.includes('=')) return () => only;
  const map = new Map<string, string>();
  for (const g of given) {
    const eq = g.indexOf('=');
    const cloud = g.slice(0, Math.max(eq, 0));
    const name = g.slice(eq + 1);
    if (eq < 0 || cloud === '' || name === '') throw usage(`--subject: '${g}': with several --subject, each is CLOUD=NAME`);
    map.set(cloud, name);
  }
  return (name) => map.get(name);
}

/**
 * `--owner`: the view of one project's images, after the official report and apart from it. JSON
 * carries it as `ownerView`; text gets it appended under a banner; the other formats are the
 * official record (or a page for it) and leave it out, which is said on stderr.
 */
async function emitOwnerView(
  report: CheckReport,
  output: { format: string; file?: string | undefined; color: boolean; explain: boolean; verbose: boolean },
  io: CliIO,
): Promise<void> {
  const view = report.ownerView;
  if (!view) return;
  if (output.format === 'json') return;
  if (output.format !== 'text') {
    io.stderr.write(`scs-images: note: the --owner view is written in text and JSON only; this ${output.format} report is the official one\n`);
    return;
  }
  const banner = '='.repeat(60);
  const body = renderText(
    { ...report, subjects: view.subjects, summary: view.summary, verdict: view.verdict, compliant: view.verdict === 'compliant' },
    { color: !output.file && useColor(output.color, io.stdout, io.env), verbose: output.verbose, explain: output.explain },
  );
  const text = `\n${banner}\nOwner view (--owner ${view.owner}): ${view.note}\n${banner}\n\n${body}`;
  if (output.file) await appendFile(output.file, text);
  else io.stdout.write(text);
}
