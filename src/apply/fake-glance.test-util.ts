/**
 * Test double: an in-memory Glance with the statuses and failure modes apply has to handle
 * (web-download that fails back to queued, stays queued, hangs in importing, or is refused), a
 * fake clock that advances when apply sleeps, and a call log.
 */
import { createHash } from 'node:crypto';
import type { Image } from '../core/images/image.js';
import { applyPatch } from '../core/plan/simulate.test-util.js';
import type { PatchOp } from '../core/plan/types.js';
import { BadRequestError, ConflictError, NotFoundError } from '../openstack/errors.js';
import type { ApplyEvent, ApplyOptions, ImageApi } from './types.js';

export type WebOutcome = 'ok' | 'fail' | 'stuck' | 'hang' | 'reject';

export class FakeGlance implements ImageApi {
  images = new Map<string, Image>();
  data = new Map<string, Buffer>();
  staged = new Map<string, Buffer>();
  calls: string[] = [];
  methods = ['glance-direct', 'web-download', 'copy-image'];
  /** Bytes behind URLs (for web-download). */
  urls = new Map<string, Buffer>();
  web = new Map<string, WebOutcome>();
  /**
   * Like Glance's import task: after setting `active` it keeps its lock (os_glance_import_task)
   * for this many more polls, then saves the image as it read it (undoing any PATCH made in
   * between) and drops the lock. 0: the task ends with the status change.
   */
  taskLockPolls = 0;
  /** getImage calls left until a running import finishes. */
  private pending = new Map<string, { polls: number; then: () => void }>();
  private counter = 0;
  time = 1_000_000;

  constructor(readonly owner = 'p-own') {}

  private img(id: string): Image {
    const i = this.images.get(id);
    if (!i) throw new NotFoundError({ status: 404, method: 'GET', url: `/v2/images/${id}` });
    return i;
  }
  private activate(id: string, bytes: Buffer, byTask = false): void {
    const i = this.img(id);
    this.data.set(id, bytes);
    Object.assign(i, { status: 'active', size: bytes.length, hashAlgo: 'sha512', hashValue: createHash('sha512').update(bytes).digest('hex') });
    if (!byTask || this.taskLockPolls <= 0) return;
    i.properties = { ...i.properties, os_glance_import_task: 'task-1' };
    const stale = structuredClone(i);
    this.pending.set(id, {
      polls: this.taskLockPolls,
      then: () => {
        const { os_glance_import_task: _lock, ...properties } = stale.properties;
        this.images.set(id, { ...stale, properties });
      },
    });
  }

