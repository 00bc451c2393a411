import type { CheckReport, SubjectReport } from '../core/check/report.js';
import type { TestcaseResult } from '../core/check/result.js';
import { isAdvisory } from '../core/check/advisory.js';
import {
  countsText,
  scopeLabel,
  findingLines,
  moduleGroups,
  moduleState,
  outcomeOf,
  overallVerdict,
  ownFindings,
  plural,
  printable,
  subjectVerdict,
  type Outcome,
  type ReportVerdict,
  otherVersionLines,
} from './common.js';
import { htmlText } from './html-escape.js';
import { dashboardLine } from '../core/check/dashboard.js';

export const OUTCOME_EMOJI: Readonly<Record<Outcome | ReportVerdict, string>> = {
  PASS: '✅',
  FAIL: '❌',
  ABORT: '⛔',
  WARN: '⚠️',
  COMPLIANT: '✅',
  'NOT COMPLIANT': '❌',
  'NO VERDICT': '⛔',
  INCONCLUSIVE: '❔',
};

/**
 * GitHub caps a step summary at 1 MiB: findings are cut after this many lines per testcase (the
 * JSON and HTML reports have them all).
 */
export const MAX_FINDING_LINES = 60;

/**
 * Markdown for CI job summaries (GitHub's `$GITHUB_STEP_SUMMARY`, GitLab and Gitea render the same
 * GFM): the overall verdict, a table of subjects × modules, then per subject a table of testcases
 * and the findings of each testcase that did not pass, collapsed in `<details>`.
 *
 * Untrusted text (names, ids, messages) is escaped for the place it goes: `inline()` for table
 * cells and headings, and findings go in fenced code blocks, where nothing is markup.
 */
export function renderMarkdown(report: CheckReport): string {
  const { strict } = report.options;
  const out: string[] = [];
  const verdict = overallVerdict(report);
  out.push(`## ${OUTCOME_EMOJI[verdict]} SCS image check: ${verdict}`, '');
  const about = [
    report.scope ? `Scope **${inline(scopeLabel(report.scope))}**` : '',
    `modules ${report.modules.map((m) => `\`${code(m.id)}\`${m.date ? ` (bundled copy of ${inline(m.date)})` : ''}`).join(', ')}`,
    `checked at ${inline(report.checkedAt)} by ${inline(`${report.tool.name} ${report.tool.version}`)}`,
    strict ? 'strict mode' : '',
    report.options.strictReading ? 'strict reading (FAIL where the official test aborts)' : '',
  ].filter(Boolean);
  out.push(`${about.join('; ')}.`, '');
  for (const w of report.warnings) out.push(`> **Warning:** ${inline(w)}`, '');

  out.push(`| Subject | Verdict | ${report.modules.map((m) => `\`${code(m.id)}\``).join(' | ')} | Testcases |`);
  out.push(`|---|---|${report.modules.map(() => '---|').join('')}---|`);
  for (const s of report.subjects) {
    const cells = moduleGroups(s, report.modules, strict)
      .filter((g) => report.modules.includes(g.module))
      .map((g) => `${OUTCOME_EMOJI[moduleState(g.summary)]} ${moduleState(g.summary)} ${g.summary.passed}/${g.testcases.length}`);
    out.push(`| ${inline(subjectName(s))} | ${verdictText(subjectVerdict(s))} | ${cells.join(' | ')} | ${countsText(s.summary)} |`);
  }
  out.push('');

  for (const s of report.subjects) out.push(...subjectBlock(s, strict));
  return `${out.join('\n')}\n`;
}

function subjectBlock(s: SubjectReport, strict: boolean): string[] {
  const v = subjectVerdict(s);
  const out = [`### ${OUTCOME_EMOJI[v]} ${inline(`${s.subject.kind === 'cloud' ? 'Cloud' : 'File'} ${subjectName(s)}`)}: ${v}`, ''];
  if (s.error !== undefined) out.push(`> **Could not be checked:** ${inline(s.error)}`, '');
  out.push(`${s.images.listed} images listed, ${s.images.considered} considered; testcases: ${countsText(s.summary)}.`, '');
  if (s.dashboard) out.push(`SCS dashboard: ${inline(dashboardLine(s.dashboard))}.`, '');
  for (const line of otherVersionLines(s)) out.push(`Upcoming: ${inline(line)}.`, '');
  if (s.testcases.length === 0) return out;

  out.push('| Verdict | Testcase | Module | Findings |', '|---|---|---|---|');
  for (const tc of s.testcases) {
    const outcome = outcomeOf(tc, strict);
    const findings = ownFindings(tc, s);
    const problems = findings.filter((f) => !isAdvisory(f)).length;
    const notes = [problems > 0 ? plural(problems, 'finding') : '', findings.length > problems ? plural(findings.length - problems, 'advisory note') : ''];
    out.push(
      `| ${OUTCOME_EMOJI[outcome]} ${outcome} | \`${code(tc.id)}\` ${inline(tc.description)} | ${inline(tc.module ?? '')} | ${notes.filter(Boolean).join(', ') || '–'} |`,
    );
  }
  out.push('');

  for (const tc of s.testcases) {
    const outcome = outcomeOf(tc, strict);
    const lines = findingLines(ownFindings(tc, s).filter((f) => !isAdvisory(f))).map(printable);
    if (outcome === 'PASS' || lines.length === 0) continue;
    out.push(...details(tc, outcome, lines));
  }
  return out;
}

function details(tc: TestcaseResult, outcome: Outcome, lines: string[]): string[] {
  const shown =
    lines.length > MAX_FINDING_LINES
      ? [...lines.slice(0, MAX_FINDING_LINES), `… ${lines.length - MAX_FINDING_LINES} more lines in the JSON or HTML report`]
      : lines;
  // <summary> is HTML, not Markdown: escape markup there; the body is a fenced block.
  return [
    `<details><summary>${OUTCOME_EMOJI[outcome]} ${outcome} <code>${htmlText(tc.id)}</code></summary>`,
    '',
    ...fenced(shown.join('\n')),
    '',
    '</details>',
    '',
  ];
}

/** A code fence longer than any backtick run in the content, so the content cannot close it. */
export function fenced(content: string): string[] {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, content, fence];
}

/**
 * Untrusted text for a table cell or heading: one line, every ASCII punctuation that GFM could read
 * as markup backslash-escaped (`|` included, which would end the cell), `<` and `&` as entities so
 * no HTML tag or entity survives, and controls and bidi overrides made visible.
 */
export function inline(s: string): string {
  return printable(s)
    .replace(/[\\`*_{}[\]()#+\-.!|~^$=:"'@]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text inside an inline code span in a table: only `|` needs escaping there (GFM), backticks cannot occur in ids. */
function code(s: string): string {
  return printable(s).replace(/`/g, "'").replace(/\|/g, '\\|');
}

function verdictText(v: ReportVerdict): string {
  return `${OUTCOME_EMOJI[v]} ${v}`;
}

function subjectName(s: SubjectReport): string {
  return s.subject.region !== undefined ? `${s.subject.name} (region ${s.subject.region})` : s.subject.name;
}
