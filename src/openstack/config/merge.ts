/** Dict helpers with openstacksdk's merge semantics. */

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep copy of plain JSON-ish data. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * secure.yaml over clouds.yaml (`_util.merge_clouds`): nested dicts merge recursively, scalars
 * and lists are replaced. The right side wins.
 */
export function deepMerge(base: Dict, over: Dict): Dict {
  const out: Dict = clone(base);
  for (const [k, v] of Object.entries(over)) {
    const cur = out[k];
    out[k] = isDict(cur) && isDict(v) ? deepMerge(cur, v) : clone(v);
  }
  return out;
}

/** Like dict.update, except that the nested `auth` dict is merged key by key (`_auth_update`). */
export function authUpdate(base: Dict, over: Dict): Dict {
  for (const [k, v] of Object.entries(over)) {
    if (k === 'auth' && isDict(v)) {
      base['auth'] = { ...(isDict(base['auth']) ? base['auth'] : {}), ...clone(v) };
    } else {
      base[k] = clone(v);
    }
  }
  return base;
}

/** `-` → `_` in every key, recursively (`project-name` and `project_name` are the same key). */
export function normalizeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalizeKeys);
  if (!isDict(v)) return v;
  const out: Dict = {};
  for (const [k, val] of Object.entries(v)) out[k.replace(/-/g, '_')] = normalizeKeys(val);
  return out;
}
