/**
 * The closing summary of `scs-images init`: which requirement each written image covers, and what
 * is left to the operator with the reason. Plain text, one requirement a line.
 */
import type { Coverage, Requirement, Uncovered } from '../core/init/index.js';

const STATUS_ORDER = { mandatory: 0, recommended: 1, optional: 2 } as const;

function label(r: Requirement): string {
  const name = r.matcher ? `${r.name} (name_scheme ${r.matcher.source})` : r.name;
  return `${r.status.padEnd(11)} ${name}  [${r.origin}${r.why ? `: ${r.why}` : ''}]`;
}

export interface Gap {
  requirement: Requirement;
  reason: string;
}

/** Requirements not met, from both sources: left out (with reason) and written but not covering. */
export function gaps(coverage: readonly Coverage[], uncovered: readonly Uncovered[]): Gap[] {
  return [
    ...uncovered.map((u) => ({ requirement: u.requirement, reason: u.reason })),
    ...coverage.filter((c) => !c.covered).map((c) => ({ requirement: c.requirement, reason: c.problems.join('; ') })),
  ].sort((a, b) => STATUS_ORDER[a.requirement.status] - STATUS_ORDER[b.requirement.status]);
}

/** True when a mandatory or recommended requirement is not met: init's output is incomplete. */
export function incomplete(g: readonly Gap[]): boolean {
  return g.some((x) => x.requirement.status !== 'optional');
}

export function formatCoverage(coverage: readonly Coverage[], g: readonly Gap[]): string {
  const lines: string[] = [];
  const met = coverage.filter((c) => c.covered).sort((a, b) => STATUS_ORDER[a.requirement.status] - STATUS_ORDER[b.requirement.status]);
  if (met.length > 0) {
    lines.push('covered:');
    for (const c of met) lines.push(`  ${label(c.requirement)}\n      by ${[...new Set(c.coveredBy)].join(', ')}`);
  }
  if (g.length > 0) {
    lines.push('not covered:');
    for (const x of g) lines.push(`  ${label(x.requirement)}\n      ${x.reason}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
