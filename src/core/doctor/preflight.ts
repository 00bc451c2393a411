/**
 * apply's preflight (issue 29): which of doctor's findings stop an apply before its first change.
 * Pure: the facts are gathered by usecases/apply-preflight.ts without probing, and decided by the
 * same rules as doctor (rules.ts); this module only says which of those findings are precise
 * enough to refuse a run on. A false stop is worse than the failure it prevents (`--skip-preflight`
 * exists, but nobody should need it), so a finding blocks only when the cloud is known to refuse:
 *
 * - `plan.image-count-total`: Glance refuses each image create once usage + 1 > image_count_total
 *   (Keystone unified limits, HTTP 413), so a plan that creates more images than the limit leaves
 *   room for fails midway. Deletes of the plan are counted as freeing room first (never a false stop).
 * - `plan.image-size-total`: the preflight knows no sizes (no HEAD of every source), so it fires
 *   only when the usage is already over the limit, which is exactly when Glance refuses data.
 *
 * Everything else doctor calls a blocker is demoted to a warning here, because it can be wrong:
 * - `login.no-member-role` is read from role names and Glance's default policy; Glance's legacy
 *   policy (enforce_new_defaults off) lets any role create images, and `_member_` or custom roles
 *   are common;
 * - `usage.*.exhausted` (usage = limit) is not about the plan (a plan that only renames or
 *   deletes needs no room), and Glance admits an upload at exactly the size limit;
 * - `login.no-project-scope` cannot happen here (the apply session has a project).
 * Findings about `check`, not apply (`login.elevated-role`), and `ok`/`info` are not shown.
 */
import type { Change, ImportChange } from '../plan/types.js';
import type { DoctorFinding, PlanNeeds } from './types.js';

/** The only findings that stop an apply. */
export const PREFLIGHT_BLOCKERS: ReadonlySet<string> = new Set(['plan.image-count-total', 'plan.image-size-total']);

/** Findings that are doctor's business, not apply's. */
const NOT_ABOUT_APPLY: ReadonlySet<string> = new Set(['login.elevated-role', 'login.no-project-scope']);

export interface PreflightDecision {
  /** Stop the run (exit 1, nothing changed). */
  blockers: DoctorFinding[];
  /** Said once on stderr; the run goes on. */
  warnings: DoctorFinding[];
}

export function preflightDecision(findings: readonly DoctorFinding[]): PreflightDecision {
  const blockers: DoctorFinding[] = [];
  const warnings: DoctorFinding[] = [];
  for (const f of findings) {
    if (NOT_ABOUT_APPLY.has(f.id)) continue;
    if (f.severity === 'blocker' && PREFLIGHT_BLOCKERS.has(f.id)) blockers.push(f);
    else if (f.severity === 'blocker' || f.severity === 'warning') warnings.push({ ...f, severity: 'warning' });
  }
  return { blockers, warnings };
}

/**
 * What a plan needs of the cloud, as doctor's plan rules read it, without a request: sizes are
 * unknown (counted as 0), and the images the plan deletes are counted as room for its imports.
 */
export function planNeedsOf(changes: readonly Change[], definitions: number): PlanNeeds {
  const imports = changes.filter((c): c is ImportChange => c.action === 'create' || c.action === 'resume');
  const deletes = changes.filter((c) => c.action === 'delete').length;
  const visibilities = new Set<string>();
  for (const c of changes) {
    if ('finalize' in c) visibilities.add(c.finalize.visibility);
    else if (c.action !== 'delete' && c.after.visibility !== undefined && c.after.visibility !== c.before.visibility) visibilities.add(c.after.visibility);
  }
  const urlImports = imports.filter((c) => c.source.kind === 'url').length;
  return {
    definitions,
    imports: Math.max(0, imports.length - deletes),
    urlImports,
    fileImports: imports.length - urlImports,
    bytesKnown: 0,
    sizesUnknown: imports.length,
    largestBytes: 0,
    visibilities: [...visibilities].sort(),
  };
}
