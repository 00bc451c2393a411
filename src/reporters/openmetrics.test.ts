import { describe, expect, it } from 'vitest';
import { buildReport, type CheckReport } from '../core/check/report.js';
import type { InventoryEntry } from '../core/check/inventory.js';
import type { DistroReleases } from '../core/releases/distro-releases.js';
import { labelValue, MAX_LABEL_CHARS, renderExposition, dialectFor } from './exposition.js';
import { imageFacts, renderOpenMetrics } from './openmetrics.js';
import { promtool } from './promtool.test-util.js';
import { noble, ReportBuilder, twoClouds } from './report-builder.test-util.js';

const NOW = new Date('2026-03-01T00:00:00Z');

function entry(id: string, name: string, properties: Record<string, string>, more: Partial<InventoryEntry> = {}): InventoryEntry {
  return { id, name, status: 'active', visibility: 'public', hidden: false, properties, testcases: [], ...more };
}

/** One cloud with an inventory of images (the check's considered images get per-image metrics). */
function withInventory(inventory: InventoryEntry[]): CheckReport {
  return buildReport({
    toolVersion: '0',
    checkedAt: NOW,
    modules: [{ id: 'scs-0102-v1', name: 'Image metadata', source: 'built-in' }],
    options: {
      visibilities: ['public', 'community'],
      includeHidden: false,
      allCommunity: false,
      strict: false,
      strictReading: false,
      collapseDuplicates: false,
    },
    subjects: [
      {
        subject: { kind: 'cloud', name: 'prod', region: 'RegionOne' },
        images: { listed: inventory.length, considered: inventory.length },
        testcases: [
          { id: 'scs-0102-image-recency', description: '', requirement: 'mandatory', verdict: 'PASS', findings: [], images: [], module: 'scs-0102-v1' },
        ],
        inventory,
      },
    ],
  });
}

const RELEASES = {
  formatVersion: 1,
  sources: [],
  ubuntu: [{ version: '24.04', codename: 'noble', released: '2024-04-25', lts: true, endOfStandardSupport: '2029-05-31' }],
  debian: [{ version: '12', codename: 'bookworm', released: '2023-06-10', endOfStandardSupport: '2026-06-10' }],
  almalinux: [],
  rocky: [],
  centos: [],
  opensuse: [],
} as DistroReleases;

const samples = (text: string, metric: string): string[] => text.split('\n').filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));

describe('label values', () => {
  it('escapes backslash and quote, drops control characters and lone surrogates', () => {
    expect(labelValue('a"b\\c')).toBe('a\\"b\\\\c');
    expect(labelValue('line\nbreak\r\u0007\u009b\u007f')).toBe('linebreak');
    expect(labelValue('x\ud800y\udc00z')).toBe('xyz');
    expect(labelValue('ok \ud83d\ude00')).toBe('ok \ud83d\ude00');
  });

  it('clips long values by code points', () => {
    const clipped = labelValue('ä'.repeat(500));
    expect([...clipped]).toHaveLength(MAX_LABEL_CHARS);
    expect(clipped.endsWith('…')).toBe(true);
    expect(labelValue('x'.repeat(MAX_LABEL_CHARS))).toBe('x'.repeat(MAX_LABEL_CHARS));
  });
});

describe('exposition', () => {
  const families = [
    { name: 'x_cycles', type: 'counter' as const, help: 'Cycles.', samples: [{ labels: {}, value: 3 }] },
    { name: 'x_at_seconds', type: 'gauge' as const, unit: 'seconds' as const, help: 'A time.', samples: [{ labels: { a: 'b' }, value: 1.5 }] },
  ];

  it('names a counter as each format wants it, and ends OpenMetrics with # EOF', () => {
    const om = renderExposition(families, 'openmetrics');
    expect(om).toContain('# TYPE x_cycles counter\nx_cycles_total 3\n');
    expect(om).toContain('# UNIT x_at_seconds seconds\n');
    expect(om.endsWith('# EOF\n')).toBe(true);
    const text = renderExposition(families, 'text');
    expect(text).toContain('# TYPE x_cycles_total counter\nx_cycles_total 3\n');
    expect(text).not.toContain('# EOF');
    expect(text).not.toContain('# UNIT');
  });

  it('refuses a repeated family, a unit the name does not end in, and a bad label name', () => {
    expect(() => renderExposition([families[0]!, families[0]!], 'text')).toThrow(/repeated/);
    expect(() => renderExposition([{ ...families[1]!, name: 'x_at' }], 'text')).toThrow(/unit/);
    expect(() => renderExposition([{ ...families[1]!, samples: [{ labels: { 'a-b': '' }, value: 1 }] }], 'text')).toThrow(/label name/);
  });

  it('negotiates the format from Accept', () => {
    expect(dialectFor('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5')).toBe('openmetrics');
    expect(dialectFor('*/*')).toBe('text');
    expect(dialectFor(undefined)).toBe('text');
  });
});

