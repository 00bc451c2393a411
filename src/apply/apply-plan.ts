/**
 * applyPlan(): the only code that changes a cloud. It performs exactly the plan's changes, in
 * four phases:
 *
 * A. imports (create/resume), at most `concurrency` at a time; each ends verified and private;
 * B. updates and leftover deletes, in plan order (an old image leaves the bare name first);
 *    a change whose required import failed is skipped;
 * C. publishing each verified import (finalize: name, visibility, marker removed);
 * D. cleanup (hide/deactivate/delete of outdated versions), only when nothing failed before
 *    (never clean up after an error: when a new version failed, the outdated one may be the only
 *    one that works).
 *
 * Each step leaves a state the next plan understands, so an interrupted run is resumed by
 * running again. The signal (Ctrl-C, a lost lease) stops new changes from starting; a request
 * under way finishes, an import stops waiting and is left private and marked (resumed next run).
 */
import type { Change, DeleteChange, ImportChange, Plan, UpdateChange } from '../core/plan/types.js';
import { changeLabel, isImportChange, labelsOf } from '../core/plan/types.js';
import { ApplyError } from './errors.js';
import { finalizeImport } from './finalize.js';
import { ImportPace } from './import-pace.js';
import { importVersion, type ImportContext } from './import-version.js';
import { mapLimit } from '../util/map-limit.js';
import type { ApplyOptions, ApplyResult, ChangeOutcome, ChangeResult, ImageApi, Imported } from './types.js';

const isCleanup = (c: Change): boolean => !isImportChange(c) && c.cleanup;

export async function applyPlan(plan: Plan, api: ImageApi, opts: ApplyOptions): Promise<ApplyResult> {
  // insertion order is the order changes ended: that is the order results are reported in
  const results = new Map<string, ChangeResult>();
  const emit = opts.onEvent;
  let methods: Promise<string[]> | undefined;
  const ctx: ImportContext = { api, opts, methods: () => (methods ??= api.getImportInfo().then((i) => i.importMethods)), pace: new ImportPace() };

  const record = (c: Change, outcome: ChangeOutcome, message: string, imageId?: string): void => {
    const result: ChangeResult = { key: c.key, action: c.action, name: c.name, outcome, message };
    if (c.definition !== undefined) result.definition = c.definition;
    if (c.version !== undefined) result.version = c.version;
    if (imageId) result.imageId = imageId;
    results.set(c.key, result);
    emit({ type: outcome, key: c.key, name: changeLabel(c), message, ...(imageId ? { imageId } : {}) });
  };
  const interrupted = (): string => {
    const reason = opts.signal?.reason;
    const why = reason instanceof Error && reason.message !== 'interrupted' ? `interrupted: ${reason.message}` : 'interrupted';
    return `${why}; not started`;
  };
  const failed = (): boolean => [...results.values()].some((r) => r.outcome === 'failed');
  const run = async (c: UpdateChange | DeleteChange): Promise<void> => {
    if (opts.signal?.aborted) return record(c, 'skipped', interrupted());
    emit({ type: 'start', key: c.key, action: c.action, name: changeLabel(c) });
    try {
      record(c, 'done', await execute(c, api), c.imageId);
    } catch (e) {
      record(c, 'failed', (e as Error).message, c.imageId);
    }
  };
  const imported = new Map<string, Imported>();
  const blocked = (c: UpdateChange | DeleteChange): string | undefined => {
    // a required import counts once it is verified, before it is published in phase C
    const missing = (c.requires ?? []).filter((k) => !imported.has(k) && results.get(k)?.outcome !== 'done');
    return missing.length > 0 ? `not run: it waits for ${labelsOf(missing, plan.changes).join(', ')}, which did not succeed` : undefined;
  };

  // A: imports
  const imports = plan.changes.filter(isImportChange);
  await mapLimit(imports, opts.concurrency, async (c) => {
    if (opts.signal?.aborted) return record(c, 'skipped', interrupted());
    emit({ type: 'start', key: c.key, action: c.action, name: changeLabel(c) });
    try {
      const r = await importVersion(c, ctx);
      imported.set(c.key, r);
      const fellBack = r.mirrorFailed ? ` from the upstream url, because the mirror failed: ${r.mirrorFailed}` : '';
      emit({ type: 'step', key: c.key, name: changeLabel(c), message: `imported by ${r.method}${fellBack}; ${r.verification}` });
    } catch (e) {
      // stopped by the signal: whatever the import left is private and marked (import-version.ts)
      if (opts.signal?.aborted) record(c, 'interrupted', interruptedImport(e));
      else record(c, 'failed', (e as Error).message);
    }
  });

  // B: updates and leftover deletes
  const others = plan.changes.filter((c): c is UpdateChange | DeleteChange => !isImportChange(c));
  for (const c of others.filter((x) => !isCleanup(x))) {
    const why = blocked(c);
    if (why) record(c, 'skipped', why, c.imageId);
    else await run(c);
  }

  // C: publish the verified imports
  for (const c of imports) {
    const r = imported.get(c.key);
    if (!r) continue;
    if (opts.signal?.aborted) {
      record(c, 'interrupted', `verified but not published: ${r.image.id} stays private with the import marker; the next apply publishes it`, r.image.id);
      continue;
    }
    // if the image holding the bare name could not be renamed away, keep the versioned name (never two images of one name)
    const rotationFailed = others.some((o) => o.requires?.includes(c.key) && results.get(o.key)?.outcome === 'failed');
    const change: ImportChange = rotationFailed ? { ...c, finalize: { ...c.finalize, name: c.create.name } } : c;
    try {
      const image = await finalizeImport(change, r.image, api);
      const how = r.mirrorFailed ? `${r.method} from the upstream url (the mirror failed: ${r.mirrorFailed})` : r.method;
      record(c, 'done', `${how}, ${r.verification}${rotationFailed ? `; kept the name ${image.name}, the rotation failed` : ''}`, image.id);
    } catch (e) {
      record(c, 'failed', (e as Error).message, r.image.id);
    }
  }

  // D: cleanup, never after an error
  for (const c of others.filter(isCleanup)) {
    const why = failed() ? 'not run: the run had errors, and cleanup never follows an error' : blocked(c);
    if (why) record(c, 'skipped', why, c.imageId);
    else await run(c);
  }

  const ordered = [...results.values()];
  const wasInterrupted = opts.signal?.aborted === true;
  return { ok: !failed() && !wasInterrupted && ordered.every((r) => r.outcome === 'done'), interrupted: wasInterrupted, results: ordered };
}

/** An import stopped by the signal: its own message when it says what is left, else the crash-safety promise. */
function interruptedImport(e: unknown): string {
  if (e instanceof ApplyError) return e.message;
  return 'interrupted; anything it created is private and carries the import marker, so the next apply resumes or redoes it';
}

async function execute(c: UpdateChange | DeleteChange, api: ImageApi): Promise<string> {
  if (c.action === 'delete') {
    const existed = await api.deleteImage(c.imageId, { ignoreMissing: true });
    return existed ? 'deleted' : 'already gone';
  }
  if (c.statusAction === 'reactivate') await api.reactivateImage(c.imageId);
  if (c.patch.length > 0) await api.updateImage(c.imageId, c.patch);
  if (c.statusAction === 'deactivate') await api.deactivateImage(c.imageId);
  if (c.action === 'adopt') return 'adopted';
  return c.action === 'update' ? 'updated' : c.action === 'rename' ? 'renamed' : `${c.action === 'hide' ? 'hidden' : `${c.action}d`}`;
}
