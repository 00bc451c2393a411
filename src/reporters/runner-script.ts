/**
 * `check --script`: what the official runner (scs-compliance-check) reads from a test script.
 * stdout carries exactly one `<id>: PASS|FAIL|ABORT` line per requested id, in the order asked,
 * and nothing else: the runner takes verdicts from stdout only, and a line it cannot read is a
 * missing testcase, which its dashboard counts as not failing. stderr carries `LEVEL: message`
 * lines, one line each, aggregated the way the official test script logs them, because the runner
 * counts lines by level (its exit code is a count of CRITICAL and ERROR lines) and the monitor's
 * public view keeps only `ERROR:` and `WARNING:` lines: one ERROR per failing scs-0102 testcase
 * naming its images, one per failing scs-0104 finding (a missing image, a source mismatch per
 * image); the details as DEBUG lines, which nothing counts.
 */
import type { CheckReport, SubjectReport } from '../core/check/report.js';
import type { Finding, TestcaseResult } from '../core/check/result.js';
import { printable } from './common.js';

export interface ScriptOutput {
  stdout: string[];
  stderr: string[];
}

/** One log line: a level and a message, on one line, with nothing that could steer a terminal. */
export function logLine(level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL', message: string): string {
  return `${level}: ${printable(message.replace(/\r\n|\r|\n/g, ' '))}`;
}

/** Every requested id ABORTed, with CRITICAL lines saying why (the official pre-flight's shape). */
export function abortAll(ids: readonly string[], reasons: readonly string[]): ScriptOutput {
  return {
    stdout: ids.map((id) => `${id}: ABORT`),
    stderr: [...reasons.map((r) => logLine('CRITICAL', r)), logLine('CRITICAL', 'Pre-flight checks failed. Reporting all testcases as ABORT.')],
  };
}

/**
 * The verdict lines of the requested ids (all of the subject's testcases when none was asked for),
 * and the log. `unknown`: requested `scs-*` ids the scope does not include (ABORT, one ERROR each);
 * `ignored`: requested words that are no `scs-*` id (one WARNING, no verdict line).
 */
export function renderScript(report: CheckReport, subject: SubjectReport, requested: readonly string[], ignored: readonly string[]): ScriptOutput {
  const byId = new Map(subject.testcases.map((t) => [t.id, t]));
  const ids = requested.length > 0 ? requested : subject.testcases.map((t) => t.id);
  const stdout: string[] = [];
  const stderr: string[] = [];
  if (ignored.length > 0) stderr.push(logLine('WARNING', `ignoring unknown testcases: ${ignored.join(', ')}`));
  for (const w of report.warnings) stderr.push(logLine('WARNING', w));
  for (const id of ids) {
    const tc = byId.get(id);
    if (!tc) {
      stdout.push(`${id}: ABORT`);
      stderr.push(logLine('ERROR', `${id}: no such testcase in ${report.scope ? `${report.scope.name}` : 'the standards run'}; reported as ABORT`));
      continue;
    }
    stdout.push(`${id}: ${tc.verdict}`);
    stderr.push(...testcaseLog(tc));
  }
  return { stdout, stderr };
}

function testcaseLog(tc: TestcaseResult): string[] {
  const lines = tc.findings.map((f) => logLine('DEBUG', `${tc.id}: ${f.message}`));
  const errors = tc.findings.filter((f) => f.level === 'error');
  if (tc.verdict === 'ABORT') {
    lines.push(logLine('ERROR', `${tc.id} could not be decided: ${errors[0]?.message ?? tc.findings[0]?.message ?? 'no reason given'}`));
  } else if (tc.verdict === 'FAIL') {
    const property = /^scs-0102-prop-(.+)$/.exec(tc.id)?.[1];
    const named = imageNames(errors).join(', ') || '(none named)';
    // the official script logs the build date per image and every other property per testcase
    if (property === 'image_build_date') for (const f of errors) lines.push(logLine('ERROR', f.message));
    else if (property) lines.push(logLine('ERROR', `property ${property} not correct for image(s): ${named}`));
    else if (tc.id.startsWith('scs-0102-')) lines.push(logLine('ERROR', `${tc.id} not met for image(s): ${named}`));
    else for (const f of errors) lines.push(logLine('ERROR', f.message));
  }
  const warnings = tc.findings.filter((f) => f.level === 'warning');
  if (warnings.length > 0 && tc.verdict !== 'PASS')
    lines.push(logLine('WARNING', `${tc.id} (recommended) not met for image(s): ${imageNames(warnings).join(', ') || '(none named)'}`));
  return lines;
}

function imageNames(findings: readonly Finding[]): string[] {
  return [...new Set(findings.flatMap((f) => (f.image ? [f.image.name || f.image.id] : [])))];
}
