/**
 * Which requirements a set of parsed definitions meets, judged like the check judges the cloud
 * they produce: presence by the names images carry once applied (the bare name for the newest
 * version of a multi image, versioned names otherwise) — exact, or the name_scheme matcher — and
 * public visibility; sources by every name an image of the definition can carry, whose
 * image_source (the version's `url` unless `source` overrides it) must start with an allowed prefix.
 */
import { currentName, versionedName } from '../definitions/naming.js';
import type { ImageDefinition } from '../definitions/types.js';
import type { Requirement } from './types.js';

export interface Coverage {
  requirement: Requirement;
  /** Names of the images that satisfy presence. */
  coveredBy: string[];
  /** Source problems and reasons for missing presence. */
  problems: string[];
  covered: boolean;
}

const nameMatches = (r: Requirement, name: string): boolean => (r.matcher ? r.matcher.matches(name) : name === r.name);

export function coverageOf(requirement: Requirement, definitions: readonly ImageDefinition[]): Coverage {
  const coveredBy: string[] = [];
  const problems: string[] = [];
  for (const def of definitions) {
    if (!def.enable) continue;
    for (const v of def.versions) {
      const current = currentName(def, v);
      const names = new Set([current, versionedName(def, v)]);
      if (![...names].some((n) => nameMatches(requirement, n))) continue;
      const source = v.source ?? v.url;
      if (!requirement.sources.some((p) => source.startsWith(p))) {
        problems.push(`'${current}' would get image_source ${source}, under none of ${requirement.sources.join(', ')}`);
      }
      const visible = (v.visibility ?? def.visibility) === 'public' && v.hidden !== true;
      if (nameMatches(requirement, current) && visible) coveredBy.push(current);
    }
  }
  if (coveredBy.length === 0) problems.push('no public image of the definitions carries this name');
  return { requirement, coveredBy, problems, covered: problems.length === 0 };
}

export function coverage(requirements: readonly Requirement[], definitions: readonly ImageDefinition[]): Coverage[] {
  return requirements.map((r) => coverageOf(r, definitions));
}
