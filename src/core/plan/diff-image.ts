/**
 * One existing image against its target state → one JSON-patch (sorted by path, as openstacksdk
 * sorts its computed patches) plus at most one deactivate/reactivate call. Pure.
 *
 * Properties Glance manages (`os_glance_*`, `os_hash_*`) are never written or removed, whatever
 * the target says.
 */
import type { Image } from '../images/image.js';
import type { ImageState, PatchOp } from './types.js';
import { pointer } from '../images/json-pointer.js';

export interface TargetState {
  name?: string;
  visibility?: string;
  hidden?: boolean;
  minDisk?: number;
  minRam?: number;
  /** The whole tag set (compared as a set). */
  tags?: readonly string[];
  /** Set these (add or replace). */
  properties?: Readonly<Record<string, string>>;
  /** Remove these when present. */
  removeProperties?: readonly string[];
  status?: 'active' | 'deactivated';
}

export interface ImageDiff {
  patch: PatchOp[];
  statusAction?: 'deactivate' | 'reactivate';
  before: ImageState;
  after: ImageState;
  /** Names of what changes: `name`, `visibility`, `properties.os_version`, … */
  fields: string[];
}

const PROTECTED_PREFIXES = ['os_glance_', 'os_hash_'];
const isGlanceManaged = (key: string): boolean => PROTECTED_PREFIXES.some((p) => key.startsWith(p));

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
};

export function diffImage(image: Image, target: TargetState): ImageDiff {
  const patch: PatchOp[] = [];
  const before: ImageState = {};
  const after: ImageState = {};
  const fields: string[] = [];

  const scalar = <K extends 'name' | 'visibility' | 'hidden' | 'minDisk' | 'minRam'>(
    key: K,
    path: string,
    want: ImageState[K] | undefined,
    have: ImageState[K] | undefined,
  ): void => {
    if (want === undefined || want === have) return;
    patch.push({ op: 'replace', path, value: want });
    before[key] = have;
    after[key] = want;
    fields.push(key);
  };
  scalar('name', '/name', target.name, image.name);
  scalar('visibility', '/visibility', target.visibility, image.visibility);
  scalar('hidden', '/os_hidden', target.hidden, image.hidden);
  scalar('minDisk', '/min_disk', target.minDisk, image.minDisk ?? 0);
  scalar('minRam', '/min_ram', target.minRam, image.minRam ?? 0);

  if (target.tags && !sameSet(target.tags, image.tags)) {
    const tags = [...new Set(target.tags)].sort();
    patch.push({ op: 'replace', path: '/tags', value: tags });
    before.tags = [...image.tags].sort();
    after.tags = tags;
    fields.push('tags');
  }

  const propsBefore: Record<string, string | null> = {};
  const propsAfter: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(target.properties ?? {})) {
    if (isGlanceManaged(key)) continue;
    const has = Object.hasOwn(image.properties, key);
    const current = image.properties[key];
    if (has && current === value) continue;
    patch.push({ op: has ? 'replace' : 'add', path: pointer(key), value });
    propsBefore[key] = has ? String(current) : null;
    propsAfter[key] = value;
  }
  for (const key of target.removeProperties ?? []) {
    if (isGlanceManaged(key) || !Object.hasOwn(image.properties, key)) continue;
    if (target.properties && key in target.properties) continue;
    patch.push({ op: 'remove', path: pointer(key) });
    propsBefore[key] = String(image.properties[key]);
    propsAfter[key] = null;
  }
  const changedProps = Object.keys(propsAfter).sort();
  if (changedProps.length > 0) {
    before.properties = Object.fromEntries(changedProps.map((k) => [k, propsBefore[k] ?? null]));
    after.properties = Object.fromEntries(changedProps.map((k) => [k, propsAfter[k] ?? null]));
    fields.push(...changedProps.map((k) => `properties.${k}`));
  }

  const diff: ImageDiff = { patch: patch.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), before, after, fields };
  if (target.status === 'deactivated' && image.status === 'active') diff.statusAction = 'deactivate';
  if (target.status === 'active' && image.status === 'deactivated') diff.statusAction = 'reactivate';
  if (diff.statusAction) {
    before.status = image.status;
    after.status = target.status;
    fields.push('status');
  }
  return diff;
}

export const isNoop = (d: ImageDiff): boolean => d.patch.length === 0 && d.statusAction === undefined;
