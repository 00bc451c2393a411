/**
 * `scs-images mirror`: copy every version the definitions mirror (url → mirror_url) into a Swift
 * container of the cloud, each object once, verified before it is stored, skipping what is there
 * with the same checksum. One failed version does not stop the others (one unmirrored image must
 * not cost the rest of the catalog its mirror).
 */
import { ensureMirrorContainer, mirrorObject, planMirrorObject } from '../apply/mirror-object.js';
import type { DefinitionSet } from '../core/definitions/types.js';
import { mirrorTargets, type MirrorTarget } from '../core/mirror/targets.js';
import { formatLocation } from '../core/errors.js';
import { openCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';
import { mapLimit } from '../util/map-limit.js';

export interface MirrorRequest {
  definitions: DefinitionSet;
  cloud: OpenCloudOptions;
  container: string;
  /** The URL the container is read from; default: the container's URL in the object-store endpoint. */
  baseUrl?: string;
  segmentBytes: number;
  concurrency: number;
  downloadIdleMs: number;
  /** A container created by this run is readable by anyone (Glance's web-download reads anonymously). */
  publicRead: boolean;
  /** Read only: say per version whether it is there or would be uploaded; download and store nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: MirrorEvent) => void;
  /** Test seam for the downloads. */
  fetch?: typeof fetch;
}

export type MirrorEvent =
  | { type: 'start'; definition: string; version: string; object: string }
  | { type: 'bytes'; definition: string; version: string; done: number; total: number | undefined }
  | { type: 'end'; item: MirrorItem };

export type MirrorItemOutcome = 'uploaded' | 'would-upload' | 'present' | 'failed' | 'skipped';

export interface MirrorItem {
  definition: string;
  version: string;
  outcome: MirrorItemOutcome;
  message: string;
  /** Where the definitions say it is: file:line. */
  location: string;
  url?: string;
  mirrorUrl?: string;
  object?: string;
  bytes?: number;
  segments?: number;
  /** Segments of the object this upload replaced, deleted after it was stored. */
  removedSegments?: number;
}

export interface MirrorReport {
  cloud: string;
  container: string;
  baseUrl: string;
  /** A dry run: nothing was downloaded, created or stored. */
  dryRun: boolean;
  /** Created by this run (a dry run: would be created). */
  containerCreated: boolean;
  /** The container's read ACL (`.r:*` = public), as found or as created. */
  readAcl: string | undefined;
  items: MirrorItem[];
  summary: Record<MirrorItemOutcome, number> & { bytes: number };
  ok: boolean;
}

export async function mirrorImages(req: MirrorRequest): Promise<MirrorReport> {
  const client = await openCloud(req.cloud);
  try {
    const store = client.objectStorage();
    const baseUrl = (req.baseUrl ?? `${store.endpoint}/${encodeURIComponent(req.container)}`).replace(/\/+$/, '');
    const { targets, skipped } = mirrorTargets(req.definitions.images, baseUrl);
    const container = req.dryRun
      ? await store
          .getContainer(req.container)
          .then((found) =>
            found ? { created: false, exists: true, readAcl: found.readAcl } : { created: true, exists: false, readAcl: req.publicRead ? '.r:*' : undefined },
          )
      : { ...(await ensureMirrorContainer(store, req.container, req.publicRead)), exists: true };
    const emit = (e: MirrorEvent): void => req.onEvent?.(e);
    const done = await mapLimit(targets, req.concurrency, async (t: MirrorTarget): Promise<MirrorItem> => {
      const base = {
        definition: t.definition,
        version: t.version,
        location: formatLocation(t.location),
        url: t.url,
        mirrorUrl: t.mirrorUrl,
        object: t.objectName,
      };
      emit({ type: 'start', definition: t.definition, version: t.version, object: t.objectName });
      let item: MirrorItem;
      try {
        if (req.signal?.aborted) throw new Error('interrupted before it started');
        if (req.dryRun) {
          item = { ...base, ...(await planMirrorObject(t, store, req.container, container.exists)) };
          emit({ type: 'end', item });
          return item;
        }
        const r = await mirrorObject(t, store, {
          container: req.container,
          segmentBytes: req.segmentBytes,
          readAcl: container.readAcl,
          downloadIdleMs: req.downloadIdleMs,
          onBytes: (n, total) => emit({ type: 'bytes', definition: t.definition, version: t.version, done: n, total }),
          ...(req.signal ? { signal: req.signal } : {}),
          ...(req.fetch ? { fetch: req.fetch } : {}),
        });
        item =
          r.outcome === 'present'
            ? { ...base, outcome: 'present', message: r.message }
            : {
                ...base,
                outcome: 'uploaded',
                message: r.message,
                bytes: r.bytes,
                segments: r.segments,
                ...(r.removedSegments > 0 ? { removedSegments: r.removedSegments } : {}),
              };
      } catch (e) {
        item = { ...base, outcome: 'failed', message: (e as Error).message };
      }
      emit({ type: 'end', item });
      return item;
    });
    const items = [
      ...done,
      ...skipped.map(
        (s): MirrorItem => ({ definition: s.definition, version: s.version, outcome: 'skipped', message: s.reason, location: formatLocation(s.location) }),
      ),
    ];
    const count = (o: MirrorItemOutcome): number => items.filter((i) => i.outcome === o).length;
    const summary = {
      uploaded: count('uploaded'),
      'would-upload': count('would-upload'),
      present: count('present'),
      failed: count('failed'),
      skipped: count('skipped'),
      bytes: done.reduce((n, i) => n + (i.bytes ?? 0), 0),
    };
    return {
      cloud: client.cloud,
      container: req.container,
      baseUrl,
      dryRun: req.dryRun ?? false,
      containerCreated: container.created,
      readAcl: container.readAcl,
      items,
      summary,
      ok: summary.failed === 0,
    };
  } finally {
    await client.close();
  }
}
