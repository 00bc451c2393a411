/** Words for requirements, shared by the YAML comments and the CLI summary. */
import type { Requirement } from './types.js';

/** `'Ubuntu 24.04'` or `a name matching 'ubuntu-capi-image-v[0-9]…'`. */
function describeName(r: Requirement): string {
  return r.matcher ? `a name matching '${r.matcher.source}'` : `the name '${r.name}'`;
}

/** `scs-0104-v1-images-v5: 'Ubuntu 24.04' (mandatory)`, with the v2 reason when there is one. */
function describeRequirement(r: Requirement): string {
  const what = r.matcher ? `'${r.name}' (name_scheme '${r.matcher.source}')` : `'${r.name}'`;
  return `${r.origin}: ${what} ${r.status}${r.why ? ` — ${r.why}` : ''}`;
}

/** The comment above an image: what it satisfies and what that demands. */
export function requirementLines(name: string, requirements: readonly Requirement[]): string[] {
  const lines = [`${name} satisfies:`];
  let previous = '';
  for (const r of requirements) {
    lines.push(`  - ${describeRequirement(r)}`);
    const needs = `    needs ${describeName(r)}, image_source under ${r.sources.join(' or ')}`;
    // v1 and v2 often demand the same; say it once
    if (needs !== previous) lines.push(needs);
    previous = needs;
  }
  return lines;
}
