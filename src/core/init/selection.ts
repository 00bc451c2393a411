/** What init will write (targets) and what it leaves to the operator, from one or several sources. */
import type { InitTarget, Uncovered } from './types.js';

export interface TargetSelection {
  targets: InitTarget[];
  uncovered: Uncovered[];
  /** Things the operator should know (stale release data, ...). */
  notes: string[];
}

/**
 * Join selections: targets of the same family and name become one definition serving every
 * requirement (e.g. v1's `Ubuntu 24.04` and v2's latest LTS).
 */
export function mergeSelections(selections: readonly TargetSelection[]): TargetSelection {
  const out: TargetSelection = { targets: [], uncovered: [], notes: [] };
  const byKey = new Map<string, InitTarget>();
  for (const s of selections) {
    for (const t of s.targets) {
      const key = `${t.family}\0${t.name}`;
      const seen = byKey.get(key);
      if (seen) {
        seen.requirements.push(...t.requirements);
        if (!seen.release && t.release) seen.release = t.release;
      } else {
        const copy: InitTarget = { ...t, requirements: [...t.requirements] };
        byKey.set(key, copy);
        out.targets.push(copy);
      }
    }
    out.notes.push(...s.notes);
  }
  // an entry left out (optional) that another source asks for anyway: the definition serves both
  const byName = new Map(out.targets.map((t) => [t.name, t]));
  for (const u of selections.flatMap((s) => s.uncovered)) {
    const t = byName.get(u.requirement.name);
    if (t && u.requirement.status === 'optional') t.requirements.push(u.requirement);
    else out.uncovered.push(u);
  }
  return out;
}
