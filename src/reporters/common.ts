import type { Finding, TestcaseResult } from '../core/check/result.js';
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

function sharedExpected(findings: readonly Finding[]): readonly string[] | undefined {
  const first = findings[0]?.expected;
  if (findings.length < 2 || first === undefined || first.length === 0) return undefined;
  const key = JSON.stringify(first);
  return findings.every((f) => f.expected !== undefined && JSON.stringify(f.expected) === key) ? first : undefined;
}
