import type { ModuleRef, ScopeRef, ScopeVersionRef } from '../../core/check/report.js';
import type { RuleSet } from '../../core/check/rule-sets.js';
import { REFERENCE_REVISIONS } from '../../core/check/reference-revisions.js';
import { runnerVersions, selectScopeVersion, selectTestcases, versionTestcases } from '../../core/scope/select-version.js';
import type { ImageSpec } from '../../core/spec/image-spec.js';
import { InputError } from '../../core/errors.js';
import { snapshotWarning } from '../../core/scope/staleness.js';
import { BUNDLED_SCOPE, bundledSnapshot, isBundledSpec } from '../../inputs/bundled.js';
import { loadReferenceEntries, readImageSpec } from '../../inputs/load-image-spec.js';
import { loadScope } from '../../inputs/load-scope.js';
import { readBundledReleases } from '../../inputs/read-releases.js';
import { loadImageSpec } from '../default-spec.js';

/** The standards a check can run without a scope (`--standard`). */
export const STANDARDS = ['scs-0104-v1', 'scs-0104-v2', 'scs-0102-v1', 'scs-0102-v2'] as const;
export type StandardId = (typeof STANDARDS)[number];

export interface RuleSetRequest {
  /** `--spec`: scs-0104 v1 spec (alone: only scs-0104; with a scope: replaces the scope's image_spec). */
  spec?: string | undefined;
  standards: string[];
  scope?: string | undefined;
  scopeVersion?: string | undefined;
  withRecommended: boolean;
  /** YYYY-MM-DD: picks the scope version (and the default spec). */
  today: string;
  /**
   * Exactly these testcase ids, as the official runner asks its test script for them (each from
   * the first version in the runner's order that includes it); instead of a version's set.
   */
  testcases?: readonly string[] | undefined;
}

export interface ResolvedRuleSets {
  ruleSets: RuleSet[];
  modules: ModuleRef[];
  scope?: ScopeRef;
  warnings: string[];
  /** Requested testcase ids (`testcases`) that the scope does not include. */
  unknown?: string[];
}

const IMAGES_MODULE = { name: 'Standard images', url: 'https://docs.scs.community/standards/scs-0104-v1-standard-images' };
const METADATA_MODULE = (v: string) => ({ name: 'Image metadata', url: `https://docs.scs.community/standards/scs-0102-${v}-image-metadata` });

/**
 * Decide what a check runs, and load (and fully validate) every file it needs, before any cloud
 * call. No --spec/--standard/--scope: the newest stable version of the bundled SCS-compatible
 * IaaS scope, as the official compliance check runs it.
 */
