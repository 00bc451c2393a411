import type { CheckReport } from '../core/check/report.js';

/**
 * The machine-readable report: the CheckReport itself, which is the documented and versioned
 * schema (docs/report-format.md, `formatVersion`). No reshaping here, so the document and the
 * type cannot drift apart.
 */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
