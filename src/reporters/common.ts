import type { CheckReport, ModuleRef, ScopeRef, SubjectConnection, SubjectReport } from '../core/check/report.js';
import { summarize, type CheckSummary, type Finding, type TestcaseResult } from '../core/check/result.js';
import { verdictOf, type ComplianceVerdict } from '../core/check/verdict.js';
import type { ImageRef } from '../core/images/image.js';

/**
 * How a testcase counts in this run. `WARN` is a non-PASS of a recommended testcase without
 * strict mode: it is in `summary.warnings`, not in failed/aborted, and leaves the verdict alone.
 * Both FAIL and ABORT map to WARN there, because `summarize` counts both as warnings.
 */
export type Outcome = 'PASS' | 'FAIL' | 'ABORT' | 'WARN';

export function outcomeOf(tc: TestcaseResult, strict: boolean): Outcome {
  if (tc.verdict === 'PASS') return 'PASS';
  if (tc.requirement === 'recommended' && !strict) return 'WARN';
  return tc.verdict;
}

/** Worst first: the order of "sort by verdict" and of an image's outcome over its testcases. */
export const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { FAIL: 0, ABORT: 1, WARN: 2, PASS: 3 };

/**
 * The words a report says for a verdict (decided once, by core/check/verdict.ts, and stored in the
 * report): `NO VERDICT` when nothing failed but something could not be decided (an ABORT, or a
 * cloud that could not be listed), so a report never calls an unchecked cloud non-compliant;
 * `INCONCLUSIVE` when everything was decided, nothing failed, and some testcase ABORTed as the
 * official test does on this input (the SCS dashboard's ✅*).
 */
export type ReportVerdict = 'COMPLIANT' | 'NOT COMPLIANT' | 'NO VERDICT' | 'INCONCLUSIVE';

export const VERDICT_WORDS: Readonly<Record<ComplianceVerdict, ReportVerdict>> = {
  compliant: 'COMPLIANT',
  'not-compliant': 'NOT COMPLIANT',
  'no-verdict': 'NO VERDICT',
  inconclusive: 'INCONCLUSIVE',
};

export function subjectVerdict(s: SubjectReport): ReportVerdict {
  return VERDICT_WORDS[s.verdict];
}

/** Over all subjects: one that is not compliant decides; otherwise an undecided one does. */
export function overallVerdict(report: CheckReport): ReportVerdict {
  return VERDICT_WORDS[report.verdict];
}

const MODULE_STATE: Readonly<Record<ComplianceVerdict, 'PASS' | 'FAIL' | 'ABORT'>> = {
  compliant: 'PASS',
  'not-compliant': 'FAIL',
  'no-verdict': 'ABORT',
  inconclusive: 'ABORT',
};

/** A module's state in one subject, like the per-target lines of the SCS compliance check. */
export function moduleState(summary: CheckSummary): 'PASS' | 'FAIL' | 'ABORT' {
  return MODULE_STATE[verdictOf(summary)];
}

export interface ModuleGroup {
  module: ModuleRef;
  testcases: TestcaseResult[];
  summary: CheckSummary;
}

/** Testcases outside every listed module (none in reports of the CLI) are grouped under this. */
const OTHER_MODULE: ModuleRef = { id: 'other', name: 'Other testcases', source: '' };

/**
 * A subject's testcases per module, in the report's module order, so every testcase is in exactly
 * one group: those naming no listed module land in a last `other` group (only when there are any).
 */
export function moduleGroups(subject: SubjectReport, modules: readonly ModuleRef[], strict: boolean): ModuleGroup[] {
  const known = new Set(modules.map((m) => m.id));
  const group = (module: ModuleRef, testcases: TestcaseResult[]): ModuleGroup => ({ module, testcases, summary: summarize(testcases, strict) });
  const groups = modules.map((m) =>
    group(
      m,
      subject.testcases.filter((t) => t.module === m.id),
    ),
  );
  const rest = subject.testcases.filter((t) => t.module === undefined || !known.has(t.module));
  return rest.length > 0 ? [...groups, group(OTHER_MODULE, rest)] : groups;
}

