import { describe, expect, it } from 'vitest';
import { fenced, inline, MAX_FINDING_LINES, renderMarkdown } from './markdown.js';
import { advisoryFinding, missingFinding, noble, ReportBuilder, sourceFinding, twoClouds } from './report-builder.test-util.js';

const lines = (s: string): string[] => s.split('\n');
/** Cells of a GFM table row, honouring `\|`. */
const cells = (row: string): string[] =>
  row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe('renderMarkdown', () => {
  const md = renderMarkdown(twoClouds().build());

  it('starts with the overall verdict, the scope and a table of subjects × modules', () => {
    expect(lines(md)[0]).toBe('## ❌ SCS image check: NOT COMPLIANT');
    expect(md).toContain('Scope **SCS\\-compatible IaaS v5\\.1**; modules `scs-0102-v1`, `scs-0104-v1`;');
    const table = lines(md)
      .filter((l) => l.startsWith('| '))
      .slice(0, 3);
    expect(table.map(cells)).toEqual([
      ['Subject', 'Verdict', '`scs-0102-v1`', '`scs-0104-v1`', 'Testcases'],
      ['prod \\(region RegionOne\\)', '❌ NOT COMPLIANT', '❌ FAIL 0/1', '✅ PASS 1/1', '1 passed, 1 failed, 0 aborted, 0 warnings'],
      ['dev \\(region RegionOne\\)', '⛔ NO VERDICT', '⛔ ABORT 0/1', '⛔ ABORT 0/1', '0 passed, 0 failed, 2 aborted, 0 warnings'],
    ]);
  });

  it('has a section per subject with its error and a table of testcases', () => {
    expect(md).toContain('### ❌ Cloud prod \\(region RegionOne\\): NOT COMPLIANT\n');
    expect(md).toContain(
      "### ⛔ Cloud dev \\(region RegionOne\\): NO VERDICT\n\n> **Could not be checked:** could not list the cloud\\'s images\\: connection refused\n",
    );
    expect(md).toContain('| ❌ FAIL | `scs-0102-prop-architecture` scs\\-0102\\-prop\\-architecture description | scs\\-0102\\-v1 | 1 finding |');
    expect(md).toContain('| ✅ PASS | `scs-0104-image-ubuntu-2404` scs\\-0104\\-image\\-ubuntu\\-2404 description | scs\\-0104\\-v1 | – |');
    // the cloud's error is not repeated as a finding of each ABORT
    expect(md).toContain('| ⛔ ABORT | `scs-0102-prop-architecture` scs\\-0102\\-prop\\-architecture description | scs\\-0102\\-v1 | – |');
  });

  it('collapses the findings of each testcase that did not pass in <details>, as a code block', () => {
    expect(md).toContain(
      '<details><summary>❌ FAIL <code>scs-0102-prop-architecture</code></summary>\n\n```text\n- Ubuntu 24.04 (a1)  architecture: not set\n  allowed: x86_64\n           aarch64\n```\n\n</details>\n',
    );
    expect(md.match(/<details>/g)).toHaveLength(1);
  });

  it('shows WARN for a recommended FAIL and counts advisory notes without listing them', () => {
    const out = renderMarkdown(
      new ReportBuilder()
        .fail('d', [missingFinding('Debian 12', 'warning')], 'recommended')
        .testcase('h', 'PASS', { findings: [advisoryFinding(noble())] })
        .build(),
    );
    expect(out).toContain('| ⚠️ WARN | `d`');
    expect(out).toContain('<details><summary>⚠️ WARN <code>d</code></summary>');
    expect(out).toContain('| 1 advisory note |');
    expect(out).not.toContain('advisory (standard text)');
    expect(lines(out)[0]).toBe('## ✅ SCS image check: COMPLIANT');
  });

  it('keeps untrusted names from adding cells, markup, links or mentions', () => {
    const evil = { id: 'x', name: '|a| <b>*x*</b> [l](https://e.example) @team ```' };
    const out = renderMarkdown(
      new ReportBuilder()
        .cloud('c|d <i>')
        .fail('t', [sourceFinding(evil, 'v')])
        .build(),
    );
    const row = lines(out).find((l) => l.startsWith('| c'))!;
    expect(cells(row)).toHaveLength(4);
    expect(row).toContain('c\\|d &lt;i&gt;');
    const outsideFences = out.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideFences).not.toMatch(/<b>|<i>|\]\(https|[^\\]@team/);
    // the finding is inside a fence longer than its backtick run
    expect(out).toContain('````text\n- |a| <b>*x*</b> [l](https://e.example) @team ``` (x)  image_source: "v"');
  });

  it(`cuts findings after ${MAX_FINDING_LINES} lines`, () => {
    const many = Array.from({ length: 100 }, (_, i) => missingFinding(`img ${i}`));
    const out = renderMarkdown(new ReportBuilder().fail('t', many).build());
    expect(out).toContain("- Missing image: found no image named 'img 59'");
    expect(out).not.toContain("'img 60'");
    expect(out).toContain('… 40 more lines in the JSON or HTML report');
  });
});

describe('markdown escaping', () => {
  it('backslash-escapes punctuation and writes <, > and & as entities', () => {
    expect(inline('a|b*c_d`e[f](g)<h>&i @j')).toBe('a\\|b\\*c\\_d\\`e\\[f\\]\\(g\\)&lt;h&gt;&amp;i \\@j');
    expect(inline('\x1b[2J\u202e')).toBe('\\\\x1b\\[2J\\\\u202e');
  });
  it('fences with more backticks than the content has in a row', () => {
    expect(fenced('a')).toEqual(['```text', 'a', '```']);
    expect(fenced('a ```` b')).toEqual(['`````text', 'a ```` b', '`````']);
  });
});
