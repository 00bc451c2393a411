import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT_VERSION, type CheckReport } from '../core/check/report.js';
import { summarize, type TestcaseResult } from '../core/check/result.js';
import { overallVerdictOf, verdictOf } from '../core/check/verdict.js';
import { renderReportChunks } from './index.js';
import { renderJson } from './json.js';
import { advisoryFinding, missingFinding, noble, ReportBuilder, SCS_SCOPE, sourceFinding, twoClouds } from './report-builder.test-util.js';

describe('renderJson', () => {
  const report = new ReportBuilder()
    .cloud('prod', 'RegionOne')
    .pass('scs-0104-image-ubuntu-2404', [noble()])
    .fail('scs-0104-source-ubuntu-2404', [sourceFinding(noble('a1'), 42)])
    .fail('scs-0104-image-debian-12', [missingFinding('Debian 12', 'warning')], 'recommended')
    .build();
  const out = renderJson(report);

  it('round-trips to the report and ends with a newline', () => {
    expect(JSON.parse(out)).toEqual(report);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('is written in pieces that join to exactly the same document', () => {
    for (const r of [report, twoClouds().build()]) {
      expect([...renderReportChunks(r, 'json', { color: false, verbose: false, explain: false, runId: 'r', invocationId: 'i', argv: [] })].join('')).toBe(
        renderJson(r),
      );
    }
  });

  it('carries the documented top-level fields in order, with the format version first', () => {
    expect(Object.keys(JSON.parse(out))).toEqual([
      'formatVersion',
      'tool',
      'checkedAt',
      'modules',
      'options',
      'subjects',
      'warnings',
      'summary',
      'verdict',
      'compliant',
    ]);
    expect(Object.keys(JSON.parse(renderJson(twoClouds().build())))).toEqual([
      'formatVersion',
      'tool',
      'checkedAt',
      'scope',
      'modules',
      'options',
      'subjects',
      'warnings',
      'summary',
      'verdict',
      'compliant',
    ]);
    expect(out.startsWith('{\n  "formatVersion": "2.7",\n')).toBe(true);
  });

  it('keeps the type of a finding value, the module of each testcase and the verdict fields', () => {
    const parsed = JSON.parse(out) as CheckReport;
    const subject = parsed.subjects[0]!;
    expect(Object.keys(subject)).toEqual(['subject', 'images', 'testcases', 'summary', 'verdict', 'compliant']);
    expect(subject.testcases[1]!.findings[0]).toMatchObject({ property: 'image_source', value: 42, image: { id: 'a1', name: 'Ubuntu 24.04' } });
    expect(subject.testcases.every((t) => t.module === 'scs-0104-v1')).toBe(true);
    expect(subject.summary).toEqual({ passed: 1, failed: 1, aborted: 0, officialAborts: 0, warnings: 1 });
    expect(parsed.summary).toEqual(subject.summary);
    expect(parsed.compliant).toBe(false);
    expect([subject.verdict, parsed.verdict]).toEqual(['not-compliant', 'not-compliant']);
  });

  it('has one entry per subject, the error of one that could not be checked, and totals over all', () => {
    const parsed = JSON.parse(renderJson(twoClouds().build())) as CheckReport;
    expect(parsed.subjects.map((s) => [s.subject.name, s.verdict, s.compliant, s.error])).toEqual([
      ['prod', 'not-compliant', false, undefined],
      ['dev', 'no-verdict', false, "could not list the cloud's images: connection refused"],
    ]);
    // a FAIL decides the run even though another cloud could not be checked
    expect([parsed.verdict, parsed.compliant]).toEqual(['not-compliant', false]);
    expect(parsed.modules.map((m) => m.id)).toEqual(['scs-0102-v1', 'scs-0104-v1']);
    expect(parsed.summary).toEqual({ passed: 1, failed: 1, aborted: 2, officialAborts: 0, warnings: 0 });
  });
});

/**
 * Keys of an object tree, for comparing shapes. Arrays are described by the union of their
 * elements' shapes, so an optional field shown on any element counts.
 */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [value.map(shape).reduce(merge)] : [];
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(
    Object.entries(value)
      .map(([k, v]) => [k, shape(v)])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === 0 ? b : b.length === 0 ? a : [merge(a[0], b[0])];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a;
  const out: Record<string, unknown> = { ...(b as Record<string, unknown>) };
  for (const [k, v] of Object.entries(a)) out[k] = k in out ? merge(v, out[k]) : v;
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => x.localeCompare(y)));
}

describe('docs/report-format.md', () => {
  const doc = readFileSync(new URL('../../docs/report-format.md', import.meta.url), 'utf8');
  const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? 'null') as CheckReport;

  it('shows an example of the current format version with consistent counts', () => {
    expect(example.formatVersion).toBe(REPORT_FORMAT_VERSION);
    const strict = example.options.strict;
    for (const s of example.subjects) {
      expect(s.summary).toEqual(summarize(s.testcases as TestcaseResult[], strict));
      expect(s.verdict).toBe(verdictOf(s.summary, s.error));
      expect(s.compliant).toBe(s.verdict === 'compliant');
      expect(s.testcases.every((t) => example.modules.some((m) => m.id === t.module))).toBe(true);
    }
    expect(example.summary).toEqual(
      summarize(
        example.subjects.flatMap((s) => s.testcases),
        strict,
      ),
    );
    expect(example.verdict).toBe(overallVerdictOf(example.subjects.map((s) => s.verdict)));
    expect(example.compliant).toBe(example.verdict === 'compliant');
  });

  it('has the same fields, at every level, as a rendered report that uses every optional field', () => {
    const rendered = new ReportBuilder()
      .withScope({ ...SCS_SCOPE, date: '2026-08-21' })
      .cloud('prod', 'RegionOne')
      .module('scs-0102-v1', 'Image metadata v1', { url: 'https://docs.scs.community/standards/scs-0102-v1-image-metadata' })
      .testcase('scs-0102-prop-hw_disk_bus', 'PASS', { findings: [advisoryFinding(noble())], images: [noble()] })
      .module('scs-0104-v1-2', 'Standard images', { source: 'scs-0104-v1-images-v5', date: '2026-08-21' })
      .testcase('scs-0104-source-ubuntu-2404', 'FAIL', { findings: [sourceFinding(noble(), 'x')], images: [noble()], entry: 'Ubuntu 24.04' })
      .subject('staging', { region: 'RegionOne', error: 'down' })
      .abort('scs-0104-source-ubuntu-2404', [{ level: 'error', message: 'down' }])
      .build();
    expect(shape(example)).toEqual(shape(JSON.parse(renderJson(rendered))));
  });

  it('documents every field of the example in a table', () => {
    // A table row names the field, possibly dotted: `tool.version` documents both `tool` and `version`.
    const documented = (key: string): boolean => new RegExp(`\\| \`(\\w+\\.)?${key}(\\.\\w+)?\``).test(doc);
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) keys.add(k), walk(c);
    };
    walk(example);
    expect([...keys].filter((k) => !documented(k))).toEqual([]);
  });

  it('documents every format the CLI offers', async () => {
    const { FORMATS } = await import('./index.js');
    for (const f of FORMATS) expect(doc).toMatch(new RegExp(`^\\| \`${f}\` +\\|`, 'm'));
  });
});
