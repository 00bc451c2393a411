/**
 * One verdict (issue 24): the report's verdict is decided once (core/check/verdict.ts), and the exit
 * code, every format and the stderr line of `-o FILE` say the same thing. Per case: one cloud that
 * errored beside one that failed, a run without a verdict, all passing, only ABORTs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emitReport } from '../../src/cli/emit-report.js';
import { EXIT, exitCodeForReport } from '../../src/cli/exit-codes.js';
import type { CliIO } from '../../src/cli/io.js';
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
