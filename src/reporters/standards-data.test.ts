// Every report format names the bundled copies a run used (with their date) and the run's warnings.
import { describe, expect, it } from 'vitest';
import { renderReport, type ReportFormat } from './index.js';
import { ReportBuilder, SCS_SCOPE } from './report-builder.test-util.js';

const STALE =
  'the bundled SCS-compatible IaaS scope file is a copy of 2026-08-21 (077174d9), 200 days before 2027-03-09: a newer scope version may be in force';

function report() {
  return new ReportBuilder()
    .withScope({ ...SCS_SCOPE, date: '2026-08-21' })
    .module('scs-0104-v1-2', 'Standard images', { source: 'scs-0104-v1-images-v5', date: '2026-08-21' })
    .pass('scs-0104-image-ubuntu-2404')
    .warn(STALE)
    .build();
}

const render = (format: ReportFormat) => renderReport(report(), format, { color: false, runId: 'r', invocationId: 'i', argv: ['check'] });

describe('bundled standards data in every report format', () => {
  it('json: scope.date, modules[].date and warnings', () => {
    const json = JSON.parse(render('json'));
    expect(json.formatVersion).toBe('2.7');
    expect(json.scope.date).toBe('2026-08-21');
    expect(json.modules[0].date).toBe('2026-08-21');
    expect(json.warnings).toEqual([STALE]);
  });

  it.each(['text', 'html', 'markdown'] as const)('%s: the scope and the spec are named with the date of their copy, and the warning is shown', (format) => {
    // markdown escapes punctuation with backslashes
    const out = render(format).replaceAll('\\', '');
    expect(out).toContain('(bundled copy of 2026-08-21)');
    expect(out).toContain('a newer scope version may be in force');
  });

  it('text: the spec line names its copy too', () => {
    expect(render('text')).toContain('from scs-0104-v1-images-v5 (bundled copy of 2026-08-21)');
  });

  it('junit: properties scope_date, standard_date and run_warning', () => {
    const xml = render('junit');
    expect(xml).toContain('<property name="scope_date" value="2026-08-21"/>');
    expect(xml).toContain('<property name="standard_date" value="2026-08-21"/>');
    expect(xml).toMatch(/<property name="run_warning" value="the bundled SCS-compatible IaaS scope file/);
  });

  it('yaml (SCS compliance-check format): INFO lines for the copies, a WARNING line for the warning', () => {
    const yaml = render('yaml');
    expect(yaml).toContain('INFO: scope file: scs-compatible-iaas (bundled copy of 2026-08-21)');
    expect(yaml).toContain('INFO: scs-0104-v1-2: scs-0104-v1-images-v5 (bundled copy of 2026-08-21)');
    expect(yaml).toMatch(/WARNING: the bundled SCS-compatible IaaS scope file/);
  });

  it('without a bundled copy nothing is claimed', () => {
    const plain = new ReportBuilder().pass('x').build();
    const text = renderReport(plain, 'text', { color: false, runId: 'r', invocationId: 'i', argv: [] });
    expect(text).not.toContain('bundled copy');
    expect(plain.warnings).toEqual([]);
  });
});
