/**
 * The validation of Glance's JSON-patch ops that catches what Glance would reject with a less
 * helpful 400/403 (the ops themselves are built by the planner, core/plan/diff-image.ts).
 */
import { unpointer } from '../../../../core/images/json-pointer.js';
import type { ImagePatchOp } from './types.js';

/** Core fields that may be patched, with the JSON type Glance expects. */
const FIELD_TYPES: Record<string, 'string' | 'number' | 'boolean' | 'string[]'> = {
  name: 'string',
  visibility: 'string',
  os_hidden: 'boolean',
  protected: 'boolean',
  min_disk: 'number',
  min_ram: 'number',
  tags: 'string[]',
  disk_format: 'string',
  container_format: 'string',
};

/** Read-only or Glance-managed keys: patching them is always an error (403). */
const READ_ONLY = new Set([
  'id',
  'status',
  'owner',
  'created_at',
  'updated_at',
  'size',
  'virtual_size',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'self',
  'file',
  'schema',
  'stores',
  'locations',
  'direct_url',
]);

function typeOk(kind: string, value: unknown): boolean {
  if (kind === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (kind === 'number') return typeof value === 'number' && Number.isInteger(value) && value >= 0;
  return typeof value === kind;
}

/**
 * Reject ops Glance would refuse: read-only fields, nested paths into tags, wrong value types,
 * non-string custom properties, reserved `os_glance_*` names. Throws TypeError (a caller bug).
 */
export function validatePatch(ops: readonly ImagePatchOp[]): void {
  for (const op of ops) {
    if (!['add', 'replace', 'remove'].includes(op.op)) throw new TypeError(`unsupported patch op "${String(op.op)}"`);
    if (!op.path.startsWith('/') || op.path.length < 2) throw new TypeError(`patch path must be "/name", got "${op.path}"`);
    const key = unpointer(op.path);
    if (op.path.slice(1).includes('/')) throw new TypeError(`nested patch path ${op.path} (replace the whole value instead)`);
    if (READ_ONLY.has(key)) throw new TypeError(`"${key}" is read-only`);
    if (key.startsWith('os_glance_')) throw new TypeError(`"${key}" is reserved by Glance`);
    const kind = FIELD_TYPES[key];
    if (op.op === 'remove') {
      if (kind) throw new TypeError(`"${key}" cannot be removed, only replaced`);
      continue;
    }
    if (kind ? !typeOk(kind, op.value) : typeof op.value !== 'string') {
      throw new TypeError(`patch value for "${key}" must be ${kind ?? 'a string (custom property)'}`);
    }
  }
}
