import { describe, expect, it } from 'vitest';
import { advisoryFinding, missingFinding, twoClouds, noble, ReportBuilder, sourceFinding, UBUNTU_PREFIXES } from './report-builder.test-util.js';
import { printable, renderText } from './text.js';

const ESC = '\x1b';
const lines = (s: string): string[] => s.split('\n');
const lineOf = (s: string, needle: string): string => lines(s).find((l) => l.includes(needle)) ?? '';

describe('renderText', () => {
  it('describes the subject, the standard, the images and the filter in the header', () => {
    const out = renderText(new ReportBuilder().cloud('prod', 'RegionOne').pass('scs-0104-image-ubuntu-2404').build(), { color: false });
    expect(lineOf(out, 'Subject')).toBe('Subject     cloud prod (region RegionOne)');
    expect(lineOf(out, 'Standard')).toBe('Standard    scs-0104-v1 (Standard images) from scs-0104-v1-images-v5.yaml');
    expect(lineOf(out, 'Images')).toBe('Images      5 listed, 3 considered');
    expect(lineOf(out, 'Filter')).toBe('Filter      visibility public, community; hidden images excluded');
    expect(lineOf(out, 'Checked at')).toBe('Checked at  2026-08-21T10:00:00.123Z by scs-images 0.1.0');
    expect(out).not.toContain('Mode');
  });

  it('names file subjects and non-default filters and strict mode', () => {
    const report = new ReportBuilder()
      .file('images.json')
      .strict()
      .with({ visibilities: ['all'], includeHidden: true, collapseDuplicates: true })
      .build();
    const out = renderText(report, { color: false });
    expect(lineOf(out, 'Subject')).toBe('Subject     file images.json');
    expect(lineOf(out, 'Filter')).toBe('Filter      any visibility; hidden images included; duplicate names collapsed to the last listed');
    expect(lineOf(out, 'Mode')).toContain('strict');
  });

  it('prints one aligned line per testcase: verdict, id, description', () => {
    const report = new ReportBuilder()
      .pass('scs-0104-image-ubuntu-2404')
      .fail('scs-0104-source-debian-12', [missingFinding('x')])
      .abort('scs-0104-source-capi-2')
      .build();
    const out = renderText(report, { color: false });
    const rows = lines(out).filter((l) => /^(PASS|FAIL|ABORT|WARN) /.test(l));
    expect(rows).toEqual([
      'PASS   scs-0104-image-ubuntu-2404  scs-0104-image-ubuntu-2404 description',
      'FAIL   scs-0104-source-debian-12   scs-0104-source-debian-12 description',
      'ABORT  scs-0104-source-capi-2      scs-0104-source-capi-2 description',
    ]);
  });

  it('shows image, property, value and the allowed prefixes under a failed testcase', () => {
    const report = new ReportBuilder()
      .fail('scs-0104-source-ubuntu-2404', [sourceFinding(noble('a1'), 'https://evil.example/x.img'), sourceFinding(noble('b22'), undefined)])
      .build();
    const out = lines(renderText(report, { color: false }));
    const start = out.findIndex((l) => l.startsWith('FAIL'));
    expect(out.slice(start + 1, start + 5)).toEqual([
      '       - Ubuntu 24.04 (a1)   image_source: "https://evil.example/x.img"',
      '       - Ubuntu 24.04 (b22)  image_source: not set',
      `         allowed: ${UBUNTU_PREFIXES[0]}`,
      `                  ${UBUNTU_PREFIXES[1]}`,
    ]);
  });

  it('repeats the allowed values per finding when they differ', () => {
    const report = new ReportBuilder().fail('t', [sourceFinding(noble('a'), 'x', ['p1/']), sourceFinding(noble('b'), 'y', ['p2/'])]).build();
    const out = renderText(report, { color: false });
    expect(out).toContain('- Ubuntu 24.04 (a)  image_source: "x"\n         allowed: p1/\n');
    expect(out).toContain('- Ubuntu 24.04 (b)  image_source: "y"\n         allowed: p2/\n');
  });

  it('shows a message finding that has no image as its sentence', () => {
    const out = renderText(new ReportBuilder().fail('t', [missingFinding('Ubuntu 24.04')]).build(), { color: false });
    expect(out).toContain("\n       - Missing image: found no image named 'Ubuntu 24.04' among the checked images\n");
  });

  it('shows a failed recommended testcase as WARN and counts it as a warning', () => {
    const report = new ReportBuilder()
      .pass('a')
      .fail('b', [missingFinding('Debian 12', 'warning')], 'recommended')
      .build();
    const out = renderText(report, { color: false });
    expect(lineOf(out, ' b ')).toMatch(/^WARN {3}b/);
    expect(out).toContain('Missing image');
    expect(lineOf(out, 'Testcases')).toBe('Testcases   2: 1 passed, 0 failed, 0 aborted, 1 warning (recommended testcases; they count only in strict mode)');
    expect(out.trimEnd().split('\n').at(-1)).toBe('Verdict     COMPLIANT');
  });

  it('shows the same testcase as FAIL in strict mode and is not compliant', () => {
    const report = new ReportBuilder()
      .strict()
      .fail('b', [missingFinding('Debian 12')], 'recommended')
      .build();
    const out = renderText(report, { color: false });
    expect(lineOf(out, ' b ')).toMatch(/^FAIL {3}b/);
    expect(lineOf(out, 'Testcases')).toBe('Testcases   1: 0 passed, 1 failed, 0 aborted, 0 warnings');
    expect(out.endsWith('Verdict     NOT COMPLIANT\n')).toBe(true);
  });

  it('lists matched images of passing testcases only when verbose', () => {
    const report = new ReportBuilder()
      .pass('a', [noble('i1'), noble('i2')])
      .pass('b')
      .build();
    expect(renderText(report, { color: false })).not.toContain('matched');
    const out = renderText(report, { color: false, verbose: true });
    expect(out).toContain('\n       matched  Ubuntu 24.04 (i1)\n                Ubuntu 24.04 (i2)\n');
    expect(out).toContain('\n       matched  none\n');
  });

  it('uses no escape sequences without colour', () => {
    const report = new ReportBuilder()
      .pass('a')
      .fail('b', [missingFinding('x')])
      .abort('c')
      .build();
    expect(renderText(report, { color: false })).not.toContain(ESC);
  });

  it('colours verdicts: PASS green, FAIL red, ABORT and WARN yellow, and the verdict line', () => {
    const report = new ReportBuilder().pass('a').fail('b', []).abort('c').fail('d', [], 'recommended').build();
    const out = renderText(report, { color: true });
    expect(out).toContain(`${ESC}[32mPASS ${ESC}[0m  a`);
    expect(out).toContain(`${ESC}[31mFAIL ${ESC}[0m  b`);
    expect(out).toContain(`${ESC}[33mABORT${ESC}[0m  c`);
    expect(out).toContain(`${ESC}[33mWARN ${ESC}[0m  d`);
    expect(out).toContain(`Verdict     ${ESC}[1;31mNOT COMPLIANT${ESC}[0m`);
  });

  it('escapes control characters and bidi overrides coming from the cloud', () => {
    const evil = { id: 'x', name: `Ubuntu${ESC}[2J\u202e` };
    const report = new ReportBuilder().fail('t', [sourceFinding(evil, `a\nb${ESC}`)]).build();
    const out = renderText(report, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u202e');
    expect(out).toContain('- Ubuntu\\x1b[2J\\u202e (x)  image_source: "a\\nb\\u001b"');
  });

  it('handles a report without testcases', () => {
    const out = renderText(new ReportBuilder().build(), { color: false });
    expect(lineOf(out, 'Testcases')).toBe('Testcases   0: 0 passed, 0 failed, 0 aborted, 0 warnings');
    expect(out).toContain('Verdict     COMPLIANT');
  });
});

describe('renderText with scopes, modules and several clouds', () => {
  const ERROR = "could not list the cloud's images: connection refused";
  const out = renderText(twoClouds().build(), { color: false });
  const [prod = '', dev = ''] = out.split('─'.repeat(60));

  it('names the scope and every module in each header', () => {
    expect(lineOf(prod, 'Scope')).toBe('Scope       SCS-compatible IaaS v5.1');
    expect(lineOf(prod, 'Standard')).toBe('Standard    scs-0102-v1 (Image metadata v1) from built-in');
    expect(lines(prod)).toContain('            scs-0104-v1 (Standard images) from scs-0104-v1-images-v5');
    expect(lineOf(dev, 'Subject')).toBe('Subject     cloud dev (region RegionOne)');
  });

  it('counts per module, like the per-target lines of the SCS compliance check', () => {
    expect(lines(prod).filter((l) => l.startsWith('Module'))).toEqual([
      'Module      scs-0102-v1 (Image metadata v1): FAIL (0 passed, 1 failed, 0 aborted, 0 warnings)',
      'Module      scs-0104-v1 (Standard images): PASS (1 passed, 0 failed, 0 aborted, 0 warnings)',
    ]);
    expect(lineOf(dev, 'Module      scs-0104-v1')).toContain(': ABORT (0 passed, 0 failed, 1 aborted, 0 warnings)');
  });

  it("says a cloud's error once, not again under each of its ABORTs", () => {
    expect(lineOf(dev, 'Error')).toBe(`Error       ${ERROR}`);
    expect(dev.split(ERROR).length - 1).toBe(1);
  });

  it('collapses the ABORTs of a cloud that could not be listed into one line (JSON, JUnit and YAML keep each)', () => {
    expect(lines(dev).filter((l) => l.startsWith('ABORT'))).toEqual(['ABORT  2 testcases not run: the images could not be listed (Error above)']);
    expect(lineOf(dev, 'Testcases')).toBe('Testcases   2: 0 passed, 0 failed, 2 aborted, 0 warnings');
    // a cloud that was listed keeps one line per testcase, ABORTs included
    const listed = renderText(
      new ReportBuilder()
        .pass('a')
        .abort('b', [{ level: 'error', message: 'undecided' }])
        .build(),
      { color: false },
    );
    expect(lines(listed).filter((l) => /^(PASS|ABORT)/.test(l))).toHaveLength(2);
  });

  it('gives each subject its verdict, then the number of compliant clouds and the overall verdict', () => {
    expect(lineOf(prod, 'Verdict')).toBe('Verdict     NOT COMPLIANT');
    expect(lineOf(dev, 'Verdict')).toBe('Verdict     NO VERDICT');
    expect(out.trimEnd().split('\n').slice(-2)).toEqual(['Clouds      2: 0 compliant', 'Overall     NOT COMPLIANT']);
  });

  it('has no overall lines for one subject, and no module lines for one module', () => {
    const one = renderText(new ReportBuilder().pass('a').build(), { color: false });
    expect(one).not.toMatch(/^(Overall|Clouds|Module) /m);
  });

  it('calls a run without FAILs but with an ABORT or an unreachable cloud NO VERDICT, in yellow', () => {
    expect(renderText(new ReportBuilder().abort('a').build(), { color: false })).toContain('Verdict     NO VERDICT\n');
    const both = new ReportBuilder()
      .pass('a')
      .subject('dev', { error: 'down' })
      .abort('a', [{ level: 'error', message: 'down' }])
      .build();
    const coloured = renderText(both, { color: true });
    expect(coloured).toContain(`Overall     ${ESC}[1;33mNO VERDICT${ESC}[0m`);
    expect(renderText(both, { color: false })).toContain('Clouds      2: 1 compliant');
  });

  it('counts advisory findings, and shows them with both readings with explain', () => {
    const report = new ReportBuilder().testcase('scs-0102-prop-hw_disk_bus', 'PASS', { findings: [advisoryFinding(noble('a1'))] }).build();
    const plain = renderText(report, { color: false });
    expect(plain).toContain("       1 advisory note: the official test and the standard's text read this rule differently (--explain)\n");
    expect(plain).not.toContain('advisory (standard text)');
    const explained = renderText(report, { color: false, explain: true });
    expect(explained).toContain("       - advisory (standard text): Image 'Ubuntu 24.04' (a1) has no hw_disk_bus property");
    expect(explained).toContain('         reading of the official test (decides the verdict): a missing hw_disk_bus passes\n');
    expect(explained).toContain("         reading of the standard's text: hw_disk_bus is mandatory\n");
  });

  it('mentions community images of other projects when they were included', () => {
    const report = new ReportBuilder().with({ allCommunity: true }).build();
    expect(lineOf(renderText(report, { color: false }), 'Filter')).toContain("other projects' community images included");
  });
});

describe('printable', () => {
  it('leaves ordinary text, including non-ASCII letters, alone', () => {
    expect(printable('Ubuntu 24.04 – Grüße')).toBe('Ubuntu 24.04 – Grüße');
  });
  it('escapes C0, DEL and C1 controls', () => {
    expect(printable('\t\u007f\u009b')).toBe('\\x09\\x7f\\x9b');
  });
});
