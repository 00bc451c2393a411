import type { CheckSummary, TestcaseResult } from './result.js';
import { isCompliant, summarize } from './result.js';

/**
 * Version of the JSON report (`--format json`). Minor bumps only add fields (consumers ignore
 * unknown ones); a major bump breaks compatibility. Documented in docs/report-format.md.
 */
export const REPORT_FORMAT_VERSION = '1.0';

/** What was checked: a cloud (by clouds.yaml name) or an offline image list (by file name). */
export interface Subject {
  kind: 'cloud' | 'file';
  /** clouds.yaml cloud name, or the images file path. */
  name: string;
  region?: string;
}

/** Where the standard came from. */
export interface StandardRef {
  /** e.g. `scs-0104-v1` */
  id: string;
  /** Bundled name, file path or URL of the spec file. */
  source: string;
}

export interface CheckReport {
  formatVersion: string;
  tool: { name: 'scs-images'; version: string };
  /** ISO 8601; the clock is an input, recorded for reproducibility. */
  checkedAt: string;
  subject: Subject;
  standard: StandardRef;
  options: {
    visibilities: string[];
    includeHidden: boolean;
    strict: boolean;
    /** Reference behaviour for duplicate names (only the last listed image per name is checked). */
    collapseDuplicates: boolean;
  };
  images: {
    /** All images the listing returned. */
    listed: number;
    /** Those that passed the visibility filter and were checked. */
    considered: number;
  };
  testcases: TestcaseResult[];
  summary: CheckSummary;
  compliant: boolean;
}

export interface BuildReportInput {
  toolVersion: string;
  checkedAt: Date;
  subject: Subject;
  standard: StandardRef;
  options: CheckReport['options'];
  images: CheckReport['images'];
  testcases: TestcaseResult[];
}

export function buildReport(input: BuildReportInput): CheckReport {
  const { strict } = input.options;
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'scs-images', version: input.toolVersion },
    checkedAt: input.checkedAt.toISOString(),
    subject: input.subject,
    standard: input.standard,
    options: input.options,
    images: input.images,
    testcases: input.testcases,
    summary: summarize(input.testcases, strict),
    compliant: isCompliant(input.testcases, strict),
  };
}
