import type { CheckReport, ModuleRef, SubjectReport } from '../core/check/report.js';
import type { Finding, TestcaseResult } from '../core/check/result.js';
import { advisoryReading, isAdvisory } from '../core/check/advisory.js';
import { differencesFor } from '../core/check/differences.js';
import { dashboardLine } from '../core/check/dashboard.js';
import {
  countsText,
  moduleSourceLabel,
  scopeLabel,
  filterText,
  formatValue,
  moduleGroups,
  moduleState,
  outcomeOf,
  overallVerdict,
  ownFindings,
  plural,
  sharedExpected,
  subjectVerdict,
  type Outcome,
  connectionLabel,
  fixCommand,
  repairHint,
  otherVersionLines,
  onlyInOtherVersions,
} from './common.js';
import { CSS, SCRIPT } from './html-assets.js';
import { htmlText as text, jsonForScript } from './html-escape.js';
import { imageViews, type ImageView } from './html-model.js';
import { inventorySection, invocationRow, RECORD_CSS, ruleUrl, verdictBar } from './html-record.js';

export interface HtmlOptions {
  /** Show both readings (official test, standard's text) under each advisory finding. */
  explain?: boolean;
}

/** Nothing may be loaded: no fetch, no image, no font, no frame; only the inline style and script run. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const OUTCOMES: readonly Outcome[] = ['FAIL', 'ABORT', 'WARN', 'PASS'];
const OUTCOME_TITLE: Record<Outcome, string> = {
  PASS: 'passed',
  FAIL: 'failed',
  ABORT: 'could not be decided',
  WARN: 'recommended testcase did not pass; counts only in strict mode',
};

/**
 * One self-contained HTML page: per subject the module counts, every image with its findings
 * across testcases (operators fix images), and every testcase with its verdict and findings.
 * Rendered on the server side; the inline script only filters, sorts and switches the theme, so
 * the page reads fine without it. The report itself is embedded as JSON (`#report-data`).
 *
 * Everything from the report goes through `text()` (control and bidi characters made visible, then
 * `& < > " '` escaped), into element text or quoted attributes only.
 */
