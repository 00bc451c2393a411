/**
 * One version into the mirror: the upstream download streamed straight into Swift, hashed on the
 * way, never held in memory or written to disk. This changes a cloud (its object storage), so it
 * lives with the rest of apply.
 *
 * - An object that already carries the definition's checksum (`X-Object-Meta-Checksum`) is left
 *   alone: nothing is downloaded.
 * - Up to `segmentBytes` (and when the size is known): one PUT. Larger, or of unknown size:
 *   segments of `segmentBytes` in `<container>_segments` (python-swiftclient's convention), then
 *   a static large object (SLO) manifest.
 * - Replacing a static large object this tool made (another checksum under the same name) removes
 *   the old manifest's segments once the new object is stored, as `swift upload` does; segments
 *   another tool made (outside `<object>/slo/`) are left alone and counted.
 * - A compressed upstream file (`.xz`, `.bz2`, `.gz`, `.zst`, `.tar*`) whose mirror_url names no
 *   compressed file is stored decompressed, as OIM's mirror does: the download is decompressed on
 *   the way (inputs/streams/unpack.ts, the same bounds and checks as apply), always as segments +
 *   manifest (its size is not known before), and the manifest carries both sides' hashes
 *   (`X-Object-Meta-Source-Sha256`, `X-Object-Meta-Content-Sha256`, and in the definition's
 *   algorithm) for `mirror --check`. The definition's checksum may name either side.
 * - Nothing wrong becomes visible: the last byte of the stream is held back until the digest is
 *   compared. On a mismatch the PUT is cut before it completes (Swift stores nothing), no manifest
 *   is written, and the segments already written are deleted.
 */
import type { Readable } from 'node:stream';
import { checksumMeta, type MirrorTarget } from '../core/mirror/targets.js';
import type { ObjectStorageClient } from '../openstack/objectstorage/v1/client.js';
import type { SloSegment } from '../openstack/objectstorage/v1/objects/types.js';
import { Digests, hashing, meter, through } from '../inputs/streams/checksum.js';
import { isUnpackError, packingOf, unpack, type UnpackLimits, unpackLimitsFromEnv } from '../inputs/streams/unpack.js';
import { ApplyError } from './errors.js';
import { openSource } from '../inputs/streams/source-stream.js';

export type ObjectStore = Pick<
  ObjectStorageClient,
  'getObject' | 'getSloSegments' | 'putObject' | 'putSloManifest' | 'deleteObject' | 'createContainer' | 'getContainer'
>;

export interface MirrorObjectOptions {
  container: string;
  /** Objects larger than this are uploaded as segments of this size. */
  segmentBytes: number;
  /**
   * The main container's read ACL, given to the segments container too: a reader of a manifest
   * must be allowed to read its segments (an anonymous GET of the object is 409 otherwise).
   */
  readAcl?: string | undefined;
  /** A download that delivers nothing this long is aborted. */
  downloadIdleMs: number;
  signal?: AbortSignal;
  onBytes?: (done: number, total: number | undefined) => void;
  fetch?: typeof fetch;
  /** Bounds on decompressing (default: unpackLimitsFromEnv()). */
  unpackLimits?: UnpackLimits;
}

export type MirrorOutcome =
  | { outcome: 'present'; message: string }
  | { outcome: 'uploaded'; message: string; bytes: number; segments: number; removedSegments: number };

const segmentContainer = (container: string): string => `${container}_segments`;

const presentMessage = (t: MirrorTarget): string => `already mirrored with ${t.checksum.algorithm} ${t.checksum.hex.slice(0, 12)}…`;

/**
 * What `mirrorObject` would do, reading only (`mirror --dry-run`): present, or to be uploaded and
 * why. `containerExists` false: nothing can be there yet.
 */
export async function planMirrorObject(
  t: MirrorTarget,
  store: Pick<ObjectStore, 'getObject'>,
  container: string,
  containerExists: boolean,
): Promise<{ outcome: 'present' | 'would-upload'; message: string }> {
  const existing = containerExists ? await store.getObject(container, t.objectName) : undefined;
  if (!existing) return { outcome: 'would-upload', message: `not mirrored yet: would download ${t.url}` };
  if (existing.metadata['checksum'] === checksumMeta(t.checksum)) return { outcome: 'present', message: presentMessage(t) };
  const had = existing.metadata['checksum'] ?? 'no checksum';
  return { outcome: 'would-upload', message: `there with ${had}, not the definition's: would replace it from ${t.url}` };
}

