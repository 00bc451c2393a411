/**
 * `doctor --probe`: tries what no API advertises, on a tiny private, hidden image tagged
 * `scs-images-doctor-probe`: create it, put data in by each way apply may use (glance-direct:
 * stage + import; a plain upload when glance-direct is not offered; web-download only with
 * --probe-url), set a scs-0102 property (PATCH), make it public or community only when the
 * definitions need that, and delete it. Each step's outcome is recorded with the cloud's answer.
 *
 * Nothing is left behind: the probe image is deleted in a `finally` (Ctrl-C aborts `signal`, and
 * the steps stop; the delete still runs). A probe image left by a run killed harder (SIGKILL) is
 * recognised by its tag and removed by the next doctor once its process is provably gone
 * (apply/lease-liveness.ts) or it is an hour old.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { holderGone, localHost, type LocalHost } from '../../apply/lease-liveness.js';
import { waitForImport } from '../../apply/wait-image.js';
import type { ProbeStep } from '../../core/doctor/types.js';
import type { Image } from '../../core/images/image.js';
import { HttpError } from '../../openstack/errors.js';
import type { ImageClient } from '../../openstack/image/v2/client.js';

export const PROBE_TAG = 'scs-images-doctor-probe';
const P = { host: 'scs_images_probe_host', pid: 'scs_images_probe_pid', bootId: 'scs_images_probe_boot_id', started: 'scs_images_probe_process_start' };
/** A probe image this old is a leftover whatever its process. */
const LEFTOVER_AGE_MS = 3_600_000;
/** 1 KiB of zeros: a valid raw disk image, small enough for any quota. */
const PROBE_BYTES = new Uint8Array(1024);

export interface ProbeOptions {
  projectId: string;
  /** Import methods Glance advertises. */
  methods: readonly string[];
  /** `--probe-url`: a URL Glance may download (web-download is tried only with one). */
  url?: string | undefined;
  /** The definitions make images public / community: try that too. */
  publicize: boolean;
  communitize: boolean;
  signal?: AbortSignal | undefined;
  /** Each step as it starts (stderr). */
  onStep?: (message: string) => void;
  /** How long an import may take (default 60 s). */
  importTimeoutMs?: number;
  local?: LocalHost;
}

export interface ProbeResult {
  image?: string;
  steps: ProbeStep[];
  /** The probe image could not be deleted. */
  leftover?: string;
}

const outcomeOf = (e: unknown): Pick<ProbeStep, 'outcome' | 'detail' | 'status'> => {
  if (e instanceof HttpError) {
    const refused = [400, 401, 403, 405, 409, 413, 415].includes(e.status);
    return { outcome: refused ? 'refused' : 'failed', status: e.status, detail: e.details || e.message };
  }
  return { outcome: 'failed', detail: e instanceof Error ? e.message : String(e) };
};

