import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseYamlWithPositions } from '../yaml/positions.js';
import type { Scope, ScopeModule, ScopeVersion } from './scope.js';
import { dayOf } from '../clock.js';

const stringMap = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));

const scopeSchema = z.object({
  name: z.string(),
  uuid: z.string(),
  url: z.string(),
  scripts: z
    .array(z.looseObject({ testcases: z.array(z.looseObject({ id: z.string(), description: z.string().optional(), url: z.string().optional() })).optional() }))
    .optional(),
  modules: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      url: z.string().optional(),
      parameters: stringMap.optional(),
      targets: z.record(z.string(), z.array(z.string()).nullable()).nullable().optional(),
    }),
  ),
  versions: z.array(
    z.looseObject({
      version: z.string(),
      stabilized_at: z.union([z.string(), z.date()]).optional(),
      include: z.array(z.union([z.string(), z.looseObject({ ref: z.string(), parameters: stringMap.optional() })])).optional(),
    }),
  ),
  timeline: z.array(z.looseObject({ date: z.union([z.string(), z.date()]), versions: z.record(z.string(), z.string()) })).optional(),
});

const UNKNOWN_LAYOUT =
  'not a scope file this tool can read: it uses the `groups`/`include` layout of an upstream proposal (standards pull request #1237, not merged); ' +
  'expected the layout of Tests/scs-compatible-iaas.yaml: `modules` (each with `targets`) and `versions` (each with `include`)';

/**
 * Where the file uses the proposed `groups` layout (a top-level `groups`, or `groups` in a module
 * instead of `targets`): such a file is refused whole rather than half-read.
 */
function foreignLayout(value: unknown): Array<string | number> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  if ('groups' in doc) return ['groups'];
  const modules = doc['modules'];
  if (Array.isArray(modules)) {
    const i = modules.findIndex((m) => m && typeof m === 'object' && 'groups' in m);
    if (i >= 0) return ['modules', i, 'groups'];
  }
  return undefined;
}

const day = (d: string | Date): string => (d instanceof Date ? dayOf(d) : d);

/** Parse a scope YAML file (the format of SCS's scs-compatible-*.yaml); errors name file, line and field. */
export function parseScope(text: string, source: string): Scope {
  const y = parseYamlWithPositions(text, source);
  const foreign = foreignLayout(y.value);
  if (foreign) throw new InputError(y.locateKey(foreign), `${UNKNOWN_LAYOUT} (found '${foreign.join('.')}')`);
  const parsed = scopeSchema.safeParse(y.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(y.locate(issue.path as Array<string | number>), `not a certificate scope file: ${issue.message}`);
  }
  const data = parsed.data;
  const testcases = new Map<string, { id: string; description: string; url?: string }>();
  for (const script of data.scripts ?? []) {
    for (const tc of script.testcases ?? []) testcases.set(tc.id, { id: tc.id, description: tc.description ?? tc.id, ...(tc.url ? { url: tc.url } : {}) });
  }
  const modules = new Map<string, ScopeModule>();
  for (const m of data.modules) {
    const targets: Record<string, string[]> = {};
    for (const [name, ids] of Object.entries(m.targets ?? {})) targets[name] = ids ?? [];
    modules.set(m.id, { id: m.id, name: m.name, ...(m.url ? { url: m.url } : {}), parameters: m.parameters ?? {}, targets });
  }
  const versions: ScopeVersion[] = data.versions.map((v) => ({
    version: v.version,
    ...(v.stabilized_at !== undefined ? { stabilizedAt: day(v.stabilized_at) } : {}),
    include: (v.include ?? []).map((inc) =>
      typeof inc === 'string' ? { module: inc, parameters: {} } : { module: inc.ref, parameters: inc.parameters ?? {} },
    ),
  }));
  for (const v of versions) {
    for (const inc of v.include) {
      if (!modules.has(inc.module)) throw new InputError(y.locate(['versions']), `version ${v.version} includes unknown module '${inc.module}'`);
    }
  }
  const timeline = (data.timeline ?? []).map((t) => ({ date: day(t.date), versions: t.versions }));
  return { name: data.name, uuid: data.uuid, url: data.url, source, testcases, modules, versions, timeline };
}
