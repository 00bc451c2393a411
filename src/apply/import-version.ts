/**
 * One version into Glance, ending with a verified image that is still private and still carries
 * the import marker (finalize.ts publishes it). Paths, in order:
 *
 * 1. resume: a leftover of an interrupted run is waited for (importing), verified (active), or
 *    discarded (queued/uploading/killed) and redone;
 * 2. web-download when the cloud offers it (GET /v2/info/import);
 * 3. fallback when web-download is not offered, is refused, fails (`os_glance_failed_import`) or
 *    is stuck in `queued`: the tool streams the download itself into glance-direct (stage +
 *    import), or a plain upload when glance-direct is not offered either. `file:` sources always
 *    take this path, and so do compressed sources (`.xz`, `.bz2`, `.gz`, `.zst`, `.tar*`: Glance's
 *    web-download would store the compressed bytes): downloaded, decompressed, inspected, hashed
 *    on both sides and uploaded in one pass (inputs/streams/unpack.ts), the link between the file
 *    and the image recorded as properties (core/images/unpacked-link.ts).
 *
 * A failed attempt's image is deleted before the next attempt, and after the last one: no
 * orphaned queued image is left behind. Images with a fixed id are never deleted,
 * because Glance never lets a deleted image's id be used again; a queued one is reused instead.
 */
import type { Image } from '../core/images/image.js';
import { changeLabel, type ImportChange } from '../core/plan/types.js';
import { isHttpStatus } from '../openstack/errors.js';
import { Digests, GLANCE_ALGORITHMS, hashing, meter, through } from '../inputs/streams/checksum.js';
import { LINK_ALGORITHMS, unpackedLinkProperties } from '../core/images/unpacked-link.js';
import type { ChecksumAlgorithm } from '../core/definitions/types.js';
import { isUnpackError, type Packing, packingOf, unpack, type UnpackLimits, unpackLimitsFromEnv } from '../inputs/streams/unpack.js';
import { ApplyError } from './errors.js';
import type { ImportPace } from './import-pace.js';
import { inspectingHead, inspectSource } from '../inputs/streams/inspect-source.js';
import { openSource, SourceError } from '../inputs/streams/source-stream.js';
import type { ApplyOptions, ImageApi, Imported } from './types.js';
import { verifyImage } from './verify.js';
import { failedImport, importFinished, waitForImport, type WaitOutcome } from './wait-image.js';

export interface ImportContext {
  api: ImageApi;
  opts: ApplyOptions;
  /** Import methods the cloud offers (GET /v2/info/import once per run). */
  methods: () => Promise<string[]>;
  /** How long imports in this run took so far (import-pace.ts): the first poll comes when one is likely done. */
  pace?: ImportPace;
}

const IN_PROGRESS = new Set(['importing', 'saving']);

/**
 * importVersion from the planned source; when that is a mirror and it fails, once more from the
 * upstream url if the run allows it (a mirror is a convenience, the upstream the authority; falling
 * back silently would hide a broken mirror), else the error says that it could have.
 */
export async function importVersion(change: ImportChange, ctx: ImportContext): Promise<Imported> {
  const upstream = change.source.upstreamUrl;
  try {
    return await importFrom(change, ctx);
  } catch (e) {
    // Ctrl-C or a lost lease is no mirror failure; a leftover with a fixed id cannot be redone
    if (upstream === undefined || ctx.opts.signal?.aborted || !(e instanceof ApplyError)) throw e;
    if (!ctx.opts.mirrorFallback) throw new ApplyError(`${e.message}; the upstream url was not tried (--mirror-fallback allows it)`, { cause: e });
    const why = e.message;
    ctx.opts.onEvent({
      type: 'step',
      key: change.key,
      name: changeLabel(change),
      message: `the mirror failed (${why}); importing from the upstream url ${upstream} instead (--mirror-fallback)`,
    });
    // the first attempt already resumed or discarded any leftover (imageId)
    const { upstreamUrl: _mirrorOnly, ...source } = change.source;
    const { imageId: _handled, ...rest } = change;
    const r = await importFrom({ ...rest, source: { ...source, url: upstream } }, ctx);
    return { ...r, mirrorFailed: why };
  }
}

