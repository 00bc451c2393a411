import type { CheckReport } from '../core/check/report.js';
import { renderHtml, type HtmlOptions } from './html.js';
import { renderJson } from './json.js';
import { jsonChunks } from './json-chunks.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOpenMetrics, type OpenMetricsOptions } from './openmetrics.js';
import { renderScsYaml, type ScsYamlOptions } from './scs-yaml.js';
import { renderText, type TextOptions } from './text.js';

export { renderHtml, type HtmlOptions } from './html.js';
export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
export { renderOpenMetrics, reportMetricFamilies, type OpenMetricsOptions } from './openmetrics.js';
export { renderScsYaml, type ScsScope, type ScsYamlOptions } from './scs-yaml.js';
export { renderText, type TextOptions } from './text.js';

/**
 * Output formats of `--format`; `yaml` is the SCS compliance-check report, `html` a self-contained
 * page, `markdown` a CI job summary.
 */
export { FORMATS, type ReportFormat } from './formats.js';
import type { ReportFormat } from './formats.js';
import { FORMATS } from './formats.js';

export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * Everything any renderer needs, in one object: the CLI builds it once (the run ids are cheap to
 * generate) and the type system, not a runtime check, guarantees the yaml renderer gets its ids.
 */
export type RenderOptions = TextOptions & ScsYamlOptions & HtmlOptions & Pick<OpenMetricsOptions, 'releases'>;

/**
 * The report as pieces to write one after the other: JSON is serialised as it is written (a
 * catalogue of 10,000 images is a 10 MB document); the other formats are one piece.
 */
export function renderReportChunks(report: CheckReport, format: ReportFormat, options: RenderOptions): Iterable<string> {
  return format === 'json' ? jsonChunks(report) : [renderReport(report, format, options)];
}

export function renderReport(report: CheckReport, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    case 'yaml':
      return renderScsYaml(report, options);
    case 'html':
      return renderHtml(report, { explain: options.explain === true });
    case 'markdown':
      return renderMarkdown(report);
    case 'openmetrics':
      return renderOpenMetrics(report, { releases: options.releases });
  }
}
