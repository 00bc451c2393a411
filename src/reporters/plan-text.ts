/**
 * A plan as a diff for people (Terraform's plan rendering): one block per change with its glyph,
 * the image, the reason and what changes (before → after). Pure: the caller decides colour.
 * Strings that come from the cloud go through `printable` (no terminal escapes from image names).
 */
import { changeLabel, countByAction, isImportChange, labelsOf, type Change, type ChangeAction, type ImageState, type Plan } from '../core/plan/types.js';
import { printable } from './common.js';

export interface PlanTextOptions {
  color: boolean;
}

const GLYPH: Record<ChangeAction, string> = {
  create: '+',
  resume: '+',
  adopt: '&',
  update: '~',
  rename: '>',
  reactivate: '^',
  hide: 'h',
  deactivate: '!',
  delete: '-',
};
const COLOR: Record<ChangeAction, string> = {
  create: '32',
  resume: '32',
  adopt: '34',
  update: '33',
  rename: '36',
  reactivate: '32',
  hide: '35',
  deactivate: '31',
  delete: '31',
};
/** Summary order and words. */
const SUMMARY: [ChangeAction, string][] = [
  ['create', 'to create'],
  ['resume', 'to resume'],
  ['adopt', 'to adopt'],
  ['update', 'to update'],
  ['rename', 'to rename'],
  ['reactivate', 'to reactivate'],
  ['hide', 'to hide'],
  ['deactivate', 'to deactivate'],
  ['delete', 'to delete'],
];

const q = (v: unknown): string => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(printable(v)) : JSON.stringify(v));

export function planSummary(plan: Pick<Plan, 'changes'>): string {
  const counts = countByAction(plan.changes);
  const parts = SUMMARY.filter(([a]) => counts[a]).map(([a, words]) => `${counts[a]} ${words}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/** `field: before → after` lines for the fields a change touches. */
function stateLines(before: ImageState, after: ImageState): string[] {
  const lines: string[] = [];
  const scalar: (keyof ImageState)[] = ['name', 'status', 'visibility', 'hidden', 'minDisk', 'minRam', 'tags'];
  const label: Record<string, string> = { hidden: 'os_hidden', minDisk: 'min_disk', minRam: 'min_ram' };
  for (const key of scalar) {
    if (!(key in after)) continue;
    lines.push(`${label[key] ?? key}: ${q(before[key])} → ${q(after[key])}`);
  }
  for (const [k, v] of Object.entries(after.properties ?? {})) {
    const was = before.properties?.[k] ?? null;
    lines.push(v === null ? `- ${printable(k)}: ${q(was)}` : was === null ? `+ ${printable(k)}: ${q(v)}` : `${printable(k)}: ${q(was)} → ${q(v)}`);
  }
  return lines;
}

function headline(c: Change): string {
  const id = 'imageId' in c && c.imageId ? ` [${c.imageId}]` : '';
  return `${c.action.padEnd(10)} ${printable(changeLabel(c))}${id}`;
}

function details(c: Change, all: readonly Change[]): string[] {
  const lines = [`# ${printable(c.reason)}`];
  if (isImportChange(c)) {
    const sum = c.source.checksum ? ` (${c.source.checksum.algorithm} ${c.source.checksum.hex.slice(0, 16)}…)` : ' (no checksum)';
    lines.push(`from ${printable(c.source.kind === 'file' ? (c.source.path ?? c.source.url) : c.source.url)}${sum}`);
    const f = c.finalize;
    lines.push(
      `as ${q(c.create.name)} (private), then ${q(f.name)} ${f.visibility}${f.hidden ? ' os_hidden' : ''}${f.status === 'deactivated' ? ' deactivated' : ''}`,
    );
    lines.push(`format ${c.create.diskFormat}, min_disk ${c.create.minDisk}, min_ram ${c.create.minRam}, tags ${q(c.create.tags)}`);
    for (const [k, v] of Object.entries(c.after.properties ?? {}).sort(([a], [b]) => a.localeCompare(b))) lines.push(`+ ${printable(k)}: ${q(v)}`);
    return lines;
  }
  if (c.action === 'delete') return [...lines, `status ${q(c.before.status)}, visibility ${q(c.before.visibility)}`];
  if (c.requires) {
    const needs = labelsOf(c.requires, all).map(printable);
    lines.push(`once ${needs.join(' and ')} ${needs.length === 1 ? 'is' : 'are'} imported`);
  }
  if (c.cleanup) lines.push('cleanup: skipped when the run has errors');
  return [...lines, ...stateLines(c.before, c.after)];
}

export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const paint = (s: string, code: string): string => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const where = `${printable(plan.cloud.name)}${plan.cloud.region ? ` (${printable(plan.cloud.region)})` : ''}`;
  out.push(`Plan for cloud ${where}, project ${plan.cloud.projectId}, tag ${printable(plan.tag)}: ${plan.managedImages} managed image(s)`);
  out.push('');
  for (const c of plan.changes) {
    out.push(paint(`${GLYPH[c.action]} ${headline(c)}`, COLOR[c.action]));
    for (const line of details(c, plan.changes)) out.push(`      ${line}`);
  }
  if (plan.changes.length > 0) out.push('');
  if (plan.notes.length > 0) {
    out.push('Notes:');
    for (const n of plan.notes) out.push(`  - ${printable(n)}`);
    out.push('');
  }
  out.push(`Plan: ${planSummary(plan)}.`);
  return `${out.join('\n')}\n`;
}