async function importFrom(change: ImportChange, ctx: ImportContext): Promise<Imported> {
  const { opts } = ctx;
  const deadline = opts.now() + opts.importTimeoutMs;
  const step = (message: string): void => opts.onEvent({ type: 'step', key: change.key, name: changeLabel(change), message });
  const signal = AbortSignal.any([AbortSignal.timeout(opts.importTimeoutMs), ...(opts.signal ? [opts.signal] : [])]);
  const wait = async (id: string, before?: Image): Promise<WaitOutcome> => {
    const failedBefore = before ? failedImport(before) : undefined;
    const started = opts.now();
    const w = await waitForImport(id, {
      getImage: (i) => ctx.api.getImage(i),
      now: opts.now,
      sleep: opts.sleep,
      deadline,
      stuckMs: opts.stuckMs,
      signal,
      onStatus: (s) => step(`status ${s}`),
      onPoll: (image) =>
        opts.onEvent({ type: 'glance', key: change.key, name: changeLabel(change), status: image.status, importingTo: storesOf(image), waitingSince: started }),
      ...(failedBefore ? { failedBefore } : {}),
      ...(ctx.pace ? { firstDelayMs: ctx.pace.firstDelay() } : {}),
    });
    if (w.kind === 'active') ctx.pace?.observe(opts.now() - started);
    return w;
  };

  /** Delete a failed attempt's image; a fixed-id image is kept (and reused when still queued). */
  const discard = async (image: Image): Promise<Image | undefined> => {
    if (change.create.id) {
      if (image.status === 'queued') return image;
      throw new ApplyError(`image ${image.id} (fixed id) is ${image.status} and kept: Glance never reuses a deleted image's id; fix or delete it by hand`);
    }
    await ctx.api.deleteImage(image.id, { ignoreMissing: true });
    step(`deleted the failed attempt ${image.id}`);
    return undefined;
  };

  const verified = async (image: Image, method: string, computed?: Awaited<ReturnType<Digests['digest']>>, packed?: PackedResult): Promise<Imported> => {
    let lastBytes = 0;
    const v = await verifyImage(image, change, ctx.api, {
      readBack: opts.readBack,
      signal,
      ...(computed ? { computed } : {}),
      ...(packed ? { packed: { label: packed.label, digests: packed.source } } : {}),
      onReadBack: (algorithm) => step(`reading ${image.id} back from Glance to verify its ${algorithm}`),
      onBytes: (done) => {
        const t = opts.now();
        if (t - lastBytes < 200 && done !== image.size) return; // at most 5×/s
        lastBytes = t;
        opts.onEvent({ type: 'bytes', key: change.key, name: changeLabel(change), done, total: image.size ?? undefined });
      },
    });
    if (!v.ok) {
      await discard(image).catch(() => undefined);
      throw new ApplyError(`${v.problem}; the image was not made visible${change.create.id ? '' : ' and is deleted'}`);
    }
    if (packed) {
      // what links the image to the compressed file image_source names (audit follows it); the
      // content's hash in Glance's algorithm is Glance's own of the bytes this stream sent
      const glanceAlgo = image.hashAlgo ? GLANCE_ALGORITHMS[image.hashAlgo] : undefined;
      const content = { ...(glanceAlgo && image.hashValue ? { [glanceAlgo]: image.hashValue.toLowerCase() } : {}), ...computed };
      const link = unpackedLinkProperties(packed.label, packed.source, content, packed.entry);
      const patched = await ctx.api.updateImage(
        image.id,
        Object.entries(link).map(([k, value]) => ({ op: 'add' as const, path: `/${k}`, value })),
      );
      return { image: patched, method: `${method}, decompressed from ${packed.label}`, verification: v.how };
    }
    return { image, method, verification: v.how };
  };

  let reuse: Image | undefined;
  if (change.imageId) {
    let left: Image | undefined;
    try {
      left = await ctx.api.getImage(change.imageId);
    } catch (e) {
      if (!isHttpStatus(e, 404)) throw e;
    }
    if (left && (IN_PROGRESS.has(left.status) || (left.status === 'active' && !importFinished(left)))) {
      step(`waiting for the interrupted import of ${left.id} (${left.status})`);
      const w = await wait(left.id);
      left = w.image ?? left;
    }
    if (left?.status === 'active') return verified(left, 'resumed');
    if (left) reuse = await discard(left);
  }

  const where = change.source.kind === 'file' ? change.source.path : change.source.url;
  const packing = packingOf(change.source.kind === 'file' ? (change.source.path ?? change.source.url) : change.source.url);
  let limits: UnpackLimits | undefined;
  try {
    limits = packing ? (opts.unpackLimits ?? unpackLimitsFromEnv()) : undefined;
  } catch (e) {
    throw new ApplyError((e as Error).message, { cause: e });
  }
  // unsafe or mislabelled disk images are refused before any image is created (a compressed one
  // is decompressed for that); a source that cannot be read is a failure of this change (and,
  // from a mirror, a reason to try upstream)
  const problems = await inspectSource(change.source, change.create.diskFormat, {
    signal,
    idleMs: opts.downloadIdleMs,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(packing && limits ? { packing, limits } : {}),
  }).catch((e: unknown) => {
    if (isUnpackError(e)) throw new ApplyError(`refusing ${where}: ${e.message}; nothing was created`, { cause: e });
    throw e instanceof SourceError ? new ApplyError(e.message, { cause: e }) : e;
  });
  if (problems.length > 0) throw new ApplyError(`refusing ${where}: ${problems.join('; ')}; nothing was created`);
  const methods = await ctx.methods();
  const attempts = Math.max(1, opts.webDownloadAttempts ?? 1);
  const noFallback = change.source.kind === 'url' && opts.streamFallback === false;
  if (packing && change.source.kind === 'url') {
    // web-download would store the compressed bytes: OIM's format has no "the cloud decompresses" field
    if (noFallback)
      throw new ApplyError(
        `${where} is a ${packing.label} file: Glance's web-download would store it compressed, and --prefetch never forbids decompressing it through this tool`,
      );
    step(`${where} is a ${packing.label} file: downloading, decompressing and streaming it through this tool (web-download would store it compressed)`);
  } else if (change.source.kind === 'url' && opts.webDownload && methods.includes('web-download')) {
    let why = '';
    // OIM's --stuck-retry: more web-download attempts, each on a fresh image, before the streamed fallback
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const image = reuse ?? (await create(change, ctx.api));
      step(`web-download from ${change.source.url} into ${image.id}${attempts > 1 ? ` (attempt ${attempt} of ${attempts})` : ''}`);
      try {
        await ctx.api.importImage(image.id, { name: 'web-download', uri: change.source.url });
        const w = await wait(image.id, reuse);
        if (w.kind === 'active') return await verified(w.image, 'web-download');
        if (w.kind === 'timeout') {
          await discard(w.image ?? image).catch(() => undefined);
          throw new ApplyError(`${w.why}; the image was not kept`);
        }
        why = w.why;
      } catch (e) {
        // Ctrl-C: Glance goes on importing; the image is private and marked, so the next run resumes it
        if (opts.signal?.aborted)
          throw new ApplyError(`interrupted while Glance imports it: ${image.id} stays private with the import marker; the next apply resumes it`);
        if (e instanceof ApplyError || signal.aborted) throw e;
        why = `Glance refused the import: ${(e as Error).message}`;
      }
      reuse = await discard(await ctx.api.getImage(image.id).catch(() => image));
      if (attempt < attempts) step(`web-download did not work (${why}); trying again`);
    }
    if (noFallback) throw new ApplyError(`web-download did not work (${why}) after ${attempts} attempt(s); --prefetch never: no download through this tool`);
    step(`web-download did not work (${why}); streaming the download through this tool instead`);
  } else if (noFallback) {
    throw new ApplyError(
      opts.webDownload
        ? 'the cloud does not offer web-download, and --prefetch never forbids downloading through this tool'
        : '--prefetch never forbids downloading through this tool, and web-download is off',
    );
  } else if (change.source.kind === 'url') {
    step(opts.webDownload ? 'the cloud does not offer web-download; streaming the download through this tool' : 'streaming the download through this tool');
  }

  const image = reuse ?? (await create(change, ctx.api));
  try {
    return await streamed(image, change, ctx, { methods, signal, step, wait, verified, ...(packing && limits ? { packing, limits } : {}) });
  } catch (e) {
    const current = await ctx.api.getImage(image.id).catch(() => image);
    const kept = await discard(current).catch((err: unknown) => err);
    const note = kept instanceof Error ? `; ${kept.message}` : '';
    // half-staged bytes cannot be resumed: the image is gone (or, with a fixed id, queued for reuse)
    if (opts.signal?.aborted)
      throw new ApplyError(
        `interrupted while streaming; ${note ? note.slice(2) : `the half-made image ${image.id} was ${kept ? 'kept for reuse (fixed id)' : 'deleted'}`}`,
        { cause: e },
      );
    throw new ApplyError(`${(e as Error).message}${note}`, { cause: e });
  }
}

