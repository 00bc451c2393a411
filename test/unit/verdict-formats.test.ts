/**
 * One verdict (issue 24): the report's verdict is decided once (core/check/verdict.ts), and the exit
 * code, every format and the stderr line of `-o FILE` say the same thing. Per case: one cloud that
 * errored beside one that failed, a run without a verdict, all passing, only ABORTs, and (issue 25)
 * a run that is inconclusive: the only ABORTs are those of the official test.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emitReport } from '../../src/cli/emit-report.js';
import { EXIT, exitCodeForReport } from '../../src/cli/exit-codes.js';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { CheckReport } from '../../src/core/check/report.js';
import { FORMATS, renderReport, type ReportFormat } from '../../src/reporters/index.js';
import { missingFinding, noble, ReportBuilder, twoClouds } from '../../src/reporters/report-builder.test-util.js';

const OPTIONS = {
  color: false,
  verbose: false,
  explain: false,
  runId: '7d1c4f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
  invocationId: '0f9e8d7c-6b5a-4433-9211-00ffeeddccbb',
  argv: [],
};
const render = (r: CheckReport, f: ReportFormat): string => renderReport(r, f, OPTIONS);
/** Every format as its reader gets it: the HTML page without its style sheet (class names) and script. */
const everyFormat = (r: CheckReport): string[] => FORMATS.map((f) => render(r, f).replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ''));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-verdict-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The stderr line `emitReport` writes after `-o FILE`. */
async function summaryLine(report: CheckReport, format: ReportFormat = 'json'): Promise<string> {
  let err = '';
  const sink = { write: (s: string) => ((err += s), true) } as unknown as CliIO['stderr'];
  const output = path.join(dir, `report-${Math.random().toString(36).slice(2)}.${format}`);
  await emitReport(report, { format, file: output }, { stdout: sink, stderr: sink, env: {} });
  expect((await readFile(output, 'utf8')).length).toBeGreaterThan(0);
  return err.trim();
}

