import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttribute, xmlText } from './junit.js';
import { missingFinding, noble, ReportBuilder, sourceFinding, twoClouds } from './report-builder.test-util.js';

/** Attributes of the first element named `tag` (enough for this flat, generated XML). */
function attrsOf(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`).exec(xml);
  if (!m) throw new Error(`no <${tag}>`);
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}
const count = (xml: string, re: RegExp): number => xml.match(re)?.length ?? 0;
/** The <testcase> element for one id. */
const testcaseXml = (xml: string, id: string): string => new RegExp(`<testcase classname="[^"]*" name="${id}">[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? '';

describe('renderJunit', () => {
  const report = new ReportBuilder()
    .pass('scs-0104-image-ubuntu-2404', [noble()])
    .fail('scs-0104-source-ubuntu-2404', [sourceFinding(noble('a1'), 'https://evil.example/x.img')])
    .abort('scs-0104-source-capi-2', [{ level: 'error', message: 'invalid name_scheme' }])
    .fail('scs-0104-image-debian-12', [missingFinding('Debian 12', 'warning')], 'recommended')
    .build();
  const xml = renderJunit(report);

  it('is one testsuite per subject and module with counts that match its testcases and the summary', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const suite = attrsOf(xml, 'testsuite');
    expect(suite).toMatchObject({ name: 'testcloud scs-0104-v1', tests: '4', failures: '1', errors: '1', skipped: '0', timestamp: '2026-08-21T10:00:00.123Z' });
    expect(attrsOf(xml, 'testsuites')).toMatchObject({ tests: '4', failures: '1', errors: '1' });
    expect(count(xml, /<testsuite /g)).toBe(1);
    expect(count(xml, /<testcase /g)).toBe(4);
    expect(count(xml, /<failure /g)).toBe(Number(suite['failures']));
    expect(count(xml, /<error /g)).toBe(Number(suite['errors']));
  });

  it('names testcases by subject and module (classname) and testcase id (name)', () => {
    expect(xml).toContain('<testcase classname="testcloud.scs-0104-v1" name="scs-0104-image-ubuntu-2404">');
    expect(testcaseXml(xml, 'scs-0104-image-ubuntu-2404')).not.toMatch(/<failure|<error|<system-out/);
  });

  it('reports a counted FAIL as <failure> with the findings as text', () => {
    const tc = testcaseXml(xml, 'scs-0104-source-ubuntu-2404');
    expect(attrsOf(tc, 'failure')).toEqual({ message: 'Image &apos;Ubuntu 24.04&apos; (a1) has a wrong image_source', type: 'FAIL' });
    expect(tc).toContain('- Ubuntu 24.04 (a1)  image_source: "https://evil.example/x.img"');
    expect(tc).toContain('allowed: https://cloud-images.ubuntu.com/releases/noble/');
    expect(tc).toContain('<property name="requirement" value="mandatory"/>');
  });

  it('reports a counted ABORT as <error>', () => {
    const tc = testcaseXml(xml, 'scs-0104-source-capi-2');
    expect(attrsOf(tc, 'error')).toEqual({ message: 'invalid name_scheme', type: 'ABORT' });
  });

  it('keeps a recommended FAIL as a passed testcase with a warning in <system-out>', () => {
    const tc = testcaseXml(xml, 'scs-0104-image-debian-12');
    expect(tc).not.toMatch(/<failure|<error|<skipped/);
    expect(tc).toContain('<property name="requirement" value="recommended"/>');
    expect(tc).toContain('<property name="outcome" value="warning"/>');
    expect(tc).toMatch(/<system-out>WARNING: recommended testcase scs-0104-image-debian-12 is FAIL[^<]*\n- Missing image/);
  });

  it('counts a recommended FAIL as a failure in strict mode', () => {
    const strictXml = renderJunit(
      new ReportBuilder()
        .strict()
        .fail('t', [missingFinding('Debian 12')], 'recommended')
        .build(),
    );
    expect(attrsOf(strictXml, 'testsuite')).toMatchObject({ tests: '1', failures: '1', errors: '0' });
    expect(strictXml).toContain('<failure message="Missing image');
  });

  it('summarises several findings in the failure message and falls back to the description', () => {
    const many = renderJunit(
      new ReportBuilder()
        .fail('t', [missingFinding('A'), missingFinding('B')])
        .abort('u')
        .build(),
    );
    expect(many).toContain('<failure message="2 findings; first: Missing image: found no image named &apos;A&apos;');
    expect(many).toContain('<error message="ABORT: u description" type="ABORT"></error>');
  });

  it('records the run in suite properties', () => {
    const props = renderJunit(new ReportBuilder().cloud('prod', 'RegionOne').build());
    for (const p of [
      'subject" value="prod',
      'region" value="RegionOne',
      'module" value="scs-0104-v1',
      'standard_source" value="scs-0104-v1-images-v5.yaml',
      'compliant" value="true',
      'strict" value="false',
    ]) {
      expect(props).toContain(`<property name="${p}"/>`);
    }
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    const evil = { id: 'x', name: 'a<b>&"c"\x1b\x00' };
    const out = renderJunit(new ReportBuilder().fail('t', [sourceFinding(evil, ']]></failure><x>')]).build());
    expect(out).toContain('- a&lt;b&gt;&amp;"c" (x)  image_source: "]]&gt;&lt;/failure&gt;&lt;x&gt;"');
    expect(out).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    expect(count(out, /<\/failure>/g)).toBe(1);
  });
});