/** `os_glance_importing_to_stores`: the stores a multi-store import still writes to ("file1,ceph"). */
function storesOf(image: Image): string[] {
  const v = image.properties['os_glance_importing_to_stores'];
  return typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

async function create(change: ImportChange, api: ImageApi): Promise<Image> {
  const c = change.create;
  try {
    return await api.createImage({
      name: c.name,
      diskFormat: c.diskFormat,
      containerFormat: c.containerFormat,
      visibility: c.visibility,
      tags: c.tags,
      minDisk: c.minDisk,
      minRam: c.minRam,
      properties: c.properties,
      ...(c.id ? { id: c.id } : {}),
    });
  } catch (e) {
    if (c.id && isHttpStatus(e, 409)) throw new ApplyError(`image id ${c.id} is taken (Glance never reuses the id of a deleted image)`, { cause: e });
    throw e;
  }
}

interface StreamHelpers {
  methods: string[];
  signal: AbortSignal;
  step: (m: string) => void;
  wait: (id: string, before?: Image) => Promise<WaitOutcome>;
  verified: (image: Image, method: string, computed?: ReturnType<Digests['digest']>, packed?: PackedResult) => Promise<Imported>;
  packing?: Packing;
  limits?: UnpackLimits;
}

/** A compressed source's side of the import: how it was packed, the downloaded file's digests, the tar entry. */
interface PackedResult {
  label: string;
  source: Partial<Record<ChecksumAlgorithm, string>>;
  entry?: string;
}

/** The tool reads the bytes (download or file), hashes them on the way and hands them to Glance. */
async function streamed(image: Image, change: ImportChange, ctx: ImportContext, h: StreamHelpers): Promise<Imported> {
  const { opts } = ctx;
  const expected = change.source.checksum;
  const src = await openSource(change.source, { signal: h.signal, idleMs: opts.downloadIdleMs, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  // Hash only what Glance will not tell us: sha512 (no CPU support on most hosts, ~350 MiB/s) is
  // Glance's default os_hash_algo, so a sha512 checksum is compared with os_hash_value afterwards
  // instead of costing the stream a third of its throughput; other algorithms are hashed here.
  // a compressed source: both sides are hashed with sha256 and sha512 (the link audit follows), the
  // download with the definition's algorithm too (a checksum of the file is accepted, verify.ts)
  const packed = h.packing;
  const digests = packed
    ? new Digests([...LINK_ALGORITHMS, ...(expected ? [expected.algorithm] : [])])
    : new Digests(expected && expected.algorithm !== 'sha512' ? [expected.algorithm] : []);
  // the image's sha512 is Glance's os_hash_value (its default algorithm): not hashed here a second
  // time, on a 2-core host that is a third of the CPU a decompressing import has (BENCHMARKS.md)
  const contentDigests = packed ? new Digests(['sha256', ...(expected && expected.algorithm !== 'sha512' ? [expected.algorithm] : [])]) : undefined;
  let lastEvent = 0;
  const where = change.source.kind === 'file' ? change.source.path : change.source.url;
  const metered = through(
    src.body,
    meter(digests, {
      idleMs: opts.downloadIdleMs,
      stalled: () => new ApplyError(`reading ${where} stalled: no data for ${Math.round(opts.downloadIdleMs / 1000)} s`),
      onBytes: (done) => {
        const t = opts.now();
        if (t - lastEvent < 200 && done !== src.size) return; // progress at most 5×/s
        lastEvent = t;
        opts.onEvent({ type: 'bytes', key: change.key, name: changeLabel(change), done, total: src.size });
      },
    }),
  );
  const unpacked =
    packed && contentDigests && h.limits
      ? unpack(metered, packed, {
          limits: h.limits,
          compressedSize: src.size,
          after: [hashing(contentDigests), inspectingHead(change.create.diskFormat)],
        })
      : undefined;
  const body = unpacked?.body ?? metered;
  const packedResult = (): PackedResult | undefined =>
    packed ? { label: packed.label, source: digests.digest(), ...(unpacked?.tar?.disk ? { entry: unpacked.tar.disk.path } : {}) } : undefined;
  const upload = async (what: () => Promise<void>): Promise<void> => {
    try {
      await what();
    } catch (e) {
      // the HTTP layer reports a failed body as a failed request: say what was wrong with the body
      const cause = body.errored ?? metered.errored;
      if (isUnpackError(cause)) throw new ApplyError(`refusing ${where}: ${cause.message}; nothing was made visible`, { cause });
      throw e;
    }
  };
  if (h.methods.includes('glance-direct')) {
    h.step(`staging ${where} into ${image.id} (glance-direct${packed ? `, decompressed from ${packed.label}` : ''})`);
    await upload(() => ctx.api.stageImageData(image.id, body, { signal: h.signal }));
    const p = packedResult();
    const computed = contentDigests ? contentDigests.digest() : digests.digest();
    // a wrong download is refused before Glance ever imports it
    const fileMatches = expected !== undefined && p?.source[expected.algorithm] === expected.hex;
    if (expected && !fileMatches && computed[expected.algorithm] !== undefined && computed[expected.algorithm] !== expected.hex) {
      throw new ApplyError(
        `checksum mismatch: the definition says ${expected.algorithm}:${expected.hex}, ${p ? `the image decompressed from the ${p.label} file has ${computed[expected.algorithm]}, the file ${p.source[expected.algorithm]}` : `the downloaded bytes have ${computed[expected.algorithm]}`}; the image was not made visible`,
      );
    }
    await ctx.api.importImage(image.id, 'glance-direct');
    const w = await h.wait(image.id, image);
    if (w.kind !== 'active') throw new ApplyError(`glance-direct import failed: ${w.why}`);
    return h.verified(w.image, 'glance-direct', computed, p);
  }
  h.step(`uploading into ${image.id} (the cloud offers neither web-download nor glance-direct)`);
  await upload(() => ctx.api.uploadImageData(image.id, body, { signal: h.signal }));
  const p = packedResult();
  return h.verified(await ctx.api.getImage(image.id), 'upload', contentDigests ? contentDigests.digest() : digests.digest(), p);
}
