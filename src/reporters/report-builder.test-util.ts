import { buildReport, type CheckReport, type Subject } from '../core/check/report.js';
import type { Finding, Requirement, TestcaseResult, Verdict } from '../core/check/result.js';
import type { ImageRef } from '../core/images/image.js';

/**
 * Small CheckReports for reporter tests. Summary and verdict come from the real `buildReport`, so
 * the tests see the same numbers the CLI would.
 */
export class ReportBuilder {
  private subject: Subject = { kind: 'cloud', name: 'testcloud' };
  private standardId = 'scs-0104-v1';
  private options: CheckReport['options'] = {
    visibilities: ['public', 'community'],
    includeHidden: false,
    strict: false,
    collapseDuplicates: false,
  };
  private images = { listed: 5, considered: 3 };
  private checkedAt = new Date('2026-08-21T10:00:00.123Z');
  private readonly testcases: TestcaseResult[] = [];

  cloud(name: string, region?: string): this {
    this.subject = { kind: 'cloud', name, ...(region !== undefined ? { region } : {}) };
    return this;
  }
  file(path: string): this {
    this.subject = { kind: 'file', name: path };
    return this;
  }
  strict(on = true): this {
    this.options = { ...this.options, strict: on };
    return this;
  }
  with(options: Partial<CheckReport['options']>): this {
    this.options = { ...this.options, ...options };
    return this;
  }
  at(iso: string): this {
    this.checkedAt = new Date(iso);
    return this;
  }
  testcase(id: string, verdict: Verdict, more: Partial<Omit<TestcaseResult, 'id' | 'verdict'>> = {}): this {
    this.testcases.push({ id, verdict, description: `${id} description`, requirement: 'mandatory', findings: [], images: [], ...more });
    return this;
  }
  pass(id: string, images: ImageRef[] = [], requirement: Requirement = 'mandatory'): this {
    return this.testcase(id, 'PASS', { images, requirement });
  }
  fail(id: string, findings: Finding[], requirement: Requirement = 'mandatory'): this {
    return this.testcase(id, 'FAIL', { findings, requirement, images: findings.flatMap((f) => (f.image ? [f.image] : [])) });
  }
  abort(id: string, findings: Finding[] = [], requirement: Requirement = 'mandatory'): this {
    return this.testcase(id, 'ABORT', { findings, requirement });
  }
  build(): CheckReport {
    return buildReport({
      toolVersion: '0.1.0',
      checkedAt: this.checkedAt,
      subject: this.subject,
      standard: { id: this.standardId, source: 'scs-0104-v1-images-v5.yaml' },
      options: this.options,
      images: this.images,
      testcases: this.testcases,
    });
  }
}

export const UBUNTU_PREFIXES = ['https://cloud-images.ubuntu.com/releases/noble/', 'https://cloud-images.ubuntu.com/noble/'];

/** A wrong `image_source`, shaped like the findings of checkStandardImages. */
export function sourceFinding(image: ImageRef, value: unknown, expected = UBUNTU_PREFIXES): Finding {
  return {
    level: 'error',
    message: `Image '${image.name}' (${image.id}) has a wrong image_source`,
    image,
    property: 'image_source',
    ...(value !== undefined ? { value } : {}),
    expected,
  };
}

export function missingFinding(name: string, level: Finding['level'] = 'error'): Finding {
  return { level, message: `Missing image: found no image named '${name}' among the checked images` };
}

export const noble = (id = 'img-noble-1'): ImageRef => ({ id, name: 'Ubuntu 24.04' });
