/**
 * applyPlan(): the only code that changes a cloud. It performs exactly the plan's changes, in
 * four phases:
 *
 * A. imports (create/resume), at most `concurrency` at a time; each ends verified and private;
 * B. updates and leftover deletes, in plan order (an old image leaves the bare name first);
 *    a change whose required import failed is skipped;
 * C. publishing each verified import (finalize: name, visibility, marker removed);
 * D. cleanup (hide/deactivate/delete of outdated versions), only when nothing failed before
 *    (OIM #1235: never clean up after an error).
 *
 * Each step leaves a state the next plan understands, so an interrupted run is resumed by
 * running again.
 */
import type { Change, DeleteChange, ImportChange, Plan, UpdateChange } from '../core/plan/types.js';
import { isImportChange } from '../core/plan/types.js';
import { finalizeImport } from './finalize.js';
import { ImportPace } from './import-pace.js';
import { importVersion, type ImportContext } from './import-version.js';
import { mapLimit } from '../util/map-limit.js';
import type { ApplyOptions, ApplyResult, ChangeResult, ImageApi, Imported } from './types.js';

const isCleanup = (c: Change): boolean => !isImportChange(c) && c.cleanup;

export async function applyPlan(plan: Plan, api: ImageApi, opts: ApplyOptions): Promise<ApplyResult> {
  const results = new Map<string, ChangeResult>();
  const emit = opts.onEvent;
  let methods: Promise<string[]> | undefined;
  const ctx: ImportContext = { api, opts, methods: () => (methods ??= api.getImportInfo().then((i) => i.importMethods)), pace: new ImportPace() };

  const record = (c: Change, outcome: ChangeResult['outcome'], message: string, imageId?: string): void => {
    results.set(c.key, { key: c.key, action: c.action, name: c.name, outcome, message, ...(imageId ? { imageId } : {}) });
    emit({ type: outcome, key: c.key, name: c.name, message });
  };
  const interrupted = (): string => {
    const reason = opts.signal?.reason;
    return reason instanceof Error && reason.message !== 'interrupted' ? `interrupted: ${reason.message}` : 'interrupted';
  };
  const failed = (): boolean => [...results.values()].some((r) => r.outcome === 'failed');
  const run = async (c: Change, fn: () => Promise<string>, announce = true): Promise<void> => {
    if (opts.signal?.aborted) return record(c, 'skipped', interrupted());
    if (announce) emit({ type: 'start', key: c.key, action: c.action, name: c.name });
    try {
      record(c, 'done', await fn(), 'imageId' in c ? c.imageId : undefined);
    } catch (e) {
      record(c, 'failed', (e as Error).message);
    }
  };
  const imported = new Map<string, Imported>();
  const blocked = (c: UpdateChange | DeleteChange): string | undefined => {
    // a required import counts once it is verified, before it is published in phase C
    const missing = (c.requires ?? []).filter((k) => !imported.has(k) && results.get(k)?.outcome !== 'done');
    return missing.length > 0 ? `not run: it waits for ${missing.join(', ')}, which did not succeed` : undefined;
  };

  // A: imports
  const imports = plan.changes.filter(isImportChange);
  await mapLimit(imports, opts.concurrency, async (c) => {
    if (opts.signal?.aborted) return record(c, 'skipped', interrupted());
    emit({ type: 'start', key: c.key, action: c.action, name: c.name });
    try {
      const r = await importVersion(c, ctx);
      imported.set(c.key, r);
      emit({ type: 'step', key: c.key, name: c.name, message: `imported by ${r.method}; ${r.verification}` });
    } catch (e) {
      record(c, 'failed', (e as Error).message);
    }
  });

  // B: updates and leftover deletes
  const others = plan.changes.filter((c): c is UpdateChange | DeleteChange => !isImportChange(c));
  for (const c of others.filter((x) => !isCleanup(x))) {
    const why = blocked(c);
    if (why) record(c, 'skipped', why);
    else await run(c, () => execute(c, api));
  }

  // C: publish the verified imports
  for (const c of imports) {
    const r = imported.get(c.key);
    if (!r) continue;
    // if the image holding the bare name could not be renamed away, keep the versioned name (never two images of one name)
    const rotationFailed = others.some((o) => o.requires?.includes(c.key) && results.get(o.key)?.outcome === 'failed');
    const change: ImportChange = rotationFailed ? { ...c, finalize: { ...c.finalize, name: c.create.name } } : c;
    await run(
      c,
      async () => {
        const image = await finalizeImport(change, r.image, api);
        return `${image.id}: ${r.method}, ${r.verification}${rotationFailed ? `; kept the name ${image.name}, the rotation failed` : ''}`;
      },
      false,
    );
  }

  // D: cleanup, never after an error
  for (const c of others.filter(isCleanup)) {
    const why = failed() ? 'not run: the run had errors, and cleanup never follows an error' : blocked(c);
    if (why) record(c, 'skipped', why);
    else await run(c, () => execute(c, api));
  }

  const ordered = plan.changes.map((c) => results.get(c.key)).filter((r): r is ChangeResult => r !== undefined);
  return { ok: !failed() && ordered.every((r) => r.outcome === 'done'), results: ordered };
}

async function execute(c: UpdateChange | DeleteChange, api: ImageApi): Promise<string> {
  if (c.action === 'delete') {
    const existed = await api.deleteImage(c.imageId, { ignoreMissing: true });
    return existed ? 'deleted' : 'already gone';
  }
  if (c.statusAction === 'reactivate') await api.reactivateImage(c.imageId);
  if (c.patch.length > 0) await api.updateImage(c.imageId, c.patch);
  if (c.statusAction === 'deactivate') await api.deactivateImage(c.imageId);
  return c.action === 'update' ? 'updated' : c.action === 'rename' ? 'renamed' : `${c.action === 'hide' ? 'hidden' : `${c.action}d`}`;
}
