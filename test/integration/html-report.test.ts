// The HTML report of a real run, opened in a real (headless) Chromium from file://: its verdicts
// and counts against the JSON report of the same run, the filter and sort controls, light and dark
// mode, no network request, and a hostile image name that must stay text. Screenshots go to
// artifacts/ for people to look at.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CheckReport, SubjectReport } from '../../src/core/check/report.js';
import { summarize, type TestcaseResult } from '../../src/core/check/result.js';
import { chromiumAvailable, launchBrowser, pageColours, type TestBrowser } from '../harness/browser.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const NOW = '2026-11-28T12:00:00Z';
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const EVIL = `Evil <img src=x onerror="alert(1)"> & 'q' </script><!--`;

const METADATA: Record<string, string> = {
  architecture: 'x86_64',
  os_distro: 'ubuntu',
  os_version: '24.04',
  os_purpose: 'generic',
  hw_disk_bus: 'scsi',
  hypervisor_type: 'qemu',
  image_build_date: '2026-11-01',
  image_original_user: 'ubuntu',
  image_source: 'https://cloud-images.ubuntu.com/noble/20261101/noble-server-cloudimg-amd64.img',
  image_description: 'https://ubuntu.com/server',
  replace_frequency: 'monthly',
  provided_until: 'none',
  uuid_validity: 'last-3',
};

interface DomSubject {
  subject: string;
  compliant: string;
  counts: number[];
  testcases: Array<{ id: string; verdict: string; outcome: string; module: string }>;
  images: Array<{ id: string; verdict: string; name: string }>;
  modules: Array<{ id: string; verdict: string; counts: number[] }>;
}

let report: CheckReport;
let htmlUrl: string;
let browser: TestBrowser | undefined;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];
const consoleErrors: string[] = [];

/** How a testcase counts (the report's `summary` rules): WARN for a recommended non-PASS unless strict. */
const outcomeOf = (t: TestcaseResult): string => (t.verdict !== 'PASS' && t.requirement === 'recommended' && !report.options.strict ? 'WARN' : t.verdict);
const countsOf = (s: ReturnType<typeof summarize>, tests: number): number[] => [tests, s.passed, s.failed, s.aborted, s.warnings];
/** Image names a testcase row is found by, besides its id, description and module. */
const imageNames = (t: TestcaseResult): string[] => [...t.images, ...t.findings.flatMap((f) => (f.image ? [f.image] : []))].map((i) => i.name);
const imagesOf = (s: SubjectReport) => {
  const byId = new Map<string, string>();
  for (const t of s.testcases) for (const i of [...t.images, ...t.findings.flatMap((f) => (f.image ? [f.image] : []))]) byId.set(i.id, i.name);
  return byId;
};

async function readDom(): Promise<DomSubject[]> {
  return page.locator('[data-testid="subject"]').evaluateAll((sections) =>
    sections.map((s) => ({
      subject: s.getAttribute('data-subject') ?? '',
      compliant: s.getAttribute('data-compliant') ?? '',
      counts: ['tests', 'passed', 'failed', 'aborted', 'warnings'].map((k) => Number(s.getAttribute(`data-${k}`))),
      testcases: [...s.querySelectorAll('[data-testid="testcase"]')].map((r) => ({
        id: r.getAttribute('data-id') ?? '',
        verdict: r.getAttribute('data-verdict') ?? '',
        outcome: r.getAttribute('data-outcome') ?? '',
        module: r.getAttribute('data-module') ?? '',
      })),
      images: [...s.querySelectorAll('[data-testid="image"]')].map((i) => ({
        id: i.getAttribute('data-image-id') ?? '',
        verdict: i.getAttribute('data-verdict') ?? '',
        name: i.querySelector('[data-testid="image-name"]')?.textContent ?? '',
      })),
      modules: [...s.querySelectorAll('[data-testid="module"]')].map((m) => ({
        id: m.getAttribute('data-module') ?? '',
        verdict: m.getAttribute('data-verdict') ?? '',
        counts: ['tests', 'passed', 'failed', 'aborted', 'warnings'].map((k) => Number(m.getAttribute(`data-${k}`))),
      })),
    })),
  );
}

/** Attributes of the rows (`testcase` or `image`) the filter leaves visible. */
async function visible(testid: 'testcase' | 'image', attr: string): Promise<string[]> {
  return page.locator(`[data-testid="${testid}"]:visible`).evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);
}

// Chromium is installed by scripts/ensure-system-deps.sh (npm test and CI): a missing browser fails here
/** The testcases the version in force includes (the report's summary counts these). */
function inForce(t: { id: string }): boolean {
  const version = report.scope?.versions?.find((v) => v.inForce);
  return version === undefined || version.testcases.some((x) => x.id === t.id);
}

