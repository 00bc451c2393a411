import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../core/check/report.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import { imageViews } from './html-model.js';
import { HTML_CSP, renderHtml } from './html.js';
import { advisoryFinding, missingFinding, noble, ReportBuilder, sourceFinding, twoClouds } from './report-builder.test-util.js';

/** Opening tags carrying `data-testid="<id>"`, with their attributes. */
function hooks(html: string, testid: string): Array<Record<string, string>> {
  const tags = html.match(new RegExp(`<\\w+[^>]*data-testid="${testid}"[^>]*>`, 'g')) ?? [];
  return tags.map((t) => Object.fromEntries([...t.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]])));
}
const embedded = (html: string): CheckReport =>
  JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null') as CheckReport;

const EVIL = `<img src=x onerror="alert(1)"> & 'x' </script><!--`;

describe('renderHtml', () => {
  const report = twoClouds().build();
  const html = renderHtml(report);

  it('is one self-contained document that may load nothing', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en"')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base|form)\b/i);
    expect(html).not.toMatch(/\ssrc=|@import|url\(/i);
    // the only URLs are links to the standards, which are followed only when clicked
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    // the module's document, and the section stating each testcase's rule
    const external = hrefs.filter((h) => !h!.startsWith('#'));
    expect(external.length).toBeGreaterThan(3);
    for (const h of external) expect(h).toMatch(/^https:\/\/docs\.scs\.community\/standards\/scs-0102-v1-image-metadata(#[a-z-]+)?$/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('embeds the report as JSON', () => {
    expect(embedded(html)).toEqual(report);
  });

  it('summarises each subject and module with verdicts and counts', () => {
    expect(hooks(html, 'overall-verdict')).toHaveLength(1);
    expect(html).toMatch(/data-testid="overall-verdict">NOT COMPLIANT</);
    expect(hooks(html, 'overview-subject').map((h) => [h['data-subject'], h['data-verdict'], h['data-compliant']])).toEqual([
      ['prod', 'NOT COMPLIANT', 'false'],
      ['dev', 'NO VERDICT', 'false'],
    ]);
    const subjects = hooks(html, 'subject');
    expect(subjects.map((s) => [s['data-tests'], s['data-passed'], s['data-failed'], s['data-aborted'], s['data-warnings']])).toEqual([
      ['2', '1', '1', '0', '0'],
      ['2', '0', '0', '2', '0'],
    ]);
    expect(hooks(html, 'module').map((m) => `${m['data-module']}:${m['data-verdict']}`)).toEqual([
      'scs-0102-v1:FAIL',
      'scs-0104-v1:PASS',
      'scs-0102-v1:ABORT',
      'scs-0104-v1:ABORT',
    ]);
    expect(html).toContain('data-testid="subject-error">Could not be checked: could not list the cloud&#39;s images: connection refused</p>');
  });

  it('gives every testcase its verdict, outcome, module and requirement as hooks', () => {
    const rows = hooks(html, 'testcase');
    expect(rows.map((r) => [r['data-id'], r['data-verdict'], r['data-outcome'], r['data-module']])).toEqual([
      ['scs-0102-prop-architecture', 'FAIL', 'FAIL', 'scs-0102-v1'],
      ['scs-0104-image-ubuntu-2404', 'PASS', 'PASS', 'scs-0104-v1'],
      ['scs-0102-prop-architecture', 'ABORT', 'ABORT', 'scs-0102-v1'],
      ['scs-0104-image-ubuntu-2404', 'ABORT', 'ABORT', 'scs-0104-v1'],
    ]);
    // the cloud's error is said once, not as a finding of each ABORT
    expect(rows.slice(2).map((r) => r['data-findings'])).toEqual(['0', '0']);
  });

  it('shows a recommended FAIL as WARN, and as FAIL in strict mode', () => {
    const b = () => new ReportBuilder().fail('t', [missingFinding('Debian 12', 'warning')], 'recommended');
    expect(hooks(renderHtml(b().build()), 'testcase')[0]).toMatchObject({ 'data-verdict': 'FAIL', 'data-outcome': 'WARN', 'data-requirement': 'recommended' });
    expect(hooks(renderHtml(b().strict().build()), 'testcase')[0]).toMatchObject({ 'data-outcome': 'FAIL' });
  });

  it('groups findings by image across testcases', () => {
    const r = new ReportBuilder()
      .fail('scs-0104-source-ubuntu-2404', [sourceFinding(noble('a1'), 'x'), sourceFinding(noble('b2'), 'y')])
      .fail('scs-0102-prop-architecture', [{ level: 'error', message: 'no architecture', image: noble('a1'), property: 'architecture' }])
      .pass('scs-0104-image-ubuntu-2404', [noble('a1'), noble('b2'), noble('c3')])
      .build();
    const out = renderHtml(r);
    expect(hooks(out, 'image').map((i) => `${i['data-image-id']}:${i['data-verdict']}`)).toEqual(['a1:FAIL', 'b2:FAIL', 'c3:PASS']);
    const a1 = /<details data-testid="image"[^>]*data-image-id="a1"[\s\S]*?<\/details>/.exec(out)?.[0] ?? '';
    expect(a1).toContain('2 findings in 2 testcases');
    expect(a1).toContain('<code>scs-0104-source-ubuntu-2404</code> image_source: <code>&quot;x&quot;</code>');
    expect(a1).toContain('<code>scs-0102-prop-architecture</code> architecture: <code>not set</code>');
  });

  it('marks advisory findings; explain adds both readings', () => {
    const r = new ReportBuilder().testcase('scs-0102-prop-hw_disk_bus', 'PASS', { findings: [advisoryFinding(noble('a1'))], images: [noble('a1')] }).build();
    const out = renderHtml(r);
    expect(hooks(out, 'finding').every((f) => f['data-advisory'] === 'true' && f['class'] === 'finding advisory')).toBe(true);
    expect(out).toContain(`advisory: standard's text</span>`);
    expect(hooks(out, 'image')[0]).toMatchObject({ 'data-verdict': 'PASS' });
    expect(out).not.toContain('class="readings"');
    expect(renderHtml(r, { explain: true })).toContain(
      `<div class="readings">official test (decides the verdict): a missing hw_disk_bus passes<br>standard's text: hw_disk_bus is mandatory</div>`,
    );
  });

  it('never lets text from the cloud become markup, in text, attributes or the embedded JSON', () => {
    const image = { id: `id"><b>`, name: `${EVIL}\u202e\x1b[2J` };
    const r = new ReportBuilder()
      .cloud(EVIL)
      .fail('t', [sourceFinding(image, EVIL)])
      .build();
    const out = renderHtml(r);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<!--');
    expect(out.match(/<\/script>/g)).toHaveLength(2);
    expect(out).not.toMatch(/[\u202e\x1b]/);
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39; &lt;/script&gt;&lt;!--\\u202e\\x1b[2J');
    expect(embedded(out)).toEqual(r);
    expect(hooks(out, 'image')[0]!['data-image-id']).toBe('id&quot;&gt;&lt;b&gt;');
  });

  it('links a module only to an http(s) URL', () => {
    const r = new ReportBuilder().module('m', 'M', { url: 'javascript:alert(1)' }).pass('a').build();
    const out = renderHtml(r);
    expect(out).not.toMatch(/href="javascript/i);
    expect(out).toContain('<code>m</code>');
  });

  it('renders a report without subjects or testcases', () => {
    const empty = renderHtml(new ReportBuilder().build());
    expect(hooks(empty, 'testcase')).toEqual([]);
    expect(empty).toContain('No image was matched or has findings.');
  });
});

describe('imageViews', () => {
  it('keeps images in order of first mention and notes which testcases looked at them', () => {
    const r = new ReportBuilder()
      .pass('p', [noble('b2')])
      .fail('f', [sourceFinding(noble('a1'), 'x'), { level: 'info', message: 'note', image: noble('b2') }])
      .fail('w', [sourceFinding(noble('b2'), 'y')], 'recommended')
      .build();
    const views = imageViews(r.subjects[0]!, false);
    expect(views.map((v) => [v.image.id, v.outcome, v.testcases])).toEqual([
      ['b2', 'WARN', ['p', 'f', 'w']], // the info finding of a FAIL does not make the image FAIL
      ['a1', 'FAIL', ['f']],
    ]);
    expect(imageViews(r.subjects[0]!, true)[0]!.outcome).toBe('FAIL');
  });
});

describe('escaping helpers', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('writes JSON that cannot close a script element and still parses', () => {
    const value = { s: '</script><!-- & \u2028' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
