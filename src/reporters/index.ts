import type { CheckReport } from '../core/check/report.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderScsYaml, type ScsYamlOptions } from './scs-yaml.js';
import { renderText, type TextOptions } from './text.js';

export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { renderScsYaml, SCS_COMPATIBLE_IAAS, type ScsScope, type ScsYamlOptions } from './scs-yaml.js';
export { renderText, type TextOptions } from './text.js';

/** Output formats of `--format`; `yaml` is the SCS compliance-check report. */
export const FORMATS = ['text', 'json', 'junit', 'yaml'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * Everything any renderer needs, in one object: the CLI builds it once (the run ids are cheap to
 * generate) and the type system, not a runtime check, guarantees the yaml renderer gets its ids.
 */
export type RenderOptions = TextOptions & ScsYamlOptions;

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
  }
}
