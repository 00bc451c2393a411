import type { Scope, ScopeModule, ScopeVersion } from './scope.js';
import { versionsOn } from './timeline.js';

/** Which testcases of which module a run includes, and how much each counts. */
export interface ModuleRun {
  module: ScopeModule;
  parameters: Record<string, string>;
  /** testcase id → 'mandatory' (main target) or 'recommended' (any other target). */
  testcases: Array<{ id: string; requirement: 'mandatory' | 'recommended' }>;
  /** A recommended module that no version includes, run on request and reported apart. */
  extra: boolean;
}

export interface ScopeSelection {
  version: ScopeVersion;
  /** The version's state on the day (`effective`, `draft`, `warn`, ...), if the timeline names it. */
  state: string | undefined;
  modules: ModuleRun[];
}

/** Image testcases are those of scs-0102 (metadata) and scs-0104 (standard images). */
export const isImageTestcase = (id: string): boolean => id.startsWith('scs-0102-') || id.startsWith('scs-0104-');

/**
 * The newest stable version (has a stabilisation date and is effective on `day`), or the named one.
 * Returns the image modules it includes; with `withRecommended`, also the `<module>-rec` modules
 * (no version includes those: the official check never runs them).
 */
export function selectScopeVersion(scope: Scope, opts: { version?: string; day: string; withRecommended: boolean }): ScopeSelection {
  const states = versionsOn(scope.timeline, opts.day);
  let version: ScopeVersion | undefined;
  if (opts.version !== undefined) {
    version = scope.versions.find((v) => v.version === opts.version);
    if (!version) throw new RangeError(`scope ${scope.name} has no version '${opts.version}' (versions: ${scope.versions.map((v) => v.version).join(', ')})`);
  } else {
    const stable = scope.versions.filter((v) => v.stabilizedAt !== undefined && states[v.version] === 'effective');
    stable.sort((a, b) => (b.stabilizedAt ?? '').localeCompare(a.stabilizedAt ?? '') || b.version.localeCompare(a.version, undefined, { numeric: true }));
    version = stable[0];
    if (!version) throw new RangeError(`scope ${scope.name} has no stable version effective on ${opts.day}`);
  }
  const modules: ModuleRun[] = [];
  for (const inc of version.include) {
    const module = scope.modules.get(inc.module)!;
    const run = moduleRun(module, inc.parameters, false);
    if (run.testcases.length > 0) modules.push(run);
    const rec = scope.modules.get(`${module.id}-rec`);
    if (opts.withRecommended && rec) {
      const recRun = moduleRun(rec, inc.parameters, true);
      if (recRun.testcases.length > 0) modules.push(recRun);
    }
  }
  return { version, state: states[version.version], modules };
}

function moduleRun(module: ScopeModule, parameters: Record<string, string>, extra: boolean): ModuleRun {
  const testcases: ModuleRun['testcases'] = [];
  for (const [target, ids] of Object.entries(module.targets)) {
    for (const id of ids) {
      if (isImageTestcase(id)) testcases.push({ id, requirement: target === 'main' ? 'mandatory' : 'recommended' });
    }
  }
  // module.parameters only declares names and descriptions; the values come from the version
  return { module, parameters, testcases, extra };
}

/**
 * The scs-0104 image spec a selected version names (`image_spec`), by file basename without
 * extension (`scs-0104-v1-images-v5`), or undefined when no module of it names one.
 */
export function imageSpecName(selection: ScopeSelection): string | undefined {
  for (const run of selection.modules) {
    const spec = run.parameters['image_spec'];
    if (spec) return spec.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  }
  return undefined;
}

/**
 * The spec a run uses when none is named: the one the newest stable version of the scope names
 * on `day`, if it is one of `available` (the bundled specs, oldest first); otherwise, and before
 * the scope's timeline starts, the newest of `available`.
 */
export function defaultImageSpec(scope: Scope, day: string, available: readonly [string, ...string[]]): string {
  let name: string | undefined;
  try {
    name = imageSpecName(selectScopeVersion(scope, { day, withRecommended: false }));
  } catch {
    // no stable version effective on that day
  }
  return name !== undefined && available.includes(name) ? name : available[available.length - 1]!;
}
