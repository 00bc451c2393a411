import { describe, expect, it } from 'vitest';
import {
  FORMATS,
  isReportFormat,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderOpenMetrics,
  renderReport,
  renderScsYaml,
  renderText,
  type RenderOptions,
} from './index.js';
import { ReportBuilder } from './report-builder.test-util.js';

const options: RenderOptions = { color: false, runId: 'r', invocationId: 'i', argv: ['check'] };
const report = new ReportBuilder().pass('a').build();

describe('renderReport', () => {
  it('dispatches every format to its renderer', () => {
    expect(renderReport(report, 'text', options)).toBe(renderText(report, options));
    expect(renderReport(report, 'json', options)).toBe(renderJson(report));
    expect(renderReport(report, 'junit', options)).toBe(renderJunit(report));
    expect(renderReport(report, 'yaml', options)).toBe(renderScsYaml(report, options));
    expect(renderReport(report, 'html', options)).toBe(renderHtml(report));
    expect(renderReport(report, 'html', { ...options, explain: true })).toBe(renderHtml(report, { explain: true }));
    expect(renderReport(report, 'markdown', options)).toBe(renderMarkdown(report));
    expect(renderReport(report, 'openmetrics', options)).toBe(renderOpenMetrics(report));
  });

  it('knows exactly the documented formats', () => {
    expect(FORMATS).toEqual(['text', 'json', 'junit', 'yaml', 'html', 'markdown', 'openmetrics']);
    expect(FORMATS.every(isReportFormat)).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
  });
});
