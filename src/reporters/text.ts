import type { CheckReport, SubjectReport } from '../core/check/report.js';
import type { TestcaseResult } from '../core/check/result.js';
import { isAdvisory } from '../core/check/advisory.js';
import { differencesFor } from '../core/check/differences.js';
import { dashboardLine } from '../core/check/dashboard.js';
import {
  countsText,
  moduleSourceLabel,
  scopeLabel,
  otherVersionLines,
  onlyInOtherVersions,
  filterText,
  findingLines,
  imageLabel,
  moduleGroups,
  moduleState,
  outcomeOf,
  overallVerdict,
  ownFindings,
  plural,
  printable,
  subjectVerdict,
  repairHint,
  type Outcome,
  type ReportVerdict,
  connectionLabel,
} from './common.js';

export { printable } from './common.js';

export interface TextOptions {
  /** ANSI colours; the CLI decides (TTY and no NO_COLOR), the renderer never looks. */
  color: boolean;
  /** Also list the images each passing testcase matched. */
  verbose?: boolean;
  /** Show advisory findings and both readings (official test, standard's text) instead of a count. */
  explain?: boolean;
}

const SGR = { bold: '1', red: '31', green: '32', yellow: '33' } as const;
type Style = keyof typeof SGR;

const OUTCOME_STYLE: Record<Outcome, Style> = { PASS: 'green', FAIL: 'red', ABORT: 'yellow', WARN: 'yellow' };
const STATE_STYLE = { PASS: 'green', FAIL: 'red', ABORT: 'yellow' } as const satisfies Record<string, Style>;
const VERDICT_STYLE: Record<ReportVerdict, Style> = { COMPLIANT: 'green', 'NOT COMPLIANT': 'red', 'NO VERDICT': 'yellow', INCONCLUSIVE: 'yellow' };

/** Width of the verdict column: the longest outcome word. */
const VERDICT_WIDTH = 5;
/** Findings start under the testcase id. */
const DETAIL_INDENT = ' '.repeat(VERDICT_WIDTH + 2);
/** Width of the `Label` column in the header and footer. */
const LABEL_WIDTH = 12;

/**
 * The human report. Per subject: a header, one aligned line per testcase with its findings, the
 * per-module counts (like the SCS compliance check's per-target lines) and the subject's verdict;
 * with several subjects, an overall verdict at the end.
 */
export function renderText(report: CheckReport, options: TextOptions): string {
  const paint: Paint = (s, ...styles) => (options.color ? `\x1b[${styles.map((st) => SGR[st]).join(';')}m${s}\x1b[0m` : s);
  const out: string[] = [];
  report.subjects.forEach((subject, index) => {
    if (index > 0) out.push('', '─'.repeat(60), '');
    out.push(...renderSubject(report, subject, options, paint));
  });
  if (report.subjects.length > 1) {
    const compliant = report.subjects.filter((s) => s.compliant).length;
    out.push('', field('Clouds', `${report.subjects.length}: ${compliant} compliant`));
    out.push('Overall'.padEnd(LABEL_WIDTH) + verdictWord(overallVerdict(report), paint));
  }
  return `${out.join('\n')}\n`;
}

type Paint = (s: string, ...styles: Style[]) => string;

function verdictWord(verdict: ReportVerdict, paint: Paint): string {
  return paint(verdict, 'bold', VERDICT_STYLE[verdict]);
}

function renderSubject(report: CheckReport, subject: SubjectReport, options: TextOptions, paint: Paint): string[] {
  const { strict } = report.options;
  const out: string[] = [];
  for (const [label, value] of header(report, subject)) out.push(field(label, value));
  if (subject.error !== undefined) out.push(field('Error', subject.error));
  out.push('');

  if (nothingListed(subject)) {
    // 23 lines repeating one reason help nobody; every testcase is still in JSON, JUnit and YAML
    const verdict = paint('ABORT'.padEnd(VERDICT_WIDTH), OUTCOME_STYLE.ABORT);
    out.push(`${verdict}  ${plural(subject.testcases.length, 'testcase')} not run: the images could not be listed (Error above)`, '');
  } else {
    out.push(...testcaseLines(report, subject, options, paint));
  }

  const groups = moduleGroups(subject, report.modules, strict);
  if (groups.length > 1) {
    for (const { module, summary } of groups) {
      const state = moduleState(summary);
      out.push(`${field('Module', `${module.id} (${module.name}): `)}${paint(state, STATE_STYLE[state])} (${countsText(summary)})`);
    }
  }
  let counts = `${subject.testcases.filter((tc) => !onlyInOtherVersions(report, tc.id)).length}: ${countsText(subject.summary)}`;
  if (subject.summary.warnings > 0) counts += ' (recommended testcases; they count only in strict mode)';
  out.push(field('Testcases', counts));
  const inForce = report.scope?.versions && report.scope.versions.length > 1 ? ` (${report.scope.version}, in force)` : '';
  out.push('Verdict'.padEnd(LABEL_WIDTH) + verdictWord(subjectVerdict(subject), paint) + inForce);
  for (const line of otherVersionLines(subject)) out.push(field(line === otherVersionLines(subject)[0] ? 'Upcoming' : '', line));
  if (subject.dashboard) out.push(field('Dashboard', dashboardLine(subject.dashboard)));
  const hint = repairHint(subject);
  if (hint) out.push(field('Repair', hint));
  return out;
}

