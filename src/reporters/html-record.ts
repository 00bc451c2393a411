/**
 * The parts of the HTML report that make it a record an auditor can file: a bar of the verdicts
 * (counts as widths, text beside it for readers that see no colour), the inventory of every
 * listed image, the command line, and links from a testcase to the section of the standard that
 * states its rule.
 */
import type { CheckReport, ModuleRef, SubjectReport } from '../core/check/report.js';
import type { CheckSummary, TestcaseResult } from '../core/check/result.js';
import { plural } from './common.js';
import { htmlText as text } from './html-escape.js';

/** A stacked bar: passed, warnings (recommended, not strict), failed, aborted. */
export function verdictBar(summary: CheckSummary, testid: string): string {
  const parts: Array<[string, number, string]> = [
    ['PASS', summary.passed, 'passed'],
    ['WARN', summary.warnings, 'warnings'],
    ['FAIL', summary.failed, 'failed'],
    ['ABORT', summary.aborted, 'aborted'],
  ];
  const total = parts.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return '';
  const label = parts
    .filter(([, c]) => c > 0)
    .map(([, c, w]) => `${c} ${w}`)
    .join(', ');
  const segments = parts
    .filter(([, c]) => c > 0)
    .map(([v, c]) => `<span class="seg v-${v}" data-verdict="${v}" data-count="${c}" style="width:${((c / total) * 100).toFixed(2)}%"></span>`)
    .join('');
  return `<div class="verdict-bar" role="img" aria-label="${text(label)}" data-testid="${testid}">${segments}</div><span class="muted">${text(label)}</span>`;
}

export function invocationRow(report: CheckReport): Array<[string, string]> {
  if (!report.invocation) return [];
  return [['Command', `<code data-testid="command-line">${text(report.invocation.commandLine.map(shellWord).join(' '))}</code>`]];
}

/** Quoted as a POSIX shell would need it, so the line can be run again. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Every listed image: what the standards read of it, and the testcases that looked at it or why none did. */
export function inventorySection(s: SubjectReport, index: number): string {
  const inventory = s.inventory;
  if (!inventory || inventory.length === 0) return '';
  const excluded = inventory.filter((e) => e.excluded !== undefined).length;
  const rows = inventory.map((e) => {
    const props = Object.entries(e.properties)
      .map(([k, v]) => `<code>${text(k)}=${text(v)}</code>`)
      .join(' ');
    const where =
      e.excluded !== undefined
        ? `<span class="muted" data-testid="inventory-excluded">${text(e.excluded)}</span>`
        : `<span title="${text(e.testcases.join(', '))}">${plural(e.testcases.length, 'testcase')}</span>`;
    const minima = [e.minDisk !== undefined ? `min_disk=${e.minDisk}` : '', e.minRam !== undefined ? `min_ram=${e.minRam}` : ''].filter(Boolean).join(' ');
    return `<tr data-testid="inventory-image" data-image-id="${text(e.id)}" data-visibility="${text(e.visibility)}" data-hidden="${e.hidden}" data-testcases="${e.testcases.length}">
<td><strong>${text(e.name === '' ? '(unnamed)' : e.name)}</strong><div><code>${text(e.id)}</code></div></td><td>${text(e.visibility)}${e.hidden ? ' <span class="muted">hidden</span>' : ''}<div class="muted">${text(e.status)}</div></td><td><code>${text(e.owner ?? '')}</code></td><td class="props">${props}${minima ? ` <code>${text(minima)}</code>` : ''}</td><td>${where}</td></tr>`;
  });
  return `<details class="inventory" data-testid="inventory" id="inventory-${index}">
<summary><h3>Inventory: ${plural(inventory.length, 'image')} listed, ${excluded} not checked</h3></summary>
<table><thead><tr><th>Image</th><th>Visibility</th><th>Owner</th><th>Properties the standards read</th><th>Checked by</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</details>`;
}

/**
 * Docusaurus anchors of the scs-0102 v1 document's sections (docs.scs.community), by the property
 * a testcase checks. Other standards link to the document itself: their section titles are not
 * stable enough to point into.
 */
const SCS_0102_SECTIONS: Record<string, string> = {
  architecture: 'technical-requirements-and-features',
  min_disk: 'technical-requirements-and-features',
  min_ram: 'technical-requirements-and-features',
  os_version: 'technical-requirements-and-features',
  os_distro: 'technical-requirements-and-features',
  os_purpose: 'technical-requirements-and-features',
  hw_disk_bus: 'technical-requirements-and-features',
  hypervisor_type: 'technical-requirements-and-features',
  hw_rng_model: 'technical-requirements-and-features',
  hash_algo: 'image-build-info',
  image_build_date: 'image-build-info',
  image_original_user: 'image-build-info',
  image_source: 'image-origin',
  image_description: 'image-origin',
  replace_frequency: 'image-updating',
  provided_until: 'image-updating',
  uuid_validity: 'image-updating',
  hotfix_hours: 'image-updating',
  recency: 'image-updating',
  'os_purpose-uniqueness': 'naming',
};

/** The URL of the section that states a testcase's rule: the module's document, with an anchor where one is known. */
export function ruleUrl(tc: TestcaseResult, modules: readonly ModuleRef[]): string | undefined {
  const module = modules.find((m) => m.id === tc.module);
  if (!module?.url || !/^https?:\/\//i.test(module.url)) return undefined;
  if (!/scs-0102-v1-image-metadata/.test(module.url)) return module.url;
  const key = /^scs-0102-(?:prop-|image-)?(.+)$/.exec(tc.id)?.[1];
  const anchor = key ? SCS_0102_SECTIONS[key] : undefined;
  return anchor ? `${module.url.replace(/#.*$/, '')}#${anchor}` : module.url;
}

export const RECORD_CSS = `.verdict-bar{display:inline-flex;width:14rem;height:.8rem;border:1px solid var(--border);border-radius:4px;overflow:hidden;vertical-align:middle;margin-right:.5rem}
.verdict-bar .seg{display:block;height:100%;border:0}.verdict-bar .v-PASS{background:var(--pass)}.verdict-bar .v-FAIL{background:var(--fail)}
.verdict-bar .v-WARN{background:var(--warn)}.verdict-bar .v-ABORT{background:var(--abort)}
.inventory>summary h3{display:inline;margin:0}.inventory td.props code{display:inline-block;margin:0 .3rem .15rem 0;font-size:.85em}
@media print{.verdict-bar .seg{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;