/** What each format says about the whole run, in its own terms. */
function said(report: CheckReport): Record<ReportFormat, string> {
  const text = render(report, 'text');
  const html = render(report, 'html');
  const junit = render(report, 'junit');
  return {
    // one subject: its verdict line; several: the Overall line
    text: (report.subjects.length > 1 ? /^Overall\s+(.*)$/m : /^Verdict\s+(.*)$/m).exec(text)?.[1] ?? '',
    json: (JSON.parse(render(report, 'json')) as CheckReport).verdict,
    junit: [...new Set([...junit.matchAll(/name="run_verdict" value="([^"]*)"/g)].map((m) => m[1]))].join(','),
    html: /data-testid="overall-verdict"[^>]*>([^<]*)</.exec(html)?.[1] ?? '',
    markdown: /^## \S+ SCS image check: (.*)$/m.exec(render(report, 'markdown'))?.[1] ?? '',
    // 1 compliant, 0 no verdict, -1 not compliant, one sample per subject
    openmetrics: [...render(report, 'openmetrics').matchAll(/^scs_images_check_verdict\{[^}]*\} (\S+)$/gm)].map((m) => m[1]).join(' '),
    // the SCS report has no verdict of its own: its raw results, one document per subject
    yaml: parseAllDocuments(render(report, 'yaml'))
      .map((d) => {
        const inv = Object.values((d.toJS() as { run: { invocations: Record<string, { rc: number; results: Record<string, number> }> } }).run.invocations)[0]!;
        return `rc ${inv.rc}: ${Object.values(inv.results).join(' ')}`;
      })
      .join('; '),
  };
}

describe('one cloud errored, another failed', () => {
  const report = twoClouds().build();

  it('is not compliant: exit 1, every format says so', async () => {
    expect(report.verdict).toBe('not-compliant');
    expect(exitCodeForReport(report)).toBe(EXIT.NOT_COMPLIANT);
    expect(said(report)).toEqual({
      text: 'NOT COMPLIANT',
      json: 'not-compliant',
      junit: 'not-compliant',
      html: 'NOT COMPLIANT',
      markdown: 'NOT COMPLIANT',
      // prod: a FAIL (-1) beside a PASS; dev: could not be checked (rc 1), every result ABORT (0)
      yaml: 'rc 0: -1 1; rc 1: 0 0',
      // per cloud: prod failed (-1), dev has no verdict (0)
      openmetrics: '-1 0',
    });
    expect(await summaryLine(report)).toMatch(/^scs-images: NOT COMPLIANT \(1 passed, 1 failed, 2 aborted, 0 warnings\); report written to /);
  });

  it('still names each cloud by its own verdict', () => {
    const text = render(report, 'text');
    expect(text.match(/^Verdict\s+(.*)$/gm)).toEqual(['Verdict     NOT COMPLIANT', 'Verdict     NO VERDICT']);
    const junit = render(report, 'junit');
    expect([...junit.matchAll(/name="subject_verdict" value="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'not-compliant',
      'not-compliant',
      'no-verdict',
      'no-verdict',
    ]);
  });
});

describe('a run without a verdict (one cloud passes, another could not be listed)', () => {
  const report = new ReportBuilder()
    .cloud('prod')
    .pass('scs-0104-image-ubuntu-2404', [noble()])
    .subject('dev', { error: 'could not list the images: connection refused' })
    .abort('scs-0104-image-ubuntu-2404', [{ level: 'error', message: 'could not list the images: connection refused' }])
    .build();

  it('exit 3; the words say no verdict, never NOT COMPLIANT', async () => {
    expect(report.verdict).toBe('no-verdict');
    expect(exitCodeForReport(report)).toBe(EXIT.INCOMPLETE);
    expect(said(report)).toMatchObject({ text: 'NO VERDICT', json: 'no-verdict', junit: 'no-verdict', html: 'NO VERDICT', markdown: 'NO VERDICT' });
    const line = await summaryLine(report);
    expect(line).toMatch(/^scs-images: NO VERDICT \(1 passed, 0 failed, 1 aborted, 0 warnings\)/);
    for (const out of [line, ...everyFormat(report)]) {
      expect(out).not.toMatch(/NOT COMPLIANT|not-compliant/i);
    }
  });
});

describe('all pass', () => {
  const report = new ReportBuilder()
    .pass('scs-0104-image-ubuntu-2404', [noble()])
    .fail('scs-0104-image-debian-12', [missingFinding('Debian 12', 'warning')], 'recommended')
    .build();

  it('is compliant (a recommended FAIL is a warning): exit 0, every format says so', async () => {
    expect(report.verdict).toBe('compliant');
    expect(exitCodeForReport(report)).toBe(EXIT.OK);
    expect(said(report)).toMatchObject({ text: 'COMPLIANT', json: 'compliant', junit: 'compliant', html: 'COMPLIANT', markdown: 'COMPLIANT' });
    expect(await summaryLine(report, 'junit')).toMatch(/^scs-images: COMPLIANT \(1 passed, 0 failed, 0 aborted, 1 warning/);
  });
});

describe('only ABORTs', () => {
  // an export without properties: the testcases that read them cannot decide; no error
  const report = new ReportBuilder()
    .file('images.json')
    .abort('scs-0104-source-ubuntu-2404', [{ level: 'error', message: 'the file has no image properties' }])
    .abort('scs-0102-prop-architecture', [{ level: 'error', message: 'the file has no image properties' }])
    .build();

  it('is no verdict: exit 3, never NOT COMPLIANT', async () => {
    expect(report.verdict).toBe('no-verdict');
    expect(exitCodeForReport(report)).toBe(EXIT.INCOMPLETE);
    expect(said(report)).toEqual({
      text: 'NO VERDICT',
      json: 'no-verdict',
      junit: 'no-verdict',
      html: 'NO VERDICT',
      markdown: 'NO VERDICT',
      yaml: 'rc 0: 0 0',
      openmetrics: '0',
    });
    const line = await summaryLine(report, 'markdown');
    expect(line).toMatch(/^scs-images: NO VERDICT /);
    for (const out of [line, ...everyFormat(report)]) expect(out).not.toMatch(/NOT COMPLIANT|not-compliant/i);
  });
});

describe('inconclusive: every ABORT is one the official test has too (issue 25)', () => {
  const scope = { name: 'SCS-compatible IaaS', uuid: '50393e6f-2ae1-4c5c-a62c-3b75f2abef3f', url: 'x', version: 'v5.1', source: 'scs-compatible-iaas' };
  const report = new ReportBuilder()
    .withScope(scope)
    .pass('scs-0104-image-ubuntu-2404', [noble()])
    .testcase('scs-0102-prop-min_disk', 'ABORT', {
      officialAbort: true,
      findings: [{ level: 'error', message: 'the official test aborts this testcase here' }],
    })
    .testcase('scs-0102-image-recency', 'ABORT', {
      officialAbort: true,
      findings: [{ level: 'error', message: 'the official test aborts this testcase here' }],
    })
    .build();

  it('exit 4; every format says INCONCLUSIVE, never COMPLIANT or NOT COMPLIANT; text and HTML give the dashboard line', async () => {
    expect(report.verdict).toBe('inconclusive');
    expect(exitCodeForReport(report)).toBe(EXIT.INCONCLUSIVE);
    expect(EXIT.INCONCLUSIVE).toBe(4);
    expect(said(report)).toEqual({
      text: 'INCONCLUSIVE',
      json: 'inconclusive',
      junit: 'inconclusive',
      html: 'INCONCLUSIVE',
      markdown: 'INCONCLUSIVE',
      yaml: 'rc 0: 1 0 0',
      openmetrics: '0.5',
    });
    expect(await summaryLine(report)).toMatch(/^scs-images: INCONCLUSIVE \(1 passed, 0 failed, 2 aborted, 0 warnings\)/);
    const line = 'v5.1 inconclusive (✅*) for the image testcases: 2 required testcases ABORTed, none FAILed';
    expect(render(report, 'text')).toMatch(new RegExp(`^Dashboard\\s+${line.replace(/[()*.]/g, '\\$&')}`, 'm'));
    expect(render(report, 'html')).toContain(line);
    expect(render(report, 'markdown')).toContain('✅\\*');
    expect(render(report, 'junit')).toContain('name="official_abort" value="true"');
    expect((JSON.parse(render(report, 'json')) as CheckReport).subjects[0]!.dashboard).toMatchObject({
      images: { result: 'inconclusive' },
      fullScope: { result: 'missing' },
    });
    for (const out of everyFormat(report)) expect(out).not.toMatch(/NOT COMPLIANT|not-compliant|\bCOMPLIANT\b|: "compliant"|value="compliant"/);
  });

  it('through the CLI: an images file with an image without custom properties exits 4, and 1 with --strict-reading', async () => {
    const file = path.join(dir, 'bare.json');
    const good = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Ubuntu 24.04',
      status: 'active',
      visibility: 'public',
      os_hidden: false,
      created_at: '2026-08-01T00:00:00Z',
      min_disk: 4,
      min_ram: 512,
      size: 1073741824,
      os_hash_algo: 'sha512',
      architecture: 'x86_64',
      hw_disk_bus: 'virtio',
      os_distro: 'ubuntu',
      os_version: '24.04',
      image_source: 'https://cloud-images.ubuntu.com/releases/noble/release/x.img',
      image_description: 'Ubuntu 24.04',
      image_build_date: '2026-07-30',
      image_original_user: 'ubuntu',
      replace_frequency: 'never',
      provided_until: 'none',
      uuid_validity: 'none',
    };
    const bare = { ...good, id: '00000000-0000-4000-8000-000000000002', name: 'bare', os_distro: undefined, image_source: undefined };
    for (const k of Object.keys(bare))
      if (
        ![
          'id',
          'name',
          'status',
          'visibility',
          'os_hidden',
          'created_at',
          'min_disk',
          'min_ram',
          'size',
          'os_hash_algo',
          'architecture',
          'os_distro',
          'os_version',
          'hw_disk_bus',
        ].includes(k)
      )
        delete (bare as Record<string, unknown>)[k];
    await writeFile(file, JSON.stringify({ images: [good, { ...bare, os_distro: 'cirros', os_version: '0.6' }] }));
    const run = async (...args: string[]) => {
      let out = '';
      let err = '';
      const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
      const io = { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env: {} } as unknown as CliIO;
      const code = await main(['node', 'scs-images', 'check', '--images-file', file, '--format', 'json', '--now', '2026-08-21T10:00:00Z', ...args], io);
      return { code, err, report: JSON.parse(out) as CheckReport };
    };
    const official = await run();
    expect(official.err).toBe('');
    expect([official.code, official.report.verdict]).toEqual([4, 'inconclusive']);
    expect(official.report.subjects[0]!.testcases.filter((t) => t.verdict === 'ABORT').every((t) => t.officialAbort)).toBe(true);
    expect(official.report.subjects[0]!.dashboard).toMatchObject({ images: { result: 'inconclusive', failed: 0 } });
    const strict = await run('--strict-reading');
    expect([strict.code, strict.report.verdict, strict.report.options.strictReading]).toEqual([1, 'not-compliant', true]);
  });
});
