import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT_VERSION } from '../core/check/report.js';
import { summarize, type TestcaseResult } from '../core/check/result.js';
import { renderJson } from './json.js';
import { missingFinding, noble, ReportBuilder, sourceFinding } from './report-builder.test-util.js';

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

  it('carries the documented top-level fields in order, with the format version first', () => {
    expect(Object.keys(JSON.parse(out))).toEqual([
      'formatVersion', 'tool', 'checkedAt', 'subject', 'standard', 'options', 'images', 'testcases', 'summary', 'compliant',
    ]);
    expect(out.startsWith('{\n  "formatVersion": "1.0",\n')).toBe(true);
  });

  it('keeps the type of a finding value and the verdict fields', () => {
    const parsed = JSON.parse(out);
    expect(parsed.testcases[1].findings[0]).toMatchObject({ property: 'image_source', value: 42, image: { id: 'a1', name: 'Ubuntu 24.04' } });
    expect(parsed.summary).toEqual({ passed: 1, failed: 1, aborted: 0, warnings: 1 });
    expect(parsed.compliant).toBe(false);
  });
});

/** Keys of an object tree, for comparing shapes (arrays by their first element). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
}

describe('docs/report-format.md', () => {
  const doc = readFileSync(new URL('../../docs/report-format.md', import.meta.url), 'utf8');
  const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? 'null');

  it('shows an example of the current format version with consistent counts', () => {
    expect(example.formatVersion).toBe(REPORT_FORMAT_VERSION);
    expect(example.summary).toEqual(summarize(example.testcases as TestcaseResult[], example.options.strict));
    expect(example.compliant).toBe(example.summary.failed === 0 && example.summary.aborted === 0);
  });

  it('has the same top-level and nested fields as a rendered report', () => {
    const rendered = JSON.parse(
      renderJson(new ReportBuilder().cloud('prod', 'RegionOne').pass('a', [noble()]).build()),
    );
    const { testcases: _a, ...docTop } = shape(example) as Record<string, unknown>;
    const { testcases: _b, ...renderedTop } = shape(rendered) as Record<string, unknown>;
    expect(docTop).toEqual(renderedTop);
  });

  it('documents every field of the example in a table', () => {
    // A table row names the field, possibly dotted: `tool.version` documents both `tool` and `version`.
    const documented = (key: string): boolean => new RegExp(`\\| \`(\\w+\\.)?${key}(\\.\\w+)?\``).test(doc);
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) (keys.add(k), walk(c));
    };
    walk(example);
    expect([...keys].filter((k) => !documented(k))).toEqual([]);
  });
});
