// The shipped alerting rules (deploy/prometheus/) against Prometheus' own tools, and the metric
// names they use against what scs-images exports and docs/metrics.md documents. Needs promtool
// (Debian package prometheus, installed by scripts/ensure-system-deps.sh): never skipped.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/check/report.js';
import { reportMetricFamilies } from '../../src/reporters/openmetrics.js';
import { promtool } from '../../src/reporters/promtool.test-util.js';
import { ReportBuilder } from '../../src/reporters/report-builder.test-util.js';

const DIR = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));
const RULES = 'scs-images-rules.yaml';
const DOC = fileURLToPath(new URL('../../docs/metrics.md', import.meta.url));

/** Every family name scs-images can export: check, audit (openmetrics.ts) and serve (cli/commands/serve/metrics.ts). */
async function exportedNames(): Promise<Set<string>> {
  const check = reportMetricFamilies(new ReportBuilder().pass('a').build(), { releases: { ubuntu: [], debian: [] } as never });
  const audit = reportMetricFamilies(new ReportBuilder().module('audit').pass('audit-x').build());
  const serveSource = await readFile(fileURLToPath(new URL('../../src/cli/commands/serve/metrics.ts', import.meta.url)), 'utf8');
  const serve = [...serveSource.matchAll(/name: '(scs_images_\w+)'/g)].map((m) => m[1]!);
  return new Set([...check, ...audit].map((f) => f.name).concat(serve));
}

describe('deploy/prometheus/scs-images-rules.yaml', () => {
  it('passes promtool check rules', () => {
    expect(promtool(['check', 'rules', RULES], undefined, DIR)).toMatchObject({ code: 0 });
  });

  it('passes its promtool unit tests (scs-images-rules.test.yaml)', () => {
    const r = promtool(['test', 'rules', 'scs-images-rules.test.yaml'], undefined, DIR);
    expect(r.output).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('uses only metrics scs-images exports', async () => {
    const used = new Set([...(await readFile(DIR + RULES, 'utf8')).matchAll(/\b(scs_images_\w+)/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(5);
    const exported = await exportedNames();
    expect([...used].filter((n) => !exported.has(n))).toEqual([]);
  });
});

describe('docs/metrics.md', () => {
  it('documents every exported metric and every shipped alert', async () => {
    const doc = await readFile(DOC, 'utf8');
    const exported = await exportedNames();
    expect(exported.size).toBeGreaterThan(10);
    // counters are documented by their sample name
    const sampleName = (n: string) => (n === 'scs_images_serve_cycles' ? `${n}_total` : n);
    expect([...exported].filter((n) => !doc.includes(`\`${sampleName(n)}\``))).toEqual([]);
    const alerts = [...(await readFile(DIR + RULES, 'utf8')).matchAll(/alert: (\w+)/g)].map((m) => m[1]!);
    expect(alerts.filter((a) => !doc.includes(a))).toEqual([]);
  });

  it('a report with nothing to say still renders every family (HELP and TYPE)', () => {
    const empty = buildReport({
      toolVersion: '0',
      checkedAt: new Date(0),
      modules: [],
      options: { visibilities: ['public'], includeHidden: false, allCommunity: false, strict: false, strictReading: false, collapseDuplicates: false },
      subjects: [],
    });
    expect(reportMetricFamilies(empty).every((f) => f.samples.length === 0)).toBe(true);
  });
});
