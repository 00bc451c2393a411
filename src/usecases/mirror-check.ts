/**
 * `scs-images mirror --check`: does every mirror_url of the definitions answer, and serve the
 * bytes its checksum names? For CI: an unmirrored or stale entry fails the check before an apply
 * depends on it, instead of failing that apply halfway. Read-only: anonymous GETs, streamed and hashed, nothing kept.
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
  const digests = new Digests(p.checksum ? [p.checksum.algorithm] : []);
  try {
    const src = await openSource({ kind: 'url', url: p.mirrorUrl }, { idleMs: req.idleMs, ...(req.fetch ? { fetch: req.fetch } : {}) });
    const stalled = (): Error => new Error(`no data for ${Math.round(req.idleMs / 1000)} s`);
    const body = through(src.body, meter(digests, { idleMs: req.idleMs, stalled }));
    for await (const _chunk of body) {
      // hashed by the meter on the way
    }
  } catch (e) {
    return { ...base, outcome: 'failed', message: (e as Error).message };
  }
  if (!p.checksum) return { ...base, outcome: 'unverified', message: `answered with ${digests.bytes} bytes; no checksum to compare`, bytes: digests.bytes };
  const actual = digests.digest()[p.checksum.algorithm];
  return actual === p.checksum.hex
    ? { ...base, outcome: 'ok', message: `${digests.bytes} bytes, ${p.checksum.algorithm} matches`, bytes: digests.bytes }
    : {
        ...base,
        outcome: 'failed',
        message: `checksum mismatch: the definition says ${p.checksum.algorithm}:${p.checksum.hex}, the mirror serves ${actual}`,
        bytes: digests.bytes,
      };
}