export async function mirrorObject(t: MirrorTarget, store: ObjectStore, opts: MirrorObjectOptions): Promise<MirrorOutcome> {
  const want = checksumMeta(t.checksum);
  const existing = await store.getObject(opts.container, t.objectName);
  if (existing?.metadata['checksum'] === want) return { outcome: 'present', message: presentMessage(t) };
  // read before the manifest is overwritten: afterwards nothing names the old segments
  const replaced = existing?.staticLargeObject ? await store.getSloSegments(opts.container, t.objectName) : [];
  const src = await openSource(
    { kind: 'url', url: t.url },
    { idleMs: opts.downloadIdleMs, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) },
  );
  const { algorithm, hex } = t.checksum;
  // stored decompressed: the upstream file is packed and the mirror_url names no packed file
  const packing = packingOf(t.mirrorUrl) ? undefined : packingOf(t.url);
  const linkAlgorithms = [...new Set(['sha256', algorithm] as const)];
  const digests = new Digests(packing ? linkAlgorithms : [algorithm]);
  const metered = through(
    src.body,
    meter(digests, {
      idleMs: opts.downloadIdleMs,
      stalled: () => new ApplyError(`download of ${t.url} stalled: no data for ${Math.round(opts.downloadIdleMs / 1000)} s`),
      ...(opts.onBytes ? { onBytes: (done: number) => opts.onBytes?.(done, src.size) } : {}),
    }),
  );
  const content = packing ? new Digests(linkAlgorithms) : undefined;
  let limits: UnpackLimits | undefined;
  try {
    limits = packing ? (opts.unpackLimits ?? unpackLimitsFromEnv()) : undefined;
  } catch (e) {
    src.body.destroy();
    throw new ApplyError((e as Error).message, { cause: e });
  }
  const body = packing && content && limits ? unpack(metered, packing, { limits, compressedSize: src.size, after: [hashing(content)] }).body : metered;
  // the HTTP layer reports a failed body as a failed request: keep our own reason to say why
  let mismatch: ApplyError | undefined;
  const metadata: Record<string, string> = { checksum: want, 'source-url': t.url };
  const reader = new LookaheadReader(body, () => {
    const file = digests.digest();
    const image = content?.digest();
    if (packing && image) {
      metadata['unpacked-from'] = packing.label;
      for (const a of linkAlgorithms) {
        metadata[`source-${a}`] = file[a] as string;
        metadata[`content-${a}`] = image[a] as string;
      }
      if (image[algorithm] === hex || file[algorithm] === hex) return;
      mismatch = new ApplyError(
        `checksum mismatch: the definition says ${algorithm}:${hex}, ${t.url} served a ${packing.label} file of ${file[algorithm]} that decompresses to ${image[algorithm]}; nothing was stored`,
      );
      throw mismatch;
    }
    const actual = file[algorithm];
    if (actual === hex) return;
    mismatch = new ApplyError(`checksum mismatch: the definition says ${algorithm}:${hex}, ${t.url} served ${actual}; nothing was stored`);
    throw mismatch;
  });
  const put = { ...(opts.signal ? { signal: opts.signal } : {}) };
  const segContainer = segmentContainer(opts.container);
  const segments: SloSegment[] = [];
  try {
    if (!packing && src.size !== undefined && src.size <= opts.segmentBytes) {
      await store.putObject(opts.container, t.objectName, reader.take(Number.POSITIVE_INFINITY), { ...put, contentLength: src.size, metadata });
      return uploaded(digests.bytes, 0, t, await removeReplaced(store, replaced, [], segContainer, t.objectName));
    }
    await store.createContainer(segContainer, opts.readAcl ? { readAcl: opts.readAcl } : {});
    // the checksum in the segment names: a re-upload of other bytes never overwrites the segments of a live manifest
    const prefix = `${t.objectName}/slo/${algorithm}-${hex.slice(0, 16)}/${opts.segmentBytes}`;
    while (!reader.done) {
      const name = `${prefix}/${String(segments.length).padStart(8, '0')}`;
      const before = reader.taken;
      const etag = await store.putObject(segContainer, name, reader.take(opts.segmentBytes), put);
      segments.push({ path: `${segContainer}/${name}`, etag, sizeBytes: reader.taken - before });
    }
    await store.putSloManifest(opts.container, t.objectName, segments, { ...put, metadata });
    const how = packing ? `, decompressed from ${packing.label}` : '';
    return uploaded(content?.bytes ?? digests.bytes, segments.length, t, await removeReplaced(store, replaced, segments, segContainer, t.objectName), how);
  } catch (e) {
    for (const s of segments) await store.deleteObject(segContainer, s.path.slice(segContainer.length + 1), { ignoreMissing: true }).catch(() => {});
    const bad = body.errored ?? metered.errored;
    if (!mismatch && isUnpackError(bad)) throw new ApplyError(`refusing ${t.url}: ${bad.message}; nothing was stored`, { cause: bad });
    throw mismatch ?? e;
  } finally {
    src.body.destroy();
  }
}