export async function runProbe(api: ImageClient, opts: ProbeOptions): Promise<ProbeResult> {
  const local = opts.local ?? localHost();
  const steps: ProbeStep[] = [];
  const images: string[] = [];
  const result: ProbeResult = { steps };
  const say = (m: string): void => opts.onStep?.(m);
  const step = async (name: ProbeStep['step'], run: () => Promise<void>): Promise<boolean> => {
    if (opts.signal?.aborted) {
      steps.push({ step: name, outcome: 'skipped', detail: 'interrupted' });
      return false;
    }
    say(`probe: ${name}`);
    try {
      await run();
      steps.push({ step: name, outcome: 'ok' });
      return true;
    } catch (e) {
      steps.push({ step: name, ...outcomeOf(e) });
      return false;
    }
  };
  const create = async (): Promise<Image> => {
    const image = await api.createImage({
      name: 'scs-images doctor probe',
      visibility: 'private',
      hidden: true,
      diskFormat: 'raw',
      containerFormat: 'bare',
      tags: [PROBE_TAG],
      properties: {
        [P.host]: local.host,
        [P.pid]: String(process.pid),
        ...(local.bootId ? { [P.bootId]: local.bootId } : {}),
        ...((s) => (s ? { [P.started]: s } : {}))(local.startTimeOf(process.pid)),
      },
    });
    images.push(image.id);
    return image;
  };
  const waitActive = async (id: string): Promise<void> => {
    const w = await waitForImport(id, {
      getImage: (i) => api.getImage(i),
      now: Date.now,
      sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
      deadline: Date.now() + (opts.importTimeoutMs ?? 60_000),
      stuckMs: opts.importTimeoutMs ?? 60_000,
      firstDelayMs: 200,
      maxDelayMs: 1000,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (w.kind !== 'active') throw new Error(w.why);
  };

  try {
    let image: Image | undefined;
    await step('create', async () => {
      image = await create();
      result.image = image.id;
    });
    if (image) {
      const id = image.id;
      if (opts.methods.includes('glance-direct')) {
        const staged = await step('stage', () => api.stageImageData(id, PROBE_BYTES));
        if (staged) {
          await step('import glance-direct', async () => {
            await api.importImage(id, 'glance-direct');
            await waitActive(id);
          });
        } else {
          steps.push({ step: 'import glance-direct', outcome: 'skipped', detail: 'nothing staged' });
        }
      } else {
        await step('upload', () => api.uploadImageData(id, PROBE_BYTES));
      }
      await step('set property', async () => {
        await api.updateImage(id, [{ op: 'add', path: '/image_source', value: 'https://scs-images.invalid/doctor-probe' }]);
      });
      if (opts.communitize)
        await step('communitize', async () => void (await api.updateImage(id, [{ op: 'replace', path: '/visibility', value: 'community' }])));
      if (opts.publicize) await step('publicize', async () => void (await api.updateImage(id, [{ op: 'replace', path: '/visibility', value: 'public' }])));
    }
    if (opts.url !== undefined) {
      if (!opts.methods.includes('web-download')) {
        steps.push({ step: 'import web-download', outcome: 'skipped', detail: 'Glance does not offer web-download' });
      } else {
        const url = opts.url;
        await step('import web-download', async () => {
          const second = await create();
          await api.importImage(second.id, { name: 'web-download', uri: url });
          await waitActive(second.id);
        });
      }
    }
  } finally {
    // even after Ctrl-C: the deletes are what the probe owes the cloud
    let deleted = true;
    let failure: unknown;
    for (const id of images) {
      try {
        await api.deleteImage(id, { ignoreMissing: true });
      } catch (e) {
        deleted = false;
        failure = e;
        result.leftover = id;
      }
    }
    if (images.length > 0) steps.push(deleted ? { step: 'delete', outcome: 'ok' } : { step: 'delete', ...outcomeOf(failure) });
  }
  return result;
}

/** Probe images of earlier runs that are provably abandoned, deleted; returns their ids. */
export async function removeProbeLeftovers(
  api: Pick<ImageClient, 'listAllImages' | 'deleteImage'>,
  opts: { projectId: string; now: number; local?: LocalHost },
): Promise<string[]> {
  const local = opts.local ?? localHost();
  const found = await api.listAllImages({ tags: [PROBE_TAG], hidden: true, owner: opts.projectId });
  const visible = await api.listAllImages({ tags: [PROBE_TAG], owner: opts.projectId });
  const removed: string[] = [];
  for (const image of [...found, ...visible]) {
    const pid = Number(image.properties[P.pid]);
    const prop = (k: string): string | undefined => (typeof image.properties[k] === 'string' ? (image.properties[k] as string) : undefined);
    const gone = holderGone(
      { host: prop(P.host) ?? '', pid: Number.isInteger(pid) ? pid : undefined, bootId: prop(P.bootId), startTime: prop(P.started) },
      local,
    );
    const age = opts.now - Date.parse(image.createdAt ?? '');
    if (gone === undefined && !(age > LEFTOVER_AGE_MS)) continue;
    await api.deleteImage(image.id, { ignoreMissing: true });
    removed.push(image.id);
  }
  return removed;
}
