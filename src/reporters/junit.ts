import type { CheckReport, SubjectReport } from '../core/check/report.js';
import { summarize, type TestcaseResult } from '../core/check/result.js';
import { verdictOf } from '../core/check/verdict.js';
import { dashboardLine } from '../core/check/dashboard.js';
import { findingLines, moduleGroups, outcomeOf, type ModuleGroup } from './common.js';

/**
 * JUnit XML for CI systems: one <testsuite> per subject (cloud or file) and module, one
 * <testcase> per SCS testcase. Every testcase is in exactly one suite, so the counts of
 * <testsuites> are the sums of its suites' and agree with the report's summary.
 *
 * Counted FAILs become <failure>, counted ABORTs <error>. A recommended testcase that did not pass
 * without strict mode is a warning: it stays a passing testcase (CI systems ignore <skipped>, and
 * a <failure> would break builds the verdict does not break), with the findings in <system-out>
 * and `outcome=warning` in its <properties>, so `tests/failures/errors` agree with the verdict.
 */
export function renderJunit(report: CheckReport): string {
  const { strict } = report.options;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({
      name: report.tool.name,
      ...counts(
        report.subjects.flatMap((s) => s.testcases),
        strict,
      ),
    })}>`,
  );
  for (const subject of report.subjects) {
    for (const group of moduleGroups(subject, report.modules, strict)) {
      const { module, testcases } = group;
      // CI systems read the part before the last dot as a package: subject, then module
      const classname = `${subject.subject.name}.${module.id}`;
      out.push(
        `  <testsuite${attrs({ name: `${subjectLabel(subject)} ${module.id}`, ...counts(testcases, strict), skipped: '0', timestamp: report.checkedAt })}>`,
      );
      out.push('    <properties>');
      for (const [name, value] of suiteProperties(report, subject, group)) out.push(`      ${property(name, value)}`);
      out.push('    </properties>');
      for (const tc of testcases) out.push(...testcase(tc, strict, classname));
      out.push('  </testsuite>');
    }
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function counts(tcs: readonly TestcaseResult[], strict: boolean): Record<string, string> {
  const s = summarize(tcs, strict);
  return { tests: String(tcs.length), failures: String(s.failed), errors: String(s.aborted) };
}

function subjectLabel(s: SubjectReport): string {
  return s.subject.region !== undefined ? `${s.subject.name}/${s.subject.region}` : s.subject.name;
}

/**
 * The run, the subject and the module; `warnings` and `compliant` are the module's in this subject,
 * `subject_verdict` the subject's and `run_verdict` the whole report's (as the exit code).
 */
function suiteProperties(report: CheckReport, s: SubjectReport, group: ModuleGroup): Array<[string, string]> {
  const { options } = report;
  const { subject, images } = s;
  const { module, summary } = group;
  const props: Array<[string, string]> = [
    ['format_version', report.formatVersion],
    ['tool_version', report.tool.version],
    ['subject_kind', subject.kind],
    ['subject', subject.name],
  ];
  if (subject.region !== undefined) props.push(['region', subject.region]);
  if (report.scope) props.push(['scope', `${report.scope.name} ${report.scope.version}`]);
  if (report.scope?.date) props.push(['scope_date', report.scope.date]);
  props.push(['module', module.id], ['module_name', module.name], ['standard_source', module.source]);
  if (module.date) props.push(['standard_date', module.date]);
  for (const w of report.warnings) props.push(['run_warning', w]);
  props.push(
    ['images_listed', String(images.listed)],
    ['images_considered', String(images.considered)],
    ['visibilities', options.visibilities.join(',')],
    ['include_hidden', String(options.includeHidden)],
    ['all_community', String(options.allCommunity)],
    ['collapse_duplicates', String(options.collapseDuplicates)],
    ['strict', String(options.strict)],
    ['strict_reading', String(options.strictReading)],
    ['warnings', String(summary.warnings)],
    ['compliant', String(verdictOf(summary) === 'compliant')],
    ['subject_compliant', String(s.compliant)],
    ['subject_verdict', s.verdict],
    ['run_verdict', report.verdict],
  );
  if (s.dashboard) props.push(['dashboard', dashboardLine(s.dashboard)]);
  for (const v of s.versions ?? []) props.push([`version_${v.version}`, `${v.state ?? ''}${v.inForce ? ', in force' : ''}: ${v.verdict}`]);
  if (s.error !== undefined) props.push(['error', s.error]);
  return props;
}

function testcase(tc: TestcaseResult, strict: boolean, classname: string): string[] {
  const outcome = outcomeOf(tc, strict);
  const out = [`    <testcase${attrs({ classname, name: tc.id })}>`];
  out.push('      <properties>');
  out.push(`        ${property('description', tc.description)}`);
  out.push(`        ${property('requirement', tc.requirement)}`);
  out.push(`        ${property('verdict', tc.verdict)}`);
  if (tc.officialAbort) out.push(`        ${property('official_abort', 'true')}`);
  if (outcome === 'WARN') out.push(`        ${property('outcome', 'warning')}`);
  out.push('      </properties>');
  const body = findingLines(tc.findings).join('\n');
  if (outcome === 'FAIL' || outcome === 'ABORT') {
    const element = outcome === 'FAIL' ? 'failure' : 'error';
    out.push(`      <${element}${attrs({ message: headline(tc), type: tc.verdict })}>${xmlText(body)}</${element}>`);
  } else if (outcome === 'WARN') {
    const note = `WARNING: recommended testcase ${tc.id} is ${tc.verdict}; counted only in strict mode`;
    out.push(`      <system-out>${xmlText([note, body].filter((s) => s !== '').join('\n'))}</system-out>`);
  }
  out.push('    </testcase>');
  return out;
}

/** The one line CI tools show next to the testcase name. */
function headline(tc: TestcaseResult): string {
  const [first] = tc.findings;
  if (first === undefined) return `${tc.verdict}: ${tc.description}`;
  return tc.findings.length === 1 ? first.message : `${tc.findings.length} findings; first: ${first.message}`;
}

function property(name: string, value: string): string {
  return `<property${attrs({ name, value })}/>`;
}

function attrs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttribute(v)}"`)
    .join('');
}

/**
 * Characters XML 1.0 cannot carry at all, even as references: C0 controls except tab/LF/CR,
 * U+FFFE/U+FFFF and unpaired surrogates. They are dropped; everything else is escaped.
 */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(s: string): string {
  // CR is a reference so parsers' line-end normalisation does not turn it into LF.
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes and whitespace that attribute normalisation would flatten. */
export function xmlAttribute(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