interface Removal {
  removed: number;
  /** Segments of the old manifest that this tool did not make, or could not delete. */
  kept: number;
}

/** Delete the replaced manifest's own segments (ours: `<segments container>/<object>/slo/…`), not the new ones. */
async function removeReplaced(
  store: ObjectStore,
  old: readonly SloSegment[],
  current: readonly SloSegment[],
  segContainer: string,
  objectName: string,
): Promise<Removal> {
  const keep = new Set(current.map((s) => s.path));
  const ours = `${segContainer}/${objectName}/slo/`;
  let removed = 0;
  let kept = 0;
  for (const s of old) {
    if (keep.has(s.path)) continue;
    if (!s.path.startsWith(ours)) {
      kept++;
      continue;
    }
    const ok = await store.deleteObject(segContainer, s.path.slice(segContainer.length + 1), { ignoreMissing: true }).then(
      () => true,
      () => false,
    );
    if (ok) removed++;
    else kept++;
  }
  return { removed, kept };
}

function uploaded(bytes: number, segments: number, t: MirrorTarget, removal: Removal, unpacked = ''): MirrorOutcome {
  const how = `${segments > 0 ? `${segments} segments + SLO manifest` : 'one object'}${unpacked}`;
  let message = `uploaded ${bytes} bytes as ${how}; ${t.checksum.algorithm} matches the definition`;
  if (removal.removed > 0) message += `; removed the ${removal.removed} segments of the object it replaced`;
  if (removal.kept > 0) message += `; left ${removal.kept} segments of the replaced object (not made by scs-images, or not deletable)`;
  return { outcome: 'uploaded', message, bytes, segments, removedSegments: removal.removed };
}

/**
 * Cuts one stream into bodies of at most N bytes, one chunk ahead of what it hands out, so it
 * knows when it is about to hand out the very last bytes: `beforeLast` (the checksum comparison)
 * runs first, and a throw from it fails the body before the upload is complete.
 */
export class LookaheadReader {
  private readonly it: AsyncIterator<Buffer>;
  private ahead: Buffer | undefined;
  private started = false;
  done = false;
  taken = 0;

  constructor(
    source: Readable,
    private readonly beforeLast: () => void,
  ) {
    this.it = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  private async pull(): Promise<Buffer | undefined> {
    for (;;) {
      const r = await this.it.next();
      if (r.done) return undefined;
      if (r.value.length > 0) return r.value;
    }
  }

  async *take(limit: number): AsyncGenerator<Buffer> {
    if (!this.started) {
      this.started = true;
      this.ahead = await this.pull();
      if (this.ahead === undefined) {
        this.done = true;
        this.beforeLast();
        return;
      }
    }
    let left = limit;
    while (left > 0 && this.ahead !== undefined) {
      let chunk = this.ahead;
      if (chunk.length > left) {
        this.ahead = chunk.subarray(left);
        chunk = chunk.subarray(0, left);
      } else {
        this.ahead = await this.pull();
        if (this.ahead === undefined) {
          this.done = true;
          this.beforeLast();
        }
      }
      left -= chunk.length;
      this.taken += chunk.length;
      yield chunk;
    }
  }
}

/**
 * The mirror's container, created when missing. Glance's web-download fetches anonymously, so a
 * new container is readable by anyone (`.r:*`) unless `publicRead` is false; an existing
 * container's ACL is never changed (the report says when it is not public).
 */
export async function ensureMirrorContainer(
  store: ObjectStore,
  container: string,
  publicRead: boolean,
): Promise<{ created: boolean; readAcl: string | undefined }> {
  const found = await store.getContainer(container);
  if (found) return { created: false, readAcl: found.readAcl };
  const readAcl = publicRead ? '.r:*' : undefined;
  await store.createContainer(container, readAcl ? { readAcl } : {});
  return { created: true, readAcl };
}
