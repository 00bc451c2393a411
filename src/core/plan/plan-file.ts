/**
 * Plan files (`plan --out plan.json`, `apply plan.json`): serialised as JSON, read back with a
 * version check (a different major is rejected, "expected/received", as changesets does) and a
 * structural check, so a hand-edited or truncated file fails with a clear message instead of
 * half-applying. Pure: the caller reads the file.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { CHANGE_ACTIONS, PLAN_FORMAT_VERSION, type Plan } from './types.js';

const patchOp = z.union([
  z.object({ op: z.enum(['add', 'replace']), path: z.string().startsWith('/'), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string().startsWith('/') }),
]);
const state = z.object({}).passthrough();
const base = {
  key: z.string().min(1),
  definition: z.string().optional(),
  version: z.string().optional(),
  name: z.string(),
  reason: z.string(),
};
const importChange = z
  .object({
    ...base,
    action: z.enum(['create', 'resume']),
    create: z
      .object({
        name: z.string().min(1),
        id: z.string().optional(),
        diskFormat: z.string(),
        containerFormat: z.literal('bare'),
        visibility: z.literal('private'),
        minDisk: z.number().int().min(0),
        minRam: z.number().int().min(0),
        tags: z.array(z.string()),
        properties: z.record(z.string(), z.string()),
      })
      .passthrough(),
    source: z
      .object({
        kind: z.enum(['url', 'file']),
        url: z.string(),
        path: z.string().optional(),
        upstreamUrl: z.string().optional(),
        checksum: z.object({ algorithm: z.enum(['md5', 'sha1', 'sha256', 'sha512']), hex: z.string().regex(/^[0-9a-f]+$/) }).optional(),
      })
      .passthrough(),
    finalize: z
      .object({
        name: z.string(),
        visibility: z.string(),
        hidden: z.boolean(),
        minDisk: z.number().int().min(0),
        status: z.enum(['active', 'deactivated']),
      })
      .passthrough(),
    imageId: z.string().optional(),
    resumeStatus: z.string().optional(),
    after: state,
  })
  .passthrough();
const updateChange = z
  .object({
    ...base,
    action: z.enum(['adopt', 'update', 'rename', 'hide', 'deactivate', 'reactivate']),
    imageId: z.string().min(1),
    patch: z.array(patchOp),
    statusAction: z.enum(['deactivate', 'reactivate']).optional(),
    before: state,
    after: state,
    requires: z.array(z.string()).optional(),
    cleanup: z.boolean(),
  })
  .passthrough();
const deleteChange = z
  .object({
    ...base,
    action: z.literal('delete'),
    imageId: z.string().min(1),
    before: state,
    cleanup: z.boolean(),
    requires: z.array(z.string()).optional(),
  })
  .passthrough();

const planSchema = z
  .object({
    formatVersion: z.string(),
    createdAt: z.string(),
    tool: z.object({ name: z.string(), version: z.string() }),
    cloud: z.object({ name: z.string(), region: z.string().optional(), projectId: z.string() }),
    tag: z.string().min(1),
    policy: z.object({
      hide: z.enum(['os_hidden', 'community', 'none']),
      deactivate: z.boolean(),
      delete: z.boolean(),
      prune: z.boolean(),
      lifetime: z.enum(['unlisted', 'listed-too']).optional(),
      keepUnlisted: z.boolean().optional(),
    }),
    fingerprint: z.string(),
    managedImages: z.number().int().min(0),
    unmanagedImageIds: z.array(z.string().min(1)).optional(),
    changes: z.array(z.discriminatedUnion('action', [importChange, updateChange, deleteChange])),
    notes: z.array(z.string()),
  })
  .passthrough();

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const major = (v: string): string => v.split('.')[0] ?? v;

/**
 * A fleet run's plan file: one plan per cloud/region (`{"formatVersion", "fleet": [plan, ...]}`),
 * each applied on its own cloud. A file of one cloud stays a plain plan, as before.
 */
export function serializePlans(plans: readonly Plan[]): string {
  return plans.length === 1 ? serializePlan(plans[0] as Plan) : `${JSON.stringify({ formatVersion: PLAN_FORMAT_VERSION, fleet: plans }, null, 2)}\n`;
}

/** The plans of a plan file: one, or a fleet's. */
export function readPlans(text: string, file: string): Plan[] {
  const raw = parseJson(text, file);
  const fleet = (raw as { fleet?: unknown } | null)?.fleet;
  if (fleet === undefined) return [planFromRaw(raw, file)];
  checkVersion(raw, file);
  if (!Array.isArray(fleet) || fleet.length === 0) throw new InputError({ file, field: 'fleet' }, 'not a plan file: fleet must be a non-empty list of plans');
  return fleet.map((p, i) => planFromRaw(p, `${file} (fleet[${i}])`));
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError({ file }, `not a plan file: ${(e as Error).message}`);
  }
}

function checkVersion(raw: unknown, file: string): void {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version !== 'string') throw new InputError({ file }, 'not a plan file: formatVersion is missing');
  if (major(version) !== major(PLAN_FORMAT_VERSION)) {
    throw new InputError({ file, field: 'formatVersion' }, `unsupported plan format: expected ${major(PLAN_FORMAT_VERSION)}.x, received ${version}`);
  }
}

export function readPlan(text: string, file: string): Plan {
  return planFromRaw(parseJson(text, file), file);
}

function planFromRaw(raw: unknown, file: string): Plan {
  checkVersion(raw, file);
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new InputError({ file, ...(field ? { field } : {}) }, `not a valid plan: ${issue?.message ?? 'invalid'}`);
  }
  const keys = new Set<string>();
  for (const c of parsed.data.changes) {
    if (keys.has(c.key)) throw new InputError({ file }, `not a valid plan: duplicate change key ${c.key}`);
    keys.add(c.key);
    if (!(CHANGE_ACTIONS as readonly string[]).includes(c.action)) throw new InputError({ file }, `unknown action ${c.action}`);
  }
  return parsed.data as unknown as Plan;
}
