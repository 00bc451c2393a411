import { buildReport, type CheckReport, type ModuleRef, type ScopeRef, type Subject, type SubjectInput } from '../core/check/report.js';
import type { Finding, Requirement, TestcaseResult, Verdict } from '../core/check/result.js';
import type { ImageRef } from '../core/images/image.js';

/** The module testcases belong to unless `.module()` says otherwise. */
export const DEFAULT_MODULE: ModuleRef = { id: 'scs-0104-v1', name: 'Standard images', source: 'scs-0104-v1-images-v5.yaml' };

export const SCS_SCOPE: ScopeRef = {
  name: 'SCS-compatible IaaS',
  uuid: '50393e6f-2ae1-4c5c-a62c-3b75f2abef3f',
  url: 'https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml',
  version: 'v5.1',
  source: 'scs-compatible-iaas',
};

/**
 * Small CheckReports for reporter tests. Summary and verdict come from the real `buildReport`, so
 * the tests see the same numbers the CLI would.
 *
 * Testcases go to the current subject and module. The first subject (`testcloud`) exists from the
 * start; `.subject()` begins another one, `.module()` switches the module of the testcases added
 * after it (and lists it in the report's modules).
 */
export class ReportBuilder {
  private readonly subjects: SubjectInput[] = [{ subject: { kind: 'cloud', name: 'testcloud' }, images: { listed: 5, considered: 3 }, testcases: [] }];
  private readonly modules: ModuleRef[] = [];
  private currentModule: ModuleRef = DEFAULT_MODULE;
  private scope: ScopeRef | undefined;
  private options: CheckReport['options'] = {
    visibilities: ['public', 'community'],
    includeHidden: false,
    allCommunity: false,
    strict: false,
    strictReading: false,
    collapseDuplicates: false,
  };
  private checkedAt = new Date('2026-08-21T10:00:00.123Z');
  private readonly warnings: string[] = [];

  private get current(): SubjectInput {
    return this.subjects[this.subjects.length - 1]!;
  }

  /** Renames the current subject to a cloud. */
  cloud(name: string, region?: string): this {
    this.current.subject = { kind: 'cloud', name, ...(region !== undefined ? { region } : {}) };
    return this;
  }
  /** Renames the current subject to an images file. */
  file(path: string): this {
    this.current.subject = { kind: 'file', name: path };
    return this;
  }
  /** Starts another subject (a cloud unless told); an `error` makes it one that could not be checked. */
  subject(name: string, more: { region?: string; kind?: Subject['kind']; error?: string; images?: SubjectInput['images'] } = {}): this {
    this.subjects.push({
      subject: { kind: more.kind ?? 'cloud', name, ...(more.region !== undefined ? { region: more.region } : {}) },
      images: more.images ?? (more.error !== undefined ? { listed: 0, considered: 0 } : { listed: 5, considered: 3 }),
      testcases: [],
      ...(more.error !== undefined ? { error: more.error } : {}),
    });
    return this;
  }
  images(listed: number, considered: number): this {
    this.current.images = { listed, considered };
    return this;
  }
  /** Testcases added from now on belong to this module. */
  module(id: string, name = id, more: Partial<Omit<ModuleRef, 'id' | 'name'>> = {}): this {
    this.currentModule = this.modules.find((m) => m.id === id) ?? { id, name, source: 'built-in', ...more };
    return this;
  }
  withScope(scope: ScopeRef = SCS_SCOPE): this {
    this.scope = scope;
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
  /** A warning about the run as a whole (report.warnings). */
  warn(message: string): this {
    this.warnings.push(message);
    return this;
  }
  at(iso: string): this {
    this.checkedAt = new Date(iso);
    return this;
  }
  testcase(id: string, verdict: Verdict, more: Partial<Omit<TestcaseResult, 'id' | 'verdict'>> = {}): this {
    if (!this.modules.some((m) => m.id === this.currentModule.id)) this.modules.push(this.currentModule);
    this.current.testcases.push({
      id,
      verdict,
      description: `${id} description`,
      requirement: 'mandatory',
      findings: [],
      images: [],
      module: this.currentModule.id,
      ...more,
    });
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
      ...(this.scope ? { scope: this.scope } : {}),
      // a report always names the module it ran, even when no testcase was added
      modules: this.modules.length > 0 ? this.modules : [DEFAULT_MODULE],
      options: this.options,
      subjects: this.subjects,
      warnings: this.warnings,
    });
  }
}

/**
 * Two clouds and two modules: `prod` fails scs-0102 on one image and passes scs-0104; `dev` could
 * not be listed, so every testcase ABORTs.
 */
export function twoClouds(): ReportBuilder {
  const unreachable = "could not list the cloud's images: connection refused";
  const abortAll = (b: ReportBuilder) =>
    b
      .module('scs-0102-v1')
      .abort('scs-0102-prop-architecture', [{ level: 'error', message: unreachable }])
      .module('scs-0104-v1')
      .abort('scs-0104-image-ubuntu-2404', [{ level: 'error', message: unreachable }]);
  const b = new ReportBuilder()
    .withScope()
    .cloud('prod', 'RegionOne')
    .module('scs-0102-v1', 'Image metadata v1', { url: 'https://docs.scs.community/standards/scs-0102-v1-image-metadata' })
    .fail('scs-0102-prop-architecture', [
      {
        level: 'error',
        message: "Image 'Ubuntu 24.04' (a1) has no architecture",
        image: noble('a1'),
        property: 'architecture',
        expected: ['x86_64', 'aarch64'],
      },
    ])
    .module('scs-0104-v1', 'Standard images', { source: 'scs-0104-v1-images-v5' })
    .pass('scs-0104-image-ubuntu-2404', [noble('a1')])
    .subject('dev', { region: 'RegionOne', error: unreachable });
  return abortAll(b);
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

/** An advisory finding as scs-0102 writes it (see core/check/scs-0102/advisories.ts). */
export function advisoryFinding(image: ImageRef, property = 'hw_disk_bus'): Finding {
  return {
    level: 'info',
    message: `advisory (standard text): Image '${image.name}' (${image.id}) has no ${property} property, which the standard's text makes mandatory; the official test lets a missing ${property} pass`,
    image,
  };
}

export const noble = (id = 'img-noble-1'): ImageRef => ({ id, name: 'Ubuntu 24.04' });