/** A testcase's findings without the subject's error, which is said once per subject, not under each ABORT. */
export function ownFindings(tc: TestcaseResult, subject: SubjectReport): Finding[] {
  return subject.error === undefined ? tc.findings : tc.findings.filter((f) => f.message !== subject.error);
}

/** The image selection in words, e.g. `visibility public, community; hidden images excluded`. */
export function filterText(options: CheckReport['options']): string {
  const vis = options.visibilities.includes('all') ? 'any visibility' : `visibility ${options.visibilities.join(', ') || '(none)'}`;
  const parts = [vis, options.includeHidden ? 'hidden images included' : 'hidden images excluded'];
  if (options.allCommunity) parts.push("other projects' community images included");
  // Reference behaviour: worth saying, because it means some images were not checked.
  if (options.collapseDuplicates) parts.push('duplicate names collapsed to the last listed');
  return parts.join('; ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `1 passed, 0 failed, 0 aborted, 2 warnings` */
export function countsText(s: CheckSummary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.aborted} aborted, ${plural(s.warnings, 'warning')}`;
}

export function imageLabel(image: ImageRef): string {
  return `${image.name === '' ? '(unnamed)' : image.name} (${image.id})`;
}

/** A finding's value for display; JSON keeps types visible (a number is not a string). */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'not set';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Plain-text lines (no indent, no colour) explaining findings, shared by the text and JUnit
 * reports so people read the same layout in a terminal and in a CI page.
 *
 * A finding about an image property becomes `- <name> (<id>)  <property>: <value>`, aligned over
 * the block; anything else shows its message. When several findings accept the same values (the
 * usual case: every image of one spec entry), the accepted values are listed once at the end
 * instead of after each image.
 */
export function findingLines(findings: readonly Finding[]): string[] {
  const shared = sharedExpected(findings);
  const structured = (f: Finding): boolean => f.image !== undefined && f.property !== undefined;
  const labelWidth = Math.max(0, ...findings.filter(structured).map((f) => imageLabel(f.image!).length));
  const lines: string[] = [];
  for (const f of findings) {
    if (structured(f)) {
      lines.push(`- ${imageLabel(f.image!).padEnd(labelWidth)}  ${f.property}: ${formatValue(f.value)}`);
    } else {
      lines.push(`- ${f.message}`);
    }
    if (!shared && f.expected !== undefined && f.expected.length > 0) lines.push(...allowedLines(f.expected));
  }
  if (shared) lines.push(...allowedLines(shared));
  return lines;
}

function allowedLines(expected: readonly string[]): string[] {
  const label = 'allowed: ';
  return expected.map((e, i) => `  ${i === 0 ? label : ' '.repeat(label.length)}${e}`);
}

/** The accepted values all findings share (so they can be listed once), if there are two or more. */
export function sharedExpected(findings: readonly Finding[]): readonly string[] | undefined {
  const first = findings[0]?.expected;
  if (findings.length < 2 || first === undefined || first.length === 0) return undefined;
  const key = JSON.stringify(first);
  return findings.every((f) => f.expected !== undefined && JSON.stringify(f.expected) === key) ? first : undefined;
}

/**
 * Image names and properties come from the cloud, where other projects' community images are
 * listed too: shown through the one sanitizer (core/text/printable.ts).
 */
export { printable } from '../core/text/printable.js';

/** `SCS-compatible IaaS v5.1 (bundled copy of 2026-08-21)`: every format says how old its data is. */
export function scopeLabel(scope: ScopeRef): string {
  return `${scope.name} ${scope.version}${scope.date ? ` (bundled copy of ${scope.date})` : ''}`;
}

/** `scs-0104-v1-images-v5 (bundled copy of 2026-08-21)`, or just the source for files and URLs. */
export function moduleSourceLabel(module: ModuleRef): string {
  const reference = module.reference ? `; verdicts as the official test of ${module.reference}` : '';
  return `${module.source}${module.date ? ` (bundled copy of ${module.date})` : ''}${reference}`;
}

/** `user demo (id …) in project demo (id …) at https://…/v3; images from https://…`: who checked what. */
export function connectionLabel(c: SubjectConnection): string {
  const who = c.user ? `user ${c.user.name || '?'} (${c.user.id})` : 'no user';
  const where = c.project ? ` in project ${c.project.name || '?'} (${c.project.id})` : '';
  return `${who}${where} at ${c.authUrl}; images from ${c.imageEndpoint}`;
}

/** Values a finding lists that are real property values (not descriptions like "a non-empty value"). */
const LITERAL_VALUE = /^[A-Za-z0-9_.:/@+-]+$/;

/**
 * The command that fixes a property finding, for an auditor's report: one value when the rule
 * allows one, a placeholder naming the choices otherwise; undefined where no property change
 * helps (Glance's own hash, the image's bytes).
 */
export function fixCommand(testcase: string, f: Finding): string | undefined {
  if (!f.image || !f.property || f.level === 'info' || testcase.startsWith('audit-')) return undefined;
  const id = f.image.id;
  if (f.property === 'os_hash_algo') return undefined;
  if (f.property === 'min_disk') return `openstack image set --min-disk <GiB> ${id}`;
  if (f.property === 'min_ram') return `openstack image set --min-ram <MiB> ${id}`;
  const values = (f.expected ?? []).filter((v) => LITERAL_VALUE.test(v));
  const value = values.length === 1 ? (values[0] as string) : values.length > 1 ? `<one of: ${values.join(' ')}>` : '<value>';
  const quoted = /^[A-Za-z0-9_.:/@+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
  return `openstack image set --property ${f.property}=${quoted} ${id}`;
}

/**
 * One pointer at `scs-images fix` for a cloud whose failed testcases have property findings: it
 * plans every such repair at once (from values inferred or given), where fixCommand gives one.
 */
export function repairHint(s: SubjectReport): string | undefined {
  if (s.subject.kind !== 'cloud') return undefined;
  const fixable = s.testcases.some((tc) => tc.verdict === 'FAIL' && tc.findings.some((f) => fixCommand(tc.id, f) !== undefined));
  if (!fixable) return undefined;
  return `scs-images fix --cloud ${s.subject.name} --out fix.json plans the property repairs of your project's images (then: scs-images apply fix.json; see docs/adopt.md)`;
}

/**
 * The versions besides the one in force that a run checked (a draft shows what is coming), each as
 * one line: `next (draft, not yet in force): NOT COMPLIANT (24 passed, 1 failed, ...)`.
 */
export function otherVersionLines(s: SubjectReport): string[] {
  return (s.versions ?? [])
    .filter((v) => !v.inForce)
    .map((v) => `${v.version} (${v.state ?? 'not in the timeline'}, not yet in force): ${VERDICT_WORDS[v.verdict]} (${countsText(v.summary)})`);
}

/** `v5.1 (in force)` when the run checked several versions, else the version alone. */
export function inForceLabel(report: CheckReport): string | undefined {
  if (!report.scope) return undefined;
  return report.scope.versions && report.scope.versions.length > 1 ? `${report.scope.version} (in force)` : report.scope.version;
}

/** For a testcase only other versions include: `next only` (it does not count toward the verdict). */
export function onlyInOtherVersions(report: CheckReport, id: string): string | undefined {
  const versions = report.scope?.versions;
  if (!versions || versions.length < 2) return undefined;
  if (versions.some((v) => v.inForce && v.testcases.some((t) => t.id === id))) return undefined;
  const others = versions.filter((v) => v.testcases.some((t) => t.id === id)).map((v) => v.version);
  return others.length > 0 ? `${others.join(', ')} only` : undefined;
}
