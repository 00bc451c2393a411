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
