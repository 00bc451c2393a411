/**
 * `scs-images update`: bring definitions with a `latest_url` to the newest upstream build.
 *
 * 1. load and validate every definition (bad input stops here, nothing is fetched);
 * 2. resolve each selected definition's newest build upstream, a few at a time;
 * 3. per file, decide (core/update/decide.ts) and splice each change into the text
 *    (core/update/yaml-edit.ts), checking every edit (verify-edit.ts);
 * 4. write the changed files, unless this is a dry run.
 *
 * One definition failing upstream never stops the others; the report says which failed and why.
 */
import { readFile } from 'node:fs/promises';
import { decideChange, mirrorUrlFor, type VersionChange } from '../../core/update/decide.js';
import { selectHandler } from '../../core/update/handlers/registry.js';
import type { UpstreamHandler, UpstreamSource } from '../../core/update/handlers/types.js';
import { applyVersionChange } from '../../core/update/yaml-edit.js';
import { verifyEdit } from '../../core/update/verify-edit.js';
import type { ImageDefinition } from '../../core/definitions/types.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { rewriteUrl, type BaseUrls } from './base-urls.js';
import { fetchLastModified, fetchText, type FetchOptions } from '../../inputs/fetch-text.js';
import { resolveUpstream, type Resolution, type UpstreamFetcher } from './resolve-upstream.js';
import { replaceFileAtomically } from './write-file.js';
import { mapLimit } from '../../util/map-limit.js';
import { dayOf } from '../../core/clock.js';

export interface UpdateOptions {
  images: string;
  dryRun: boolean;
  /** Only definitions with one of these names or shortnames (all when empty). */
  names: readonly string[];
  includeDisabled: boolean;
  baseUrls: BaseUrls;
  /** Write mirror_url in OIM's layout under this base. */
  mirrorBaseUrl?: string;
  fetch: FetchOptions;
  concurrency?: number;
  /** The clock of the run: builds dated after its day are not considered (see resolveUpstream). */
  now: Date;
}

interface Base {
  file: string;
  name: string;
  handler?: string;
}
export type ImageOutcome = Base &
  (
    | { status: 'updated'; change: Extract<VersionChange, { kind: 'append' | 'replace' }>; notes: string[] }
    | { status: 'current' | 'older'; change: Extract<VersionChange, { kind: 'current' | 'older' }>; notes: string[] }
    | { status: 'failed'; error: string }
    | { status: 'skipped'; why: 'disabled' | 'no-latest-url' | 'no-handler'; reason: string }
  );

export interface FileResult {
  file: string;
  before: string;
  after: string;
}

export interface UpdateReport {
  outcomes: ImageOutcome[];
  /** Files whose text changed (written unless dryRun). */
  changed: FileResult[];
}

export class UpdateInputError extends Error {
  override readonly name = 'UpdateInputError';
}

