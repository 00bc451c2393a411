/** Glance discovery JSON → model (tolerant: an unknown shape gives empty results, never a throw). */
import type { ApiVersion, Usage } from './types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** GET / → `{"versions": [{"id": "v2.16", "status": "CURRENT", "links": […]}, …]}`, newest first as Glance lists them. */
export function versionsFromBody(body: unknown): ApiVersion[] {
  const list = obj(body)?.['versions'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((v) => {
    const o = obj(v);
    return o && typeof o['id'] === 'string' ? [{ id: o['id'], status: typeof o['status'] === 'string' ? o['status'] : '' }] : [];
  });
}

/** GET /v2/info/usage → `{"usage": {"image_size_total": {"usage": 12, "limit": 1000}, …}}`. */
export function usageFromBody(body: unknown): Usage {
  const usage = obj(obj(body)?.['usage']);
  const out: Usage = {};
  for (const [key, raw] of Object.entries(usage ?? {})) {
    const o = obj(raw);
    if (o && typeof o['usage'] === 'number' && typeof o['limit'] === 'number') out[key] = { usage: o['usage'], limit: o['limit'] };
  }
  return out;
}

/** The newest version Glance calls CURRENT (else the first listed). */
export function currentVersion(versions: readonly ApiVersion[]): ApiVersion | undefined {
  return versions.find((v) => v.status === 'CURRENT') ?? versions[0];
}