export async function resolveRuleSets(req: RuleSetRequest): Promise<ResolvedRuleSets> {
  for (const s of req.standards) {
    if (!(STANDARDS as readonly string[]).includes(s)) throw new InputError({ file: '--standard' }, `unknown standard '${s}' (known: ${STANDARDS.join(', ')})`);
  }
  const useScope = req.scope !== undefined || req.scopeVersion !== undefined || (req.spec === undefined && req.standards.length === 0);
  if (!useScope) return standaloneRuleSets(req);

  const scope = await loadScope(req.scope);
  const bundled = req.scope === undefined || req.scope === BUNDLED_SCOPE;
  const snapshot = await bundledSnapshot();
  let selection;
  let unknown: string[] | undefined;
  let versions: ScopeVersionRef[] | undefined;
  try {
    if (req.testcases === undefined && req.scopeVersion === undefined && runnerVersions(scope, req.today).others.length > 0) {
      // what the official runner checks without -V: every version of the newest timeline entry,
      // each testcase once (from the version in force where it has it); each version reported apart
      const { inForce, others, states } = runnerVersions(scope, req.today);
      versions = [inForce, ...others].map((v) => ({
        version: v.version,
        ...(states[v.version] !== undefined ? { state: states[v.version] } : {}),
        inForce: v === inForce,
        testcases: versionTestcases(scope, v),
      }));
      const ids = [...new Set(versions.flatMap((v) => v.testcases.map((t) => t.id)))];
      selection = selectTestcases(scope, { ids, day: req.today });
      if (req.withRecommended) {
        const extras = selectScopeVersion(scope, { version: inForce.version, day: req.today, withRecommended: true }).modules.filter((m) => m.extra);
        selection = { ...selection, modules: [...selection.modules, ...extras] };
      }
    } else if (req.testcases && req.scopeVersion === undefined) {
      selection = selectTestcases(scope, { ids: req.testcases, day: req.today });
      unknown = selection.unknown;
    } else {
      selection = selectScopeVersion(scope, {
        ...(req.scopeVersion ? { version: req.scopeVersion } : {}),
        day: req.today,
        withRecommended: req.withRecommended,
      });
      if (req.testcases) {
        const wanted = new Set(req.testcases);
        const runs = selection.modules.map((m) => ({ ...m, testcases: m.testcases.filter((t) => wanted.has(t.id)) }));
        const known = new Set(runs.flatMap((m) => m.testcases.map((t) => t.id)));
        selection = { ...selection, modules: runs.filter((m) => m.testcases.length > 0) };
        unknown = req.testcases.filter((id) => !known.has(id));
      }
    }
  } catch (e) {
    throw new InputError({ file: scope.source, field: 'versions' }, (e as Error).message);
  }
  const warnings: string[] = [];
  if (selection.state !== 'effective')
    warnings.push(`scope ${scope.name} version ${selection.version.version} is ${selection.state ?? 'not in the timeline'} on ${req.today}`);
  if (bundled) {
    const stale = snapshotWarning(
      snapshot,
      scope.name,
      scope.url,
      req.today,
      scope.timeline
        .map((t) => t.date)
        .sort()
        .at(-1),
    );
    if (stale) warnings.push(stale);
  }
  const reference = await loadReferenceEntries();
  const ruleSets: RuleSet[] = [];
  for (const run of selection.modules) {
    const module: ModuleRef = { id: run.module.id, name: run.module.name, ...(run.module.url ? { url: run.module.url } : {}), source: 'built-in' };
    const metadata = /^scs-0102-(v\d+)/.exec(run.module.id);
    if (metadata) {
      const version = metadata[1] === 'v2' ? 'v2' : 'v1';
      ruleSets.push({ kind: 'scs-0102', module, version, testcases: run.testcases });
    } else if (/^scs-0104-v2(-|$)/.test(run.module.id)) {
      module.source = 'data/distros/releases.json';
      ruleSets.push({ kind: 'scs-0104-v2', module, releases: await readBundledReleases(), testcases: run.testcases });
    } else if (run.module.id.startsWith('scs-0104-')) {
      const specRef = req.spec ?? run.parameters['image_spec'];
      // --spec names exactly what the user gave; only the scope's own URL may be a bundled copy
      const spec = req.spec !== undefined ? await readImageSpec(req.spec) : specRef ? await loadSpecRef(specRef) : reference;
      module.source = specRef ? spec.origin : 'built-in';
      if (isBundledSpec(module.source)) module.date = snapshot.date;
      ruleSets.push({ kind: 'scs-0104-v1', module, spec, reference, testcases: run.testcases });
    } else {
      continue;
    }
    if (run.extra) module.name += ' (recommended, in no scope version)';
  }
  const modules = withReferences(ruleSets);
  return {
    ruleSets,
    modules,
    scope: {
      name: scope.name,
      uuid: scope.uuid,
      url: scope.url,
      version: selection.version.version,
      source: scope.source,
      ...(bundled ? { date: snapshot.date } : {}),
      ...(versions ? { versions } : {}),
    },
    warnings,
    ...(unknown ? { unknown } : {}),
  };
}

async function standaloneRuleSets(req: RuleSetRequest): Promise<ResolvedRuleSets> {
  const standards = req.standards.length > 0 ? req.standards : ['scs-0104-v1'];
  if (req.spec !== undefined && !standards.includes('scs-0104-v1')) standards.unshift('scs-0104-v1');
  const ruleSets: RuleSet[] = [];
  const warnings: string[] = [];
  for (const id of standards) {
    if (id === 'scs-0104-v2') {
      const releases = await readBundledReleases();
      ruleSets.push({
        kind: 'scs-0104-v2',
        module: {
          id,
          name: 'Standard images (v2 draft)',
          url: 'https://docs.scs.community/standards/scs-0104-v2-standard-images',
          source: 'data/distros/releases.json',
        },
        releases,
      });
    } else if (id === 'scs-0104-v1') {
      const spec = await loadImageSpec(req.spec, req.today);
      warnings.push(...spec.warnings);
      const date = isBundledSpec(spec.origin) ? { date: (await bundledSnapshot()).date } : {};
      ruleSets.push({ kind: 'scs-0104-v1', module: { id, ...IMAGES_MODULE, source: spec.origin, ...date }, spec });
    } else {
      const version = id === 'scs-0102-v2' ? 'v2' : 'v1';
      ruleSets.push({ kind: 'scs-0102', module: { id, ...METADATA_MODULE(version), source: 'built-in' }, version });
    }
  }
  return { ruleSets, modules: withReferences(ruleSets), warnings };
}

/** Each module names the official test revision its rules were aligned with (reports show it). */
function withReferences(ruleSets: readonly RuleSet[]): ModuleRef[] {
  return ruleSets.map((rs) => {
    rs.module.reference = REFERENCE_REVISIONS[rs.kind];
    return rs.module;
  });
}

/**
 * A scope's image_spec parameter: for an http(s) URL the bundled copy of the same file if there is
 * one (no network), else fetched; anything else as given.
 */
async function loadSpecRef(ref: string): Promise<ImageSpec> {
  const base = ref.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  return readImageSpec(/^https?:\/\//.test(ref) && isBundledSpec(base) ? base : ref);
}