describe('the HTML report in a browser', () => {
  it("has Debian's Chromium", () => expect(chromiumAvailable()).toBe(true));

  beforeAll(async () => {
    await deleteAllImages(cloud);
    await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', minDisk: 5, minRam: 512, properties: METADATA });
    await createImage(cloud, 'admin', {
      name: 'Debian 12',
      visibility: 'public',
      properties: { image_source: 'https://mirror.example.com/debian-12.qcow2', architecture: 'amd64' },
    });
    await createImage(cloud, 'admin', {
      name: 'Debian 12',
      visibility: 'public',
      properties: { ...METADATA, os_distro: 'debian', os_version: '12', image_source: 'https://cloud.debian.org/images/cloud/bookworm/x.qcow2' },
    });
    await createImage(cloud, 'admin', { name: EVIL, visibility: 'public', properties: { image_source: 'javascript:alert(2)' } });
    // listed (the project's own), but not checked: its visibility
    await createImage(cloud, 'demo', { name: 'my private build', visibility: 'private', properties: { os_distro: 'ubuntu' } });

    // two clouds: the real one, and one nobody answers for
    const dir = await mkdtemp(path.join(tmpdir(), 'scs-html-'));
    const demo = cloud.users.demo;
    const auth = { username: demo.name, password: demo.password, project_name: demo.projectName, user_domain_name: 'Default', project_domain_name: 'Default' };
    const cloudsYaml = path.join(dir, 'clouds.yaml');
    await writeFile(
      cloudsYaml,
      stringify({
        clouds: {
          prod: { auth: { auth_url: cloud.authUrl, ...auth }, region_name: cloud.region },
          dead: { auth: { auth_url: 'http://127.0.0.1:9/v3', ...auth }, region_name: cloud.region },
        },
      }),
    );
    const args = ['check', '--cloud', 'prod', '--cloud', 'dead', '--now', NOW, '--timeout', '3'];
    const env = { OS_CLIENT_CONFIG_FILE: cloudsYaml };
    const htmlFile = path.join(dir, 'report.html');
    const [html, json] = await Promise.all([runCli([...args, '--format', 'html', '-o', htmlFile], { env }), runCli([...args, '--format', 'json'], { env })]);
    // prod fails a testcase and dead could not be checked: the FAIL decides (not compliant, exit 1)
    expect([html.code, json.code]).toEqual([1, 1]);
    report = JSON.parse(json.stdout) as CheckReport;
    htmlUrl = pathToFileURL(htmlFile).href;

    browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    browser.context.on('request', (r) => requests.push(r.url()));
    page = await browser.context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(htmlUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdicts and counts of the JSON report of the same run', async () => {
    expect(await page.getByTestId('overall-verdict').textContent()).toBe('NOT COMPLIANT');
    const dom = await readDom();
    expect(dom.map((s) => s.subject)).toEqual(['prod', 'dead']);
    report.subjects.forEach((s, i) => {
      const d = dom[i]!;
      expect(d.compliant).toBe(String(s.compliant));
      expect(d.counts).toEqual(countsOf(s.summary, s.testcases.length));
      expect(d.testcases).toEqual(s.testcases.map((t) => ({ id: t.id, verdict: t.verdict, outcome: outcomeOf(t), module: t.module })));
      expect(d.modules.map((m) => m.id)).toEqual(report.modules.map((m) => m.id));
      for (const m of d.modules) {
        const tcs = s.testcases.filter((t) => t.module === m.id);
        expect(m.counts).toEqual(countsOf(summarize(tcs, report.options.strict), tcs.length));
      }
      const images = imagesOf(s);
      expect(new Map(d.images.map((im) => [im.id, im.name]))).toEqual(images);
    });
    expect(dom[0]!.testcases.some((t) => t.verdict === 'FAIL')).toBe(true);
    expect(dom[1]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    expect(await page.getByTestId('subject-error').textContent()).toContain('could not list');
  });

  it("is an auditor's record: the command line, every listed image with why it was (not) checked, bars that add up, links to the rules", async () => {
    expect(await page.getByTestId('command-line').textContent()).toBe(
      `scs-images check --cloud prod --cloud dead --now ${NOW} --timeout 3 --format html -o ${htmlUrl.replace('file://', '')}`,
    );
    const prod = report.subjects[0]!;
    expect(prod.inventory?.length).toBe(prod.images.listed);
    await page.getByTestId('inventory').first().locator('summary').click();
    const rows = await page
      .getByTestId('inventory-image')
      .evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-image-id'), testcases: Number(e.getAttribute('data-testcases')), text: e.textContent ?? '' })),
      );
    expect(rows.map((r) => r.id)).toEqual(prod.inventory!.map((e) => e.id));
    const mine = rows.find((r) => r.text.includes('my private build'))!;
    expect(mine.testcases).toBe(0);
    expect(mine.text).toMatch(/visibility private is not checked/);
    expect(rows.filter((r) => r.testcases > 0).length).toBe(prod.images.considered);
    expect(await page.getByTestId('inventory-excluded').first().isVisible()).toBe(true);
    // the overview's bar: one segment per verdict, the counts adding up to the testcases, drawn with width
    const bars = await page
      .getByTestId('overview-bar')
      .evaluateAll((els) =>
        els.map((e) =>
          [...e.querySelectorAll('.seg')].map((seg) => ({ count: Number(seg.getAttribute('data-count')), width: seg.getBoundingClientRect().width })),
        ),
      );
    // the bar counts what decides the verdict: the version in force's testcases (a draft's extra ones are listed, not counted)
    expect(bars.map((b) => b.reduce((n, x) => n + x.count, 0))).toEqual(report.subjects.map((s) => s.testcases.filter(inForce).length));
    for (const seg of bars.flat()) expect(seg.width).toBeGreaterThan(0);
    const links = await page.getByTestId('rule-link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(links).toContain('https://docs.scs.community/standards/scs-0102-v1-image-metadata#image-origin');
    await page
      .getByTestId('inventory')
      .first()
      .screenshot({ path: path.join(ARTIFACTS, 'html-report-inventory.png') });
  });

  it('keeps the hostile image name as text: no script ran, no element was injected', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('[data-testid="image-name"]', { hasText: EVIL }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('filters by image name: only matching images and testcases stay visible', async () => {
    await page.getByTestId('filter-text').fill('Debian 12');
    const query = 'debian 12';
    const prod = report.subjects[0]!;
    const names = await page.locator('[data-testid="image"]:visible [data-testid="image-name"]').allTextContents();
    expect(names).toEqual([...imagesOf(prod).values()].filter((n) => n.toLowerCase().includes(query)));
    expect(names).toHaveLength(2);
    expect(await page.locator('[data-count-for="images-0"]').textContent()).toBe(`2 of ${imagesOf(prod).size}`);
    const expected = report.subjects.flatMap((s) =>
      s.testcases.filter((t) => [t.id, t.description, t.module ?? '', ...imageNames(t)].join(' ').toLowerCase().includes(query)).map((t) => t.id),
    );
    expect(await visible('testcase', 'data-id')).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(report.subjects.flatMap((s) => s.testcases).length);
  });

  it('filters by verdict: FAIL only', async () => {
    await page.getByTestId('filter-text').fill('');
    for (const v of ['PASS', 'ABORT', 'WARN']) await page.getByTestId(`filter-verdict-${v}`).uncheck();
    const outcomes = await visible('testcase', 'data-outcome');
    const failed = report.subjects.flatMap((s) => s.testcases).filter((t) => outcomeOf(t) === 'FAIL');
    expect(outcomes).toEqual(failed.map(() => 'FAIL'));
    expect(failed.filter(inForce).length).toBe(report.summary.failed);
    expect(new Set(await visible('image', 'data-verdict'))).toEqual(new Set(['FAIL']));
    for (const v of ['PASS', 'ABORT', 'WARN']) await page.getByTestId(`filter-verdict-${v}`).check();
    expect(await visible('testcase', 'data-id')).toHaveLength(report.subjects.flatMap((s) => s.testcases).length);
  });

  it('sorts by verdict (worst first) and by id, and back', async () => {
    const rank: Record<string, number> = { FAIL: 0, ABORT: 1, WARN: 2, PASS: 3 };
    const order = () =>
      page
        .locator('[data-testid="testcases"]')
        .first()
        .locator('[data-testid="testcase"]')
        .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-id') ?? '', r.getAttribute('data-outcome') ?? '']));
    await page.getByTestId('sort').selectOption('verdict');
    const byVerdict = (await order()).map(([, o]) => rank[o!]!);
    expect(byVerdict).toEqual([...byVerdict].sort((a, b) => a - b));
    await page.getByTestId('sort').selectOption('id');
    const ids = (await order()).map(([id]) => id!);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId('sort').selectOption('report');
    expect((await order()).map(([id]) => id)).toEqual(report.subjects[0]!.testcases.map((t) => t.id));
  });

  it('is readable in light and dark mode, and the toggle overrides the system preference', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const light = await pageColours(page);
    expect(light.background).toBeGreaterThan(0.8);
    expect(light.worstContrast).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-light.png'), fullPage: true });

    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await pageColours(page);
    expect(dark.background).toBeLessThan(0.05);
    expect(dark.worstContrast).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-dark.png'), fullPage: true });

    const toggle = page.getByTestId('theme-toggle');
    await toggle.click();
    expect(await toggle.textContent()).toBe('Theme: light');
    expect((await pageColours(page)).background).toBeGreaterThan(0.8);
    await toggle.click();
    expect(await toggle.textContent()).toBe('Theme: dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await pageColours(page)).background).toBeLessThan(0.05);
    await toggle.click();
    expect(await toggle.textContent()).toBe('Theme: auto');
  });

  it('asked for nothing but the report file', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests)).toEqual(new Set([htmlUrl]));
  });
});
