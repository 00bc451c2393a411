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

/**
 * The versions the official runner checks without `-V`: every version named in the newest timeline
 * entry on or before `day` (effective, warn, deprecated and draft). The one in force (the newest
 * stable effective version) comes first; the others follow in the scope file's order.
 */
export function runnerVersions(scope: Scope, day: string): { inForce: ScopeVersion; others: ScopeVersion[]; states: Record<string, string> } {
  const states = versionsOn(scope.timeline, day);
  const inForce = selectScopeVersion(scope, { day, withRecommended: false }).version;
  return { inForce, others: scope.versions.filter((v) => v !== inForce && states[v.version] !== undefined), states };
}

/** The runner's version order: the one in force, the other versions of the newest timeline entry, then the rest. */
export function runnerVersionOrder(scope: Scope, day: string): ScopeVersion[] {
  let listed: ScopeVersion[];
  try {
    const { inForce, others } = runnerVersions(scope, day);
    listed = [inForce, ...others];
  } catch {
    // no stable version in force on the day: the versions the timeline names, in file order
    const states = versionsOn(scope.timeline, day);
    listed = scope.versions.filter((v) => states[v.version] !== undefined);
  }
  return [...listed, ...scope.versions.filter((v) => !listed.includes(v))];
}

/** The image testcases a version includes (every target of its modules; `main` is mandatory). */
export function versionTestcases(scope: Scope, version: ScopeVersion): ModuleRun['testcases'] {
  return version.include.flatMap((inc) => {
    const module = scope.modules.get(inc.module);
    return module ? moduleRun(module, inc.parameters, false).testcases : [];
  });
}

export interface TestcaseRun {
  /** The version in force on the day (the first of the runner's order), for the report. */
  version: ScopeVersion;
  state: string | undefined;
  /** Modules with exactly the requested ids each takes, in the order of the versions that include them. */
  modules: ModuleRun[];
  /** Requested ids that no version (and no recommended module) of the scope includes. */
  unknown: string[];
}

/**
 * Exactly the requested testcase ids, as the official runner asks a test script for them: each id
 * is run as the first version in the runner's order that includes it defines it (its module and
 * the module's parameters); a recommended module that no version includes answers for ids no
 * version names (the official script implements those testcases too).
 */
export function selectTestcases(scope: Scope, opts: { ids: readonly string[]; day: string }): TestcaseRun {
  const order = runnerVersionOrder(scope, opts.day);
  const states = versionsOn(scope.timeline, opts.day);
  const first = order[0];
  if (!first) throw new RangeError(`scope ${scope.name} has no versions`);
  const wanted = new Set(opts.ids);
  const modules: ModuleRun[] = [];
  for (const extra of [false, true]) {
    for (const version of order) {
      for (const inc of version.include) {
        const base = scope.modules.get(inc.module);
        const module = extra ? scope.modules.get(`${inc.module}-rec`) : base;
        if (!module) continue;
        const run = moduleRun(module, inc.parameters, extra);
        const taken = run.testcases.filter((t) => wanted.has(t.id));
        if (taken.length === 0) continue;
        for (const t of taken) wanted.delete(t.id);
        const same = modules.find((m) => m.module.id === module.id);
        if (same) same.testcases.push(...taken);
        else modules.push({ ...run, testcases: taken });
      }
    }
  }
  return { version: first, state: states[first.version], modules, unknown: opts.ids.filter((id) => wanted.has(id)) };
}
