/**
 * The validation of Glance's JSON-patch ops that catches what Glance would reject with a less
 * helpful 400/403 (the ops themselves are built by the planner, core/plan/diff-image.ts).
 */
import { unpointer } from '../../../../core/images/json-pointer.js';
import { GLANCE_CORE_KEYS, type GlanceCoreKey, type ImagePatchOp } from './types.js';

type FieldType = (typeof GLANCE_CORE_KEYS)[GlanceCoreKey];
const fieldType = (key: string): FieldType | undefined => (Object.hasOwn(GLANCE_CORE_KEYS, key) ? GLANCE_CORE_KEYS[key as GlanceCoreKey] : undefined);

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
    const kind = fieldType(key);
    if (kind === 'read-only') throw new TypeError(`"${key}" is read-only`);
    if (key.startsWith('os_glance_')) throw new TypeError(`"${key}" is reserved by Glance`);
    if (op.op === 'remove') {
      if (kind) throw new TypeError(`"${key}" cannot be removed, only replaced`);
      continue;
    }
    if (kind ? !typeOk(kind, op.value) : typeof op.value !== 'string') {
      throw new TypeError(`patch value for "${key}" must be ${kind ?? 'a string (custom property)'}`);
    }
  }
}