describe('a check report as metrics', () => {
  it('encodes testcase results as the monitor does, per cloud, and passes promtool', () => {
    const report = twoClouds().build();
    const text = renderOpenMetrics(report);
    expect(samples(text, 'scs_images_testcase_result')).toEqual([
      'scs_images_testcase_result{cloud="prod",region="RegionOne",scope_version="v5.1",in_force="true",module="scs-0102-v1",testcase="scs-0102-prop-architecture",requirement="mandatory"} -1',
      'scs_images_testcase_result{cloud="prod",region="RegionOne",scope_version="v5.1",in_force="true",module="scs-0104-v1",testcase="scs-0104-image-ubuntu-2404",requirement="mandatory"} 1',
      'scs_images_testcase_result{cloud="dev",region="RegionOne",scope_version="v5.1",in_force="true",module="scs-0102-v1",testcase="scs-0102-prop-architecture",requirement="mandatory"} 0',
      'scs_images_testcase_result{cloud="dev",region="RegionOne",scope_version="v5.1",in_force="true",module="scs-0104-v1",testcase="scs-0104-image-ubuntu-2404",requirement="mandatory"} 0',
    ]);
    // dev could not be listed: no success, no verdict
    expect(samples(text, 'scs_images_check_success')).toEqual([
      'scs_images_check_success{cloud="prod",region="RegionOne"} 1',
      'scs_images_check_success{cloud="dev",region="RegionOne"} 0',
    ]);
    expect(samples(text, 'scs_images_check_verdict')).toEqual([
      'scs_images_check_verdict{cloud="prod",region="RegionOne"} -1',
      'scs_images_check_verdict{cloud="dev",region="RegionOne"} 0',
    ]);
    expect(samples(text, 'scs_images_check_timestamp_seconds')[0]).toBe(
      `scs_images_check_timestamp_seconds{cloud="prod",region="RegionOne"} ${Date.parse(report.checkedAt) / 1000}`,
    );
    // no finding text ever becomes a label
    expect(text).not.toContain('has no architecture');
    expect(promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
  });

  it('an ABORT anywhere, or stale results, is no success', () => {
    const aborted = new ReportBuilder().pass('a').abort('b', [], 'recommended').build();
    expect(samples(renderOpenMetrics(aborted), 'scs_images_check_success')).toEqual(['scs_images_check_success{cloud="testcloud",region=""} 0']);
    const ok = new ReportBuilder().pass('a').build();
    expect(samples(renderOpenMetrics(ok), 'scs_images_check_success')).toEqual(['scs_images_check_success{cloud="testcloud",region=""} 1']);
    const at = new Date('2026-01-01T00:00:00Z');
    const stale = renderOpenMetrics(ok, { subjectStates: [{ stale: true, checkedAt: at }] });
    expect(samples(stale, 'scs_images_check_success')).toEqual(['scs_images_check_success{cloud="testcloud",region=""} 0']);
    expect(samples(stale, 'scs_images_check_timestamp_seconds')).toEqual(['scs_images_check_timestamp_seconds{cloud="testcloud",region=""} 1767225600']);
  });

  it('per considered image: outdated, due, provided_until and end of support; hostile names stay one line', () => {
    const report = withInventory([
      // weekly, built 2026-01-01: due 2026-01-09T01:30Z, outdated on 2026-03-01, not rotated
      entry('u1', 'Ubuntu 24.04', {
        image_build_date: '2026-01-01',
        replace_frequency: 'weekly',
        provided_until: '2029-04-30',
        os_distro: 'ubuntu',
        os_version: '24.04',
      }),
      // the same, but renamed as rotated: not counted as outdated
      entry('u0', 'Ubuntu 24.04 20251201', { image_build_date: '2025-12-01', replace_frequency: 'weekly', provided_until: '2029-04-30' }),
      // never replaced; Debian 12 by major version; provided_until none
      entry('d1', 'Debian 12 "x"\n\u0007', {
        image_build_date: '2025-01-01',
        replace_frequency: 'never',
        provided_until: 'none',
        os_distro: 'debian',
        os_version: '12.9',
      }),
      // no image_build_date: the recency facts are left out
      entry('n1', 'no date', { replace_frequency: 'weekly' }),
      // private: not considered
      entry('p1', 'private', { image_build_date: '2020-01-01', replace_frequency: 'daily', provided_until: '2030-01-01' }, { visibility: 'private' }),
    ]);
    const text = renderOpenMetrics(report, { releases: RELEASES });
    const img = (id: string, name: string) => `{cloud="prod",region="RegionOne",image_id="${id}",image_name="${name}"}`;
    expect(samples(text, 'scs_images_image_outdated')).toEqual([
      `scs_images_image_outdated${img('u1', 'Ubuntu 24.04')} 1`,
      `scs_images_image_outdated${img('u0', 'Ubuntu 24.04 20251201')} 0`,
      `scs_images_image_outdated${img('d1', 'Debian 12 \\"x\\"')} 0`,
    ]);
    expect(samples(text, 'scs_images_image_replace_due_timestamp_seconds')[0]).toBe(
      `scs_images_image_replace_due_timestamp_seconds${img('u1', 'Ubuntu 24.04')} ${Date.parse('2026-01-01T00:00:00Z') / 1000 + 1.1 * 7 * 25 * 3600}`,
    );
    expect(samples(text, 'scs_images_image_provided_until_timestamp_seconds')).toEqual([
      `scs_images_image_provided_until_timestamp_seconds${img('u1', 'Ubuntu 24.04')} ${Date.parse('2029-04-30T00:00:00Z') / 1000}`,
      `scs_images_image_provided_until_timestamp_seconds${img('u0', 'Ubuntu 24.04 20251201')} ${Date.parse('2029-04-30T00:00:00Z') / 1000}`,
    ]);
    expect(samples(text, 'scs_images_image_end_of_support_timestamp_seconds')).toEqual([
      `scs_images_image_end_of_support_timestamp_seconds${img('u1', 'Ubuntu 24.04')} ${Date.parse('2029-05-31T00:00:00Z') / 1000}`,
      `scs_images_image_end_of_support_timestamp_seconds${img('d1', 'Debian 12 \\"x\\"')} ${Date.parse('2026-06-10T00:00:00Z') / 1000}`,
    ]);
    expect(text).not.toContain('p1');
    expect(promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
  });

  it('without release data there is no end-of-support metric', () => {
    const text = renderOpenMetrics(withInventory([entry('u1', 'U', { os_distro: 'ubuntu', os_version: '24.04' })]));
    expect(text).not.toContain('end_of_support');
  });

  it('missing or invalid provided_until of an outdated image counts as outdated', () => {
    const facts = imageFacts(entry('x', 'X', { image_build_date: '2025-01-01', replace_frequency: 'monthly' }), NOW);
    expect(facts.outdated).toBe(1);
    expect(imageFacts(entry('x', 'X', { image_build_date: '2025-01-01', replace_frequency: 'monthly', provided_until: 'soon' }), NOW).outdated).toBe(1);
    // past provided_until: no longer provided, so the rule does not ask for a replacement
    expect(imageFacts(entry('x', 'X', { image_build_date: '2025-01-01', replace_frequency: 'monthly', provided_until: '2025-06-01' }), NOW).outdated).toBe(0);
  });
});

describe('an audit report as metrics', () => {
  it('one result per image (1 verified, 0 unverifiable, -1 mismatch), never a testcase per image id', () => {
    const report = new ReportBuilder()
      .cloud('prod', 'RegionOne')
      .module('audit')
      .pass('audit-a1', [noble('a1')])
      .testcase('audit-a2', 'FAIL', { images: [{ id: 'a2', name: 'Debian 12' }] })
      .testcase('audit-a3', 'FAIL', { images: [{ id: 'a3', name: 'Rocky 9' }], requirement: 'recommended' })
      .build();
    const text = renderOpenMetrics(report);
    expect(samples(text, 'scs_images_audit_image_result')).toEqual([
      'scs_images_audit_image_result{cloud="prod",region="RegionOne",image_id="a1",image_name="Ubuntu 24.04"} 1',
      'scs_images_audit_image_result{cloud="prod",region="RegionOne",image_id="a2",image_name="Debian 12"} -1',
      'scs_images_audit_image_result{cloud="prod",region="RegionOne",image_id="a3",image_name="Rocky 9"} 0',
    ]);
    expect(samples(text, 'scs_images_audit_success')).toEqual(['scs_images_audit_success{cloud="prod",region="RegionOne"} 1']);
    expect(text).not.toContain('scs_images_testcase_result');
    expect(promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
  });
});

describe('a run over the versions the official runner checks', () => {
  it("labels a testcase only the draft includes with the draft's version and in_force=false, so the alert on mandatory FAILs stays the version in force's", () => {
    const tc = (id: string, verdict: 'PASS' | 'FAIL') => ({ id, description: id, requirement: 'mandatory' as const, verdict, findings: [], images: [] });
    const report = buildReport({
      toolVersion: '0',
      checkedAt: NOW,
      scope: {
        name: 'SCS-compatible IaaS',
        uuid: 'u',
        url: 'x',
        version: 'v5.1',
        source: 's',
        versions: [
          { version: 'v5.1', state: 'effective', inForce: true, testcases: [{ id: 'a', requirement: 'mandatory' }] },
          {
            version: 'next',
            state: 'draft',
            inForce: false,
            testcases: [
              { id: 'a', requirement: 'mandatory' },
              { id: 'b', requirement: 'mandatory' },
            ],
          },
        ],
      },
      modules: [],
      options: { visibilities: ['public'], includeHidden: false, allCommunity: false, strict: false, strictReading: false, collapseDuplicates: false },
      subjects: [{ subject: { kind: 'cloud', name: 'c' }, images: { listed: 0, considered: 0 }, testcases: [tc('a', 'PASS'), tc('b', 'FAIL')] }],
    });
    const lines = renderOpenMetrics(report)
      .split('\n')
      .filter((l) => l.startsWith('scs_images_testcase_result{'));
    expect(lines).toEqual([
      'scs_images_testcase_result{cloud="c",region="",scope_version="v5.1",in_force="true",module="",testcase="a",requirement="mandatory"} 1',
      'scs_images_testcase_result{cloud="c",region="",scope_version="next",in_force="false",module="",testcase="b",requirement="mandatory"} -1',
    ]);
  });
});
