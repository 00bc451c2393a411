import { parse } from 'yaml';

/**
 * Which versions of a certificate scope apply on a date: the versions named in the newest
 * timeline entry dated on or before that date (as scs-compliance-check does).
 */
export interface ScopeTimelineEntry {
  date: string;
  versions: Record<string, string>;
}

export function versionsOn(timeline: readonly ScopeTimelineEntry[], day: string): Record<string, string> {
  const applicable = timeline.filter((t) => t.date <= day).sort((a, b) => (a.date < b.date ? 1 : -1));
  return applicable[0]?.versions ?? {};
}

/**
 * The image spec used by the newest *effective* version of a scope on `day`, by file basename
 * without extension (e.g. `scs-0104-v1-images-v5`), or undefined if none names one.
 */
export function imageSpecOfNewestEffectiveVersion(scopeYaml: string, day: string): string | undefined {
  const scope = parse(scopeYaml) as {
    timeline?: ScopeTimelineEntry[];
    versions?: Array<{ version: string; stabilized_at?: string; include?: unknown[] }>;
  };
  const states = versionsOn(scope.timeline ?? [], day);
  const effective = (scope.versions ?? []).filter((v) => states[v.version] === 'effective');
  // newest first: by stabilisation date, then by version label
  effective.sort((a, b) => String(b.stabilized_at ?? '').localeCompare(String(a.stabilized_at ?? '')) || b.version.localeCompare(a.version, undefined, { numeric: true }));
  for (const v of effective) {
    for (const inc of v.include ?? []) {
      if (inc && typeof inc === 'object' && 'parameters' in inc) {
        const spec = (inc as { parameters?: { image_spec?: string } }).parameters?.image_spec;
        if (spec) return spec.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
      }
    }
  }
  return undefined;
}