  async createImage(o: Parameters<ImageApi['createImage']>[0]): Promise<Image> {
    this.calls.push(`create ${o.name}`);
    const id = o.id ?? `fake-${++this.counter}`;
    if (this.images.has(id) || (o.id && this.calls.includes(`delete ${id}`))) throw new ConflictError({ status: 409, method: 'POST', url: '/v2/images' });
    const image: Image = {
      id,
      name: o.name,
      status: 'queued',
      visibility: o.visibility ?? 'shared',
      hidden: o.hidden ?? false,
      owner: this.owner,
      createdAt: this.stamp(),
      updatedAt: this.stamp(),
      minDisk: o.minDisk ?? 0,
      minRam: o.minRam ?? 0,
      tags: [...(o.tags ?? [])],
      properties: { ...o.properties },
      size: null,
      ...(o.diskFormat ? { diskFormat: o.diskFormat } : {}),
    };
    this.images.set(id, image);
    return structuredClone(image);
  }
  /** Glance's timestamps: whole seconds. */
  private stamp(): string {
    return new Date(Math.floor(this.time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
  async listAllImages(o: { tags?: readonly string[]; hidden?: boolean; owner?: string } = {}): Promise<Image[]> {
    this.calls.push('list');
    return [...this.images.values()]
      .filter((i) => (o.tags ?? []).every((t) => i.tags.includes(t)) && i.hidden === (o.hidden ?? false) && (o.owner === undefined || i.owner === o.owner))
      .map((i) => structuredClone(i));
  }
  async getImage(id: string): Promise<Image> {
    this.calls.push(`get ${id}`);
    const p = this.pending.get(id);
    if (p && --p.polls <= 0) {
      this.pending.delete(id);
      p.then();
    }
    return structuredClone(this.img(id));
  }
  async updateImage(id: string, ops: readonly PatchOp[]): Promise<Image> {
    this.calls.push(`patch ${id} ${ops.map((o) => `${o.op}${o.path}`).join(',')}`);
    const next = { ...applyPatch(this.img(id), ops), updatedAt: this.stamp() };
    this.images.set(id, next);
    return structuredClone(next);
  }
  async deleteImage(id: string, opts?: { ignoreMissing?: boolean }): Promise<boolean> {
    this.calls.push(`delete ${id}`);
    if (!this.images.delete(id)) {
      if (opts?.ignoreMissing) return false;
      throw new NotFoundError({ status: 404, method: 'DELETE', url: id });
    }
    return true;
  }
  async deactivateImage(id: string): Promise<void> {
    this.calls.push(`deactivate ${id}`);
    this.img(id).status = 'deactivated';
  }
  async reactivateImage(id: string): Promise<void> {
    this.calls.push(`reactivate ${id}`);
    this.img(id).status = 'active';
  }
  async importImage(id: string, method: Parameters<ImageApi['importImage']>[1]): Promise<void> {
    const name = typeof method === 'string' ? method : method.name;
    this.calls.push(`import ${id} ${name}`);
    const i = this.img(id);
    if (name === 'glance-direct') {
      const bytes = this.staged.get(id);
      if (!bytes) throw new ConflictError({ status: 409, method: 'POST', url: 'import' });
      i.status = 'importing';
      this.pending.set(id, { polls: 1, then: () => this.activate(id, bytes, true) });
      return;
    }
    const uri = (method as { uri: string }).uri;
    const outcome = this.web.get(uri) ?? 'ok';
    if (outcome === 'reject')
      throw new BadRequestError({ status: 400, method: 'POST', url: 'import', details: 'URI for web-download does not pass filtering' });
    if (outcome === 'stuck') return;
    i.status = 'importing';
    if (outcome === 'hang') return;
    this.pending.set(id, {
      polls: 2,
      then: () => {
        const bytes = this.urls.get(uri);
        if (outcome === 'fail' || !bytes) Object.assign(i, { status: 'queued', properties: { ...i.properties, os_glance_failed_import: 'store1' } });
        else this.activate(id, bytes, true);
      },
    });
  }
  private async collect(body: unknown): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of body as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
    return Buffer.concat(parts);
  }
  async stageImageData(id: string, body: Parameters<ImageApi['stageImageData']>[1]): Promise<void> {
    this.calls.push(`stage ${id}`);
    this.staged.set(id, await this.collect(body));
    this.img(id).status = 'uploading';
  }
  async uploadImageData(id: string, body: Parameters<ImageApi['uploadImageData']>[1]): Promise<void> {
    this.calls.push(`upload ${id}`);
    this.activate(id, await this.collect(body));
  }
  async readImageData(id: string, sink: (chunk: Uint8Array) => void): Promise<number> {
    this.calls.push(`download ${id}`);
    const bytes = this.data.get(id) ?? Buffer.alloc(0);
    // in slices, like the wire: the reader must not assume one chunk
    for (let i = 0; i < bytes.length; i += 7) sink(new Uint8Array(bytes.subarray(i, i + 7)));
    return bytes.length;
  }
  async getImportInfo(): Promise<{ importMethods: string[] }> {
    this.calls.push('info');
    return { importMethods: [...this.methods] };
  }

  /** Apply options on this fake's clock; `fetch` serves `urls` for the tool's own downloads. */
  options(over: Partial<ApplyOptions> = {}): ApplyOptions & { events: ApplyEvent[]; sleeps: number[] } {
    const events: ApplyEvent[] = [];
    const sleeps: number[] = [];
    return {
      concurrency: 2,
      importTimeoutMs: 600_000,
      stuckMs: 30_000,
      downloadIdleMs: 10_000,
      webDownload: true,
      readBack: true,
      now: () => this.time,
      sleep: async (ms) => {
        sleeps.push(ms);
        this.time += ms;
      },
      onEvent: (e) => events.push(e),
      fetch: (async (url: string) => {
        const bytes = this.urls.get(String(url));
        return bytes
          ? new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-length': String(bytes.length) } })
          : new Response('nope', { status: 404 });
      }) as typeof fetch,
      events,
      sleeps,
      ...over,
    };
  }
}

export const sha = (algo: 'sha256' | 'sha512', bytes: Buffer): string => createHash(algo).update(bytes).digest('hex');
