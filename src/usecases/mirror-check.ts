/**
 * `scs-images mirror --check`: does every mirror_url of the definitions answer, and serve the
 * bytes its checksum names? For CI: an unmirrored or stale entry fails the check before an apply
 * depends on it, instead of failing that apply halfway. Read-only: anonymous GETs, streamed and hashed, nothing kept.
 *
 * A mirror of a compressed upstream file holds the decompressed image (mirror-object.ts), with
 * both sides' hashes in its metadata: a checksum that names the compressed file is matched
 * through them (the recorded file hash is the checksum, and the served bytes are the recorded
 * content), so either reading of the checksum passes, and only for the right bytes.
 */
import { Digests, meter, through } from '../inputs/streams/checksum.js';
import { openSource } from '../inputs/streams/source-stream.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { formatLocation } from '../core/errors.js';
import { mirrorProbes, type MirrorProbe } from '../core/mirror/targets.js';
import { mapLimit } from '../util/map-limit.js';

export interface MirrorCheckRequest {
  definitions: DefinitionSet;
  concurrency: number;
  /** No answer, or no byte, this long: the mirror fails. */
  idleMs: number;
  fetch?: typeof fetch;
}

export interface MirrorCheckItem {
  definition: string;
  version: string;
  mirrorUrl: string;
  location: string;
  /** ok: answered with the checksum's bytes; unverified: answered, no checksum to compare; failed: did not answer or other bytes. */
  outcome: 'ok' | 'unverified' | 'failed';
  message: string;
  bytes?: number;
}

export interface MirrorCheckReport {
  items: MirrorCheckItem[];
  summary: { ok: number; unverified: number; failed: number };
  ok: boolean;
}

export async function checkMirror(req: MirrorCheckRequest): Promise<MirrorCheckReport> {
  const items = await mapLimit(mirrorProbes(req.definitions.images), req.concurrency, (p) => probe(p, req));
  const count = (o: MirrorCheckItem['outcome']): number => items.filter((i) => i.outcome === o).length;
  const summary = { ok: count('ok'), unverified: count('unverified'), failed: count('failed') };
  return { items, summary, ok: summary.failed === 0 };
}

async function probe(p: MirrorProbe, req: MirrorCheckRequest): Promise<MirrorCheckItem> {
  const base = { definition: p.definition, version: p.version, mirrorUrl: p.mirrorUrl, location: formatLocation(p.location) };
  const digests = new Digests(p.checksum ? [p.checksum.algorithm, 'sha256'] : []);
  let headers: Headers | undefined;
  try {
    const src = await openSource({ kind: 'url', url: p.mirrorUrl }, { idleMs: req.idleMs, ...(req.fetch ? { fetch: req.fetch } : {}) });
    const stalled = (): Error => new Error(`no data for ${Math.round(req.idleMs / 1000)} s`);
    headers = src.headers;
    const body = through(src.body, meter(digests, { idleMs: req.idleMs, stalled }));
    for await (const _chunk of body) {
      // hashed by the meter on the way
    }
  } catch (e) {
    return { ...base, outcome: 'failed', message: (e as Error).message };
  }
  if (!p.checksum) return { ...base, outcome: 'unverified', message: `answered with ${digests.bytes} bytes; no checksum to compare`, bytes: digests.bytes };
  const served = digests.digest();
  const actual = served[p.checksum.algorithm];
  const meta = (name: string): string | undefined => headers?.get(`x-object-meta-${name}`)?.toLowerCase() ?? undefined;
  const from = meta('unpacked-from');
  if (actual === p.checksum.hex) {
    const note = from ? ` (the image decompressed from a ${from} file of sha256 ${meta('source-sha256') ?? 'unrecorded'})` : '';
    return { ...base, outcome: 'ok', message: `${digests.bytes} bytes, ${p.checksum.algorithm} matches${note}`, bytes: digests.bytes };
  }
  if (from && meta(`source-${p.checksum.algorithm}`) === p.checksum.hex && meta('content-sha256') === served['sha256']) {
    return {
      ...base,
      outcome: 'ok',
      message: `${digests.bytes} bytes decompressed from the ${from} file the checksum names (${p.checksum.algorithm} recorded when mirrored; the served bytes' sha256 is the recorded content's)`,
      bytes: digests.bytes,
    };
  }
  return {
    ...base,
    outcome: 'failed',
    message: `checksum mismatch: the definition says ${p.checksum.algorithm}:${p.checksum.hex}, the mirror serves ${actual}`,
    bytes: digests.bytes,
  };
}