describe('renderJunit with several subjects and modules', () => {
  const report = twoClouds().build();
  const xml = renderJunit(report);
  const suites = [...xml.matchAll(/<testsuite [\s\S]*?<\/testsuite>/g)].map((m) => m[0]);

  it('has one suite per subject × module, in report order', () => {
    expect(suites.map((s) => attrsOf(s, 'testsuite')['name'])).toEqual([
      'prod/RegionOne scs-0102-v1',
      'prod/RegionOne scs-0104-v1',
      'dev/RegionOne scs-0102-v1',
      'dev/RegionOne scs-0104-v1',
    ]);
    expect(suites[0]).toContain('<testcase classname="prod.scs-0102-v1" name="scs-0102-prop-architecture">');
    expect(suites[3]).toContain('<testcase classname="dev.scs-0104-v1" name="scs-0104-image-ubuntu-2404">');
  });

  it("keeps counts consistent: each suite's attributes match its elements, and the totals add up", () => {
    const total = { tests: 0, failures: 0, errors: 0 };
    for (const suite of suites) {
      const a = attrsOf(suite, 'testsuite');
      expect(count(suite, /<testcase /g)).toBe(Number(a['tests']));
      expect(count(suite, /<failure /g)).toBe(Number(a['failures']));
      expect(count(suite, /<error /g)).toBe(Number(a['errors']));
      total.tests += Number(a['tests']);
      total.failures += Number(a['failures']);
      total.errors += Number(a['errors']);
    }
    expect(attrsOf(xml, 'testsuites')).toMatchObject({ tests: String(total.tests), failures: String(total.failures), errors: String(total.errors) });
    expect(total).toEqual({ tests: 4, failures: report.summary.failed, errors: report.summary.aborted });
  });

  it("records the module's and the subject's compliance, the scope and the subject's error", () => {
    expect(suites[1]).toContain('<property name="compliant" value="true"/>');
    expect(suites[1]).toContain('<property name="subject_compliant" value="false"/>');
    expect(suites[1]).toContain('<property name="scope" value="SCS-compatible IaaS v5.1"/>');
    expect(suites[2]).toContain('<property name="error" value="could not list the cloud&apos;s images: connection refused"/>');
    expect(suites[0]).not.toContain('name="error"');
  });

  it('puts testcases of no listed module in a last suite instead of dropping them', () => {
    const r = new ReportBuilder().pass('a').testcase('stray', 'FAIL', { module: 'unknown' }).build();
    const out = renderJunit(r);
    expect(count(out, /<testsuite /g)).toBe(2);
    expect(out).toContain('<testsuite name="testcloud other" tests="1" failures="1" errors="0"');
    expect(attrsOf(out, 'testsuites')).toMatchObject({ tests: '2', failures: '1' });
  });
});

describe('XML escaping', () => {
  it('escapes quotes and line breaks in attributes so they survive attribute normalisation', () => {
    expect(xmlAttribute(`a"b'c\nd\te\rf`)).toBe('a&quot;b&apos;c&#10;d&#9;e&#13;f');
  });
  it('keeps tab and newline in text, escapes CR and strips other controls', () => {
    expect(xmlText('a\tb\nc\rd\x07e\x0bf')).toBe('a\tb\nc&#13;def');
  });
  it('strips unpaired surrogates and U+FFFE/U+FFFF but keeps real pairs', () => {
    expect(xmlText('x\ud800y\udc00z\ufffe\uffff😀')).toBe('xyz😀');
  });
});