export function renderHtml(report: CheckReport, options: HtmlOptions = {}): string {
  const verdict = overallVerdict(report);
  const names = report.subjects.map((s) => s.subject.name).join(', ');
  return `<!DOCTYPE html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${text(`SCS image check: ${verdict}${names ? ` – ${names}` : ''}`)}</title>
<style>${CSS}${RECORD_CSS}</style>
</head>
<body>
<main>
${header(report)}
${overview(report)}
${controls()}
${report.subjects.map((s, i) => subjectSection(report, s, i, options)).join('\n')}
</main>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function header(report: CheckReport): string {
  const rows: Array<[string, string]> = [];
  if (report.scope) rows.push(['Scope', text(scopeLabel(report.scope))]);
  rows.push([
    'Modules',
    report.modules.map((m) => `${moduleLink(m)} <span class="muted">(${text(m.name)}, from ${text(moduleSourceLabel(m))})</span>`).join('<br>'),
  ]);
  rows.push(['Selection', text(filterText(report.options))]);
  if (report.options.strict) rows.push(['Mode', 'strict: recommended testcases count toward the verdict']);
  if (report.options.strictReading) rows.push(['Reading', 'strict: FAIL where the official test aborts (the SCS dashboard shows ABORT there)']);
  rows.push(['Checked at', `${text(report.checkedAt)} by ${text(`${report.tool.name} ${report.tool.version}`)}, report format ${text(report.formatVersion)}`]);
  rows.push(...invocationRow(report));
  if (report.warnings.length > 0) rows.push(['Warnings', `<span data-testid="run-warnings">${report.warnings.map(text).join('<br>')}</span>`]);
  return `<header data-testid="header">
<h1>${badge(overallVerdict(report), 'overall-verdict')} SCS image check</h1>
<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
</header>`;
}

/** One row per subject, one column per module: what a reader of many clouds looks at first. */
function overview(report: CheckReport): string {
  const { strict } = report.options;
  const head = report.modules.map((m) => `<th>${text(m.id)}</th>`).join('');
  const rows = report.subjects.map((s, i) => {
    const cells = moduleGroups(s, report.modules, strict)
      .filter((g) => report.modules.includes(g.module))
      .map(
        (g) =>
          `<td data-testid="overview-module" data-module="${text(g.module.id)}" data-verdict="${moduleState(g.summary)}">${badge(moduleState(g.summary))} <span class="muted">${g.summary.passed}/${g.testcases.length} passed</span></td>`,
      )
      .join('');
    return `<tr data-testid="overview-subject" data-subject="${text(s.subject.name)}" data-verdict="${subjectVerdict(s)}" data-compliant="${s.compliant}">
<td><a href="#subject-${i}">${text(subjectName(s))}</a></td><td>${badge(subjectVerdict(s))}</td>${cells}<td>${verdictBar(s.summary, 'overview-bar')}</td></tr>`;
  });
  const totals =
    report.subjects.length > 1
      ? `<p data-testid="overview-total">${report.subjects.length} clouds, ${report.subjects.filter((s) => s.compliant).length} compliant; testcases: ${text(countsText(report.summary))}</p>`
      : '';
  return `<section class="card" data-testid="overview">
<h2>Summary</h2>
<table><thead><tr><th>Subject</th><th>Verdict</th>${head}<th>Testcases</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>${totals}
</section>`;
}

function controls(): string {
  const boxes = OUTCOMES.map(
    (o) =>
      `<label title="${OUTCOME_TITLE[o]}"><input type="checkbox" checked data-filter-verdict="${o}" data-testid="filter-verdict-${o}"> ${badge(o)}</label>`,
  ).join(' ');
  return `<div class="controls" role="search" data-testid="controls">
<input type="search" id="filter-text" data-testid="filter-text" placeholder="Filter by image name or testcase id" aria-label="Filter by image name or testcase id">
${boxes}
<label><input type="checkbox" id="show-advisories" data-testid="show-advisories" checked> advisories</label>
<label>Sort <select id="sort" data-testid="sort"><option value="report">as checked</option><option value="verdict">by verdict</option><option value="id">by id / name</option></select></label>
<button type="button" id="theme" data-testid="theme-toggle">Theme: auto</button>
</div>`;
}

function subjectSection(report: CheckReport, s: SubjectReport, index: number, options: HtmlOptions): string {
  const { strict } = report.options;
  const v = subjectVerdict(s);
  const sum = s.summary;
  const modules = moduleGroups(s, report.modules, strict).map(
    (g) => `<tr data-testid="module" data-module="${text(g.module.id)}" data-verdict="${moduleState(g.summary)}" ${countAttrs(g.summary, g.testcases.length)}>
<td>${badge(moduleState(g.summary))}</td><td>${moduleLink(g.module)}</td><td>${text(g.module.name)}</td><td>${verdictBar(g.summary, 'module-bar')}</td></tr>`,
  );
  const images = imageViews(s, strict);
  const openImages = images.filter((im) => im.outcome !== 'PASS').length <= 10;
  return `<section class="card subject" id="subject-${index}" data-testid="subject" data-subject="${text(s.subject.name)}" data-verdict="${v}" data-compliant="${s.compliant}" ${countAttrs(sum, s.testcases.length)}>
<h2>${badge(v)} ${text(`${s.subject.kind === 'cloud' ? 'Cloud' : 'File'} ${subjectName(s)}`)}</h2>
${s.subject.connection ? `<p class="muted" data-testid="subject-connection">Checked as ${text(connectionLabel(s.subject.connection))}</p>` : ''}
${s.error !== undefined ? `<p class="error" data-testid="subject-error">Could not be checked: ${text(s.error)}</p>` : ''}
<p class="muted">${s.images.listed} images listed, ${s.images.considered} considered. Testcases: ${text(countsText(sum))}${sum.warnings > 0 ? ' (warnings are recommended testcases; they count only in strict mode)' : ''}.</p>
${otherVersionLines(s)
  .map((line) => `<p data-testid="upcoming">Upcoming: ${text(line)}</p>`)
  .join(
    '',
  )}${s.dashboard ? `<p data-testid="dashboard" data-dashboard="${s.dashboard.images.result}" data-dashboard-version="${s.dashboard.fullScope.result}">SCS dashboard: ${text(dashboardLine(s.dashboard))}</p>` : ''}
<table><thead><tr><th>State</th><th>Module</th><th>Name</th><th>Testcases</th></tr></thead><tbody>${modules.join('\n')}</tbody></table>
${inventorySection(s, index)}
${repairHint(s) ? `<p class="fix" data-testid="repair-hint">Repair: <code>${text(repairHint(s) ?? '')}</code></p>` : ''}
<h3>Images (<span data-count-for="images-${index}">${images.length}</span>)</h3>
<div class="images" id="images-${index}" data-sortable data-testid="images">
${images.map((im, i) => imageItem(im, i, openImages, options)).join('\n') || '<p class="muted">No image was matched or has findings.</p>'}
</div>
<h3>Testcases (<span data-count-for="testcases-${index}">${s.testcases.length}</span>)</h3>
<table class="testcases"><colgroup><col class="c-verdict"><col class="c-testcase"><col class="c-module"><col></colgroup>
<thead><tr><th>Verdict</th><th>Testcase</th><th>Module</th><th>Findings</th></tr></thead>
<tbody id="testcases-${index}" data-sortable data-testid="testcases">
${s.testcases.map((tc, i) => testcaseRow(tc, i, s, strict, options, ruleUrl(tc, report.modules), onlyInOtherVersions(report, tc.id))).join('\n')}
</tbody></table>
</section>`;
}

function imageItem(view: ImageView, index: number, open: boolean, options: HtmlOptions): string {
  const { image, outcome, entries } = view;
  const problems = entries.filter((e) => e.finding.level !== 'info');
  const advisories = entries.filter((e) => e.advisory).length;
  const notes = entries.length - problems.length - advisories;
  const testcases = new Set(problems.map((e) => e.testcase.id)).size;
  const note = [
    problems.length > 0 ? `${plural(problems.length, 'finding')} in ${plural(testcases, 'testcase')}` : 'no findings',
    notes > 0 ? plural(notes, 'note') : '',
    advisories > 0 ? plural(advisories, 'advisory note') : '',
  ]
    .filter(Boolean)
    .join('; ');
  const name = image.name === '' ? '(unnamed)' : image.name;
  const search = [image.name, image.id, ...view.testcases].join(' ');
  const items = entries.map((e) =>
    findingItem(e.finding, e.testcase.id, options, { badge: e.finding.level === 'info' ? undefined : e.outcome, testcase: e.testcase.id }),
  );
  return `<details data-testid="image" data-filterable data-index="${index}" data-key="${text(name.toLowerCase())}" data-image-id="${text(image.id)}" data-verdict="${outcome}" data-outcome="${outcome}" data-search="${text(search.toLowerCase())}"${open && outcome !== 'PASS' ? ' open' : ''}>
<summary>${badge(outcome)} <strong data-testid="image-name">${text(name)}</strong> <code>${text(image.id)}</code> <span class="muted">${note}</span></summary>
${items.length > 0 ? `<ul class="findings">${items.join('')}</ul>` : ''}</details>`;
}

function testcaseRow(
  tc: TestcaseResult,
  index: number,
  s: SubjectReport,
  strict: boolean,
  options: HtmlOptions,
  rule: string | undefined,
  /** `next only`: a testcase only a version not yet in force includes (listed, not counted). */
  only?: string,
): string {
  const outcome = outcomeOf(tc, strict);
  const findings = ownFindings(tc, s);
  const shared = sharedExpected(findings.filter((f) => !isAdvisory(f)));
  const imageNames = [...tc.images, ...findings.flatMap((f) => (f.image ? [f.image] : []))].map((i) => i.name);
  const search = [tc.id, tc.description, tc.module ?? '', ...new Set(imageNames)].join(' ');
  const items = findings.map((f) => findingItem(f, tc.id, options, { withImage: true, hideExpected: shared !== undefined }));
  const problems = findings.filter((f) => !isAdvisory(f)).length;
  const summary = [problems > 0 ? plural(problems, 'finding') : '', findings.length > problems ? plural(findings.length - problems, 'advisory note') : '']
    .filter(Boolean)
    .join(', ');
  const cell =
    findings.length === 0
      ? `<span class="muted">${s.error !== undefined && tc.verdict === 'ABORT' ? 'not checked' : tc.images.length > 0 ? `${plural(tc.images.length, 'image')} checked` : 'no image matched'}</span>`
      : `<details${outcome !== 'PASS' && findings.length <= 5 ? ' open' : ''}><summary>${summary}</summary><ul class="findings">${items.join('')}</ul>${shared ? allowed(shared) : ''}</details>`;
  return `<tr data-testid="testcase" data-filterable data-index="${index}" data-key="${text(tc.id)}" data-id="${text(tc.id)}" data-verdict="${tc.verdict}" data-outcome="${outcome}" data-module="${text(tc.module ?? '')}" data-requirement="${tc.requirement}" data-findings="${findings.length}" data-search="${text(search.toLowerCase())}">
<td>${badge(outcome, undefined, tc.verdict !== outcome ? `${tc.verdict}: ${OUTCOME_TITLE[outcome]}` : OUTCOME_TITLE[outcome])}</td>
<td class="desc"><code>${text(tc.id)}</code><div class="muted">${text(tc.description)}${only ? ` <em data-testid="upcoming-only">[${text(only)}, not counted]</em>` : ''}${rule ? ` <a href="${text(rule)}" rel="noopener noreferrer" data-testid="rule-link">rule</a>` : ''}</div></td>
<td>${text(tc.module ?? '')}<div class="muted">${tc.requirement}</div></td>
<td>${cell}</td></tr>`;
}

interface ItemStyle {
  /** Testcase view: name the image. */
  withImage?: boolean;
  /** Image view: the testcase's outcome and id in front. */
  badge?: Outcome;
  testcase?: string;
  /** The accepted values are listed once below all findings. */
  hideExpected?: boolean;
}

function findingItem(f: Finding, testcaseId: string, options: HtmlOptions, style: ItemStyle): string {
  const advisory = isAdvisory(f);
  const parts: string[] = [];
  if (advisory) {
    const reading = advisoryReading(f) === 'official' ? 'official test' : "standard's text";
    parts.push(`<span class="badge v-advisory" title="does not change the verdict">advisory: ${reading}</span>`);
  } else if (f.level === 'info') parts.push(badge('INFO', undefined, 'a note, not a problem'));
  else if (style.badge) parts.push(badge(style.badge));
  if (style.testcase !== undefined) parts.push(`<code>${text(style.testcase)}</code>`);
  if (advisory) {
    parts.push(text(f.message.replace(/^advisory \([^)]*\): /, '')));
  } else if (f.image !== undefined && f.property !== undefined) {
    const who = style.withImage ? `<strong>${text(f.image.name === '' ? '(unnamed)' : f.image.name)}</strong> <code>${text(f.image.id)}</code> ` : '';
    parts.push(`${who}${text(f.property)}: <code>${text(formatValue(f.value))}</code>`);
  } else {
    parts.push(text(f.message));
  }
  let extra = '';
  if (!advisory && !style.hideExpected && f.expected !== undefined && f.expected.length > 0) extra += allowed(f.expected);
  const fix = advisory ? undefined : fixCommand(testcaseId, f);
  if (fix) extra += `<div class="fix" data-testid="fix">fix: <code>${text(fix)}</code></div>`;
  if (advisory && options.explain) {
    for (const d of differencesFor(testcaseId, [f.message])) {
      extra += `<div class="readings">official test (decides the verdict${d.reading === 'official' ? ', except here' : ''}): ${text(d.official)}<br>standard's text: ${text(d.standard)}</div>`;
    }
  }
  return `<li class="finding${advisory ? ' advisory' : ''}" data-testid="finding" data-level="${f.level}" data-advisory="${advisory}" title="${text(f.message)}">${parts.join(' ')}${extra}</li>`;
}

function allowed(values: readonly string[]): string {
  return `<div class="allowed">allowed: ${values.map((v) => `<code>${text(v)}</code>`).join(', ')}</div>`;
}

function badge(word: string, testid?: string, title?: string): string {
  const cls = `v-${word.replace(/ /g, '-')}`;
  return `<span class="badge ${cls}"${testid ? ` data-testid="${testid}"` : ''}${title ? ` title="${text(title)}"` : ''}>${text(word)}</span>`;
}

function countAttrs(s: SubjectReport['summary'], tests: number): string {
  return `data-tests="${tests}" data-passed="${s.passed}" data-failed="${s.failed}" data-aborted="${s.aborted}" data-warnings="${s.warnings}"`;
}

function subjectName(s: SubjectReport): string {
  return s.subject.region !== undefined ? `${s.subject.name} (region ${s.subject.region})` : s.subject.name;
}

/** Only http(s) URLs become links (a scope file is input too); the rest is shown as text. */
function moduleLink(m: ModuleRef): string {
  if (m.url === undefined || !/^https?:\/\//i.test(m.url)) return `<code>${text(m.id)}</code>`;
  return `<a href="${text(m.url)}" rel="noopener noreferrer"><code>${text(m.id)}</code></a>`;
}