/** The subject could not be listed at all: its testcases are ABORTs for that one reason. */
function nothingListed(subject: SubjectReport): boolean {
  return subject.error !== undefined && subject.testcases.length > 0 && subject.testcases.every((tc) => tc.verdict === 'ABORT');
}

function testcaseLines(report: CheckReport, subject: SubjectReport, options: TextOptions, paint: Paint): string[] {
  const out: string[] = [];
  const idWidth = Math.max(0, ...subject.testcases.map((tc) => printable(tc.id).length));
  for (const tc of subject.testcases) {
    const outcome = outcomeOf(tc, report.options.strict);
    // Pad before painting: escape sequences have no width but would count in padEnd.
    const verdict = paint(outcome.padEnd(VERDICT_WIDTH), OUTCOME_STYLE[outcome]);
    const only = onlyInOtherVersions(report, tc.id);
    out.push(`${verdict}  ${printable(tc.id).padEnd(idWidth)}  ${printable(tc.description)}${only ? ` [${only}, not counted]` : ''}`.trimEnd());
    for (const line of details({ ...tc, findings: ownFindings(tc, subject) }, outcome, options)) out.push(DETAIL_INDENT + printable(line));
  }
  if (subject.testcases.length > 0) out.push('');
  return out;
}

function header(report: CheckReport, s: SubjectReport): Array<[string, string]> {
  const { options } = report;
  const { subject, images } = s;
  const where = subject.kind === 'cloud' ? `cloud ${subject.name}` : `file ${subject.name}`;
  const rows: Array<[string, string]> = [['Subject', subject.region ? `${where} (region ${subject.region})` : where]];
  if (subject.connection) rows.push(['Checked as', connectionLabel(subject.connection)]);
  if (report.scope) rows.push(['Scope', scopeLabel(report.scope)]);
  for (const m of report.modules) rows.push([m === report.modules[0] ? 'Standard' : '', `${m.id} (${m.name}) from ${moduleSourceLabel(m)}`]);
  rows.push(['Images', `${images.listed} listed, ${images.considered} considered`], ['Filter', filterText(options)]);
  if (options.strict) rows.push(['Mode', 'strict: recommended testcases count toward the verdict']);
  if (options.strictReading) rows.push(['Reading', 'strict: FAIL where the official test aborts (the SCS dashboard shows ABORT there)']);
  rows.push(['Checked at', `${report.checkedAt} by ${report.tool.name} ${report.tool.version}`]);
  for (const w of report.warnings) rows.push([w === report.warnings[0] ? 'Warning' : '', w]);
  return rows;
}

function details(tc: TestcaseResult, outcome: Outcome, { verbose = false, explain = false }: TextOptions): string[] {
  const advisories = tc.findings.filter(isAdvisory);
  const findings = tc.findings.filter((f) => !isAdvisory(f));
  const lines = outcome !== 'PASS' || verbose ? findingLines(findings) : [];
  if (advisories.length > 0) {
    if (explain) {
      lines.push(...advisories.map((f) => `- ${f.message}`));
      for (const d of differencesFor(
        tc.id,
        advisories.map((f) => f.message),
      )) {
        lines.push(`  reading of the official test (decides the verdict${d.reading === 'official' ? ', except here' : ''}): ${d.official}`);
        lines.push(`  reading of the standard's text: ${d.standard}`);
      }
    } else {
      // an advisory may describe either reading (see advisories.ts), so name both
      lines.push(`${plural(advisories.length, 'advisory note')}: the official test and the standard's text read this rule differently (--explain)`);
    }
  }
  if (outcome === 'PASS' && verbose) {
    // A source testcase passes vacuously when nothing matched; verbose output makes that visible.
    const labels = tc.images.length > 0 ? tc.images.map(imageLabel) : ['none'];
    for (const [i, label] of labels.entries()) lines.push(`${i === 0 ? 'matched' : ''}`.padEnd(9) + label);
  }
  return lines;
}

function field(label: string, value: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${printable(value)}`;
}
