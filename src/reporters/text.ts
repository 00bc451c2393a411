import type { CheckReport } from '../core/check/report.js';
import type { TestcaseResult } from '../core/check/result.js';
import { findingLines, imageLabel, outcomeOf, type Outcome } from './common.js';

export interface TextOptions {
  /** ANSI colours; the CLI decides (TTY and no NO_COLOR), the renderer never looks. */
  color: boolean;
  /** Also list the images each passing testcase matched. */
  verbose?: boolean;
}

const SGR = { bold: '1', red: '31', green: '32', yellow: '33' } as const;
type Style = keyof typeof SGR;

const OUTCOME_STYLE: Record<Outcome, Style> = { PASS: 'green', FAIL: 'red', ABORT: 'yellow', WARN: 'yellow' };

/** Width of the verdict column: the longest outcome word. */
const VERDICT_WIDTH = 5;
/** Findings start under the testcase id. */
const DETAIL_INDENT = ' '.repeat(VERDICT_WIDTH + 2);
/** Width of the `Label` column in the header and footer. */
const LABEL_WIDTH = 12;

/** The human report: header, one aligned line per testcase with its findings, counts and verdict. */
export function renderText(report: CheckReport, options: TextOptions): string {
  const paint = (s: string, ...styles: Style[]): string =>
    options.color ? `\x1b[${styles.map((st) => SGR[st]).join(';')}m${s}\x1b[0m` : s;
  const out: string[] = [];

  for (const [label, value] of header(report)) out.push(field(label, value));
  out.push('');

  const idWidth = Math.max(0, ...report.testcases.map((tc) => printable(tc.id).length));
  for (const tc of report.testcases) {
    const outcome = outcomeOf(tc, report.options.strict);
    // Pad before painting: escape sequences have no width but would count in padEnd.
    const verdict = paint(outcome.padEnd(VERDICT_WIDTH), OUTCOME_STYLE[outcome]);
    out.push(`${verdict}  ${printable(tc.id).padEnd(idWidth)}  ${printable(tc.description)}`.trimEnd());
    for (const line of details(tc, outcome, options.verbose === true)) out.push(DETAIL_INDENT + printable(line));
  }
  if (report.testcases.length > 0) out.push('');

  const { passed, failed, aborted, warnings } = report.summary;
  let counts = `${report.testcases.length}: ${passed} passed, ${failed} failed, ${aborted} aborted, ${plural(warnings, 'warning')}`;
  if (warnings > 0) counts += ' (recommended testcases; they count only in strict mode)';
  out.push(field('Testcases', counts));
  const verdict = report.compliant ? paint('COMPLIANT', 'bold', 'green') : paint('NOT COMPLIANT', 'bold', 'red');
  out.push('Verdict'.padEnd(LABEL_WIDTH) + verdict);
  return out.join('\n') + '\n';
}

function header(report: CheckReport): Array<[string, string]> {
  const { subject, standard, options, images } = report;
  const where = subject.kind === 'cloud' ? `cloud ${subject.name}` : `file ${subject.name}`;
  const rows: Array<[string, string]> = [
    ['Subject', subject.region ? `${where} (region ${subject.region})` : where],
    ['Standard', `${standard.id} from ${standard.source}`],
    ['Images', `${images.listed} listed, ${images.considered} considered`],
    ['Filter', filterText(options)],
  ];
  if (options.strict) rows.push(['Mode', 'strict: recommended testcases count toward the verdict']);
  rows.push(['Checked at', `${report.checkedAt} by ${report.tool.name} ${report.tool.version}`]);
  return rows;
}

function filterText(options: CheckReport['options']): string {
  const vis = options.visibilities.includes('all') ? 'any visibility' : `visibility ${options.visibilities.join(', ') || '(none)'}`;
  const parts = [vis, options.includeHidden ? 'hidden images included' : 'hidden images excluded'];
  // Reference behaviour: worth saying, because it means some images were not checked.
  if (options.collapseDuplicates) parts.push('duplicate names collapsed to the last listed');
  return parts.join('; ');
}

function details(tc: TestcaseResult, outcome: Outcome, verbose: boolean): string[] {
  const lines = outcome !== 'PASS' || verbose ? findingLines(tc.findings) : [];
  if (outcome === 'PASS' && verbose) {
    // A source testcase passes vacuously when nothing matched; verbose output makes that visible.
    const labels = tc.images.length > 0 ? tc.images.map(imageLabel) : ['none'];
    labels.forEach((label, i) => lines.push(`${i === 0 ? 'matched' : ''}`.padEnd(9) + label));
  }
  return lines;
}

function field(label: string, value: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${printable(value)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Image names and properties come from the cloud, where other projects' community images are
 * listed too: control characters, escape sequences and bidi overrides are shown escaped so they
 * cannot move the cursor, recolour or reorder the report in a terminal.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
