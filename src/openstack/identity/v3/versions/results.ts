/** GET /v3 → `{"version": {"id": "v3.14", "status": "stable", "updated": "…"}}`. */
import type { IdentityVersion } from './types.js';

export function versionFromBody(body: unknown): IdentityVersion {
  const v = (body as { version?: Record<string, unknown> } | undefined)?.version ?? {};
  const updated = typeof v['updated'] === 'string' ? v['updated'] : undefined;
  return { id: typeof v['id'] === 'string' ? v['id'] : '', status: typeof v['status'] === 'string' ? v['status'] : '', ...(updated ? { updated } : {}) };
}