export async function updateDefinitions(opts: UpdateOptions): Promise<UpdateReport> {
  const set = await loadDefinitions(opts.images);
  const unknown = opts.names.filter((n) => !set.images.some((d) => d.name === n || d.shortname === n));
  if (unknown.length > 0) throw new UpdateInputError(`--name: no definition named ${unknown.map((n) => `'${n}'`).join(', ')}`);

  const { work, outcomes } = selectWork(set.images, opts);

  const fetchers = new Map<string, UpstreamFetcher>();
  const fetcherFor = (h: UpstreamHandler): UpstreamFetcher => {
    let f = fetchers.get(h.id);
    if (!f) fetchers.set(h.id, (f = makeFetcher(opts.baseUrls.get(h.id), opts.fetch)));
    return f;
  };
  const notAfter = dayOf(opts.now).replaceAll('-', '');
  // a failure is a value here, so one definition's upstream never stops the others
  const resolved = await mapLimit(work, opts.concurrency ?? 4, async (w): Promise<Resolution | Error> => {
    try {
      return await resolveUpstream(w.src, w.handler, fetcherFor(w.handler), notAfter);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });

  const texts = new Map<string, FileText>();
  for (const [i, w] of work.entries()) {
    const base = { file: w.def.location.file, name: w.def.name, handler: w.handler.id };
    const r = resolved[i] as Resolution | Error;
    if (r instanceof Error) {
      outcomes.push({ ...base, status: 'failed', error: r.message });
      continue;
    }
    const change = decideChange(w.def, r.build);
    if (change.kind === 'current' || change.kind === 'older') {
      outcomes.push({ ...base, status: change.kind, change, notes: r.notes });
      continue;
    }
    let text = texts.get(base.file);
    if (!text) texts.set(base.file, (text = await readText(base.file)));
    const mirrorUrl = opts.mirrorBaseUrl && w.def.shortname ? mirrorUrlFor(opts.mirrorBaseUrl, w.def.shortname, r.build.version, w.def.format) : undefined;
    try {
      const next = applyVersionChange(text.after, w.def.name, change, mirrorUrl === undefined ? {} : { mirrorUrl });
      verifyEdit(text.after, next, base.file, w.def.name, r.build);
      text.after = next;
      outcomes.push({ ...base, status: 'updated', change, notes: r.notes });
    } catch (e) {
      outcomes.push({ ...base, status: 'failed', error: `cannot edit the file: ${(e as Error).message}` });
    }
  }

  const changed = await writeChanged(texts, outcomes, opts.dryRun);
  return { outcomes: sortOutcomes(outcomes, set.images), changed };
}

interface Work {
  def: ImageDefinition;
  handler: UpstreamHandler;
  src: UpstreamSource;
}

/** The definitions to resolve upstream; the others become `skipped` outcomes (when worth a word). */
function selectWork(images: readonly ImageDefinition[], opts: UpdateOptions): { work: Work[]; outcomes: ImageOutcome[] } {
  const outcomes: ImageOutcome[] = [];
  const work: Work[] = [];
  for (const def of images) {
    if (opts.names.length > 0 && !opts.names.some((n) => n === def.name || n === def.shortname)) continue;
    const base = { file: def.location.file, name: def.name };
    if (!def.latestUrl) {
      if (opts.names.length > 0) outcomes.push({ ...base, status: 'skipped', why: 'no-latest-url', reason: 'no latest_url' });
      continue;
    }
    if (!def.enable && !opts.includeDisabled) {
      outcomes.push({ ...base, status: 'skipped', why: 'disabled', reason: 'enable: false (--include-disabled updates it too)' });
      continue;
    }
    const src = sourceOf(def, def.latestUrl);
    const handler = selectHandler(src);
    if (!handler) outcomes.push({ ...base, status: 'skipped', why: 'no-handler', reason: `no update handler for ${def.latestUrl}` });
    else work.push({ def, handler, src });
  }
  return { work, outcomes };
}

/** Write the files whose text changed (not in a dry run); a file that cannot be written fails its definitions. */
async function writeChanged(texts: ReadonlyMap<string, FileText>, outcomes: ImageOutcome[], dryRun: boolean): Promise<FileResult[]> {
  const changed: FileResult[] = [];
  for (const [file, t] of texts) {
    if (t.after === t.before) continue;
    if (!dryRun) {
      try {
        await replaceFileAtomically(file, t.bom ? `\uFEFF${t.after}` : t.after);
      } catch (e) {
        const why = `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
        for (const [i, o] of outcomes.entries())
          if (o.file === file && o.status === 'updated') outcomes[i] = { file, name: o.name, handler: o.handler, status: 'failed', error: why };
        continue;
      }
    }
    changed.push({ file, before: t.before, after: t.after });
  }
  return changed;
}

function sourceOf(def: ImageDefinition, latestUrl: string): UpstreamSource {
  const src: UpstreamSource = { name: def.name, latestUrl };
  if (def.shortname) src.shortname = def.shortname;
  const distro = def.meta['os_distro'];
  if (typeof distro === 'string') src.osDistro = distro;
  if (def.latestChecksumUrl) src.latestChecksumUrl = def.latestChecksumUrl;
  return src;
}

/** Reads through the distribution's base URL; each document is fetched once per run. */
function makeFetcher(base: URL | undefined, opts: FetchOptions): UpstreamFetcher {
  const cache = new Map<string, Promise<string>>();
  return {
    text(url) {
      const target = rewriteUrl(url, base);
      let p = cache.get(target);
      if (!p) cache.set(target, (p = fetchText(target, opts)));
      return p;
    },
    lastModified: (url) => fetchLastModified(rewriteUrl(url, base), opts),
  };
}

interface FileText {
  before: string;
  after: string;
  /** The file started with a byte order mark (dropped for editing, put back when writing). */
  bom: boolean;
}

async function readText(file: string): Promise<FileText> {
  const raw = await readFile(file, 'utf8');
  const bom = raw.startsWith('\uFEFF');
  const text = bom ? raw.slice(1) : raw;
  return { before: text, after: text, bom };
}

/** In definition order (files as read, images as written), whatever order upstream answered in. */
function sortOutcomes(outcomes: ImageOutcome[], images: readonly ImageDefinition[]): ImageOutcome[] {
  const order = new Map(images.map((d, i) => [d.name, i]));
  return [...outcomes].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
}
