import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checksum } from '../core/definitions/types.js';
import { definition, NOW, PROJECT, TAG, version } from '../core/plan/fixtures.test-util.js';
import { planImages } from '../core/plan/plan-images.js';
import { IMPORT_MARKER, type ImportChange } from '../core/plan/types.js';
import { FakeGlance, sha } from './fake-glance.test-util.js';
import { finalizeImport } from './finalize.js';
import { importVersion } from './import-version.js';
import { waitForImport } from './wait-image.js';

const URL_ = 'http://mirror.test/img.qcow2';
// a qcow2 header (magic, version 3, no backing file, no incompatible features), then data
const BYTES = Buffer.concat([Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]), Buffer.alloc(96), Buffer.from('qcow2 image bytes '.repeat(1000))]);

function change(checksum: Checksum | undefined, over: { url?: string; id?: string } = {}): ImportChange {
  const def = definition('Debian 12', ['1'], {
    multi: false,
    versions: [version('1', { mirrorUrl: over.url ?? URL_, checksum, ...(over.id ? { id: over.id } : {}) })],
  });
  const plan = planImages({ definitions: [def], images: [], now: NOW, ownerProjectId: PROJECT, cloud: { name: 't' }, tag: TAG });
  return plan.changes[0] as ImportChange;
}

function setup(outcome: 'ok' | 'fail' | 'stuck' | 'hang' | 'reject' = 'ok') {
  const g = new FakeGlance();
  g.urls.set(URL_, BYTES);
  g.web.set(URL_, outcome);
  const opts = g.options();
  return { g, opts, ctx: { api: g, opts, methods: async () => g.methods } };
}
const steps = (opts: ReturnType<FakeGlance['options']>) => opts.events.filter((e) => e.type === 'step').map((e) => (e as { message: string }).message);

describe('importVersion', () => {
  it('web-download, verified against os_hash_value when the algorithms match; the image stays private and marked', async () => {
    const { g, ctx } = setup();
    const r = await importVersion(change({ algorithm: 'sha512', hex: sha('sha512', BYTES) }), ctx);
    expect(r).toMatchObject({ method: 'web-download', verification: "sha512 of Glance's os_hash_value matches the definition" });
    expect(r.image).toMatchObject({ status: 'active', visibility: 'private', name: 'Debian 12 1', properties: { [IMPORT_MARKER]: '1' } });
    expect(g.calls.filter((c) => !c.startsWith('get'))).toEqual(['create Debian 12 1', `import ${r.image.id} web-download`]);
  });

  it('reads the image back once when Glance hashes with another algorithm', async () => {
    const { g, ctx } = setup();
    const r = await importVersion(change({ algorithm: 'sha256', hex: sha('sha256', BYTES) }), ctx);
    expect(r.verification).toBe('sha256 of the image read back from Glance matches the definition');
    expect(g.calls.filter((c) => c.startsWith('download'))).toHaveLength(1);
  });

  it('a checksum mismatch deletes the image and fails', async () => {
    const { g, ctx } = setup();
    await expect(importVersion(change({ algorithm: 'sha512', hex: 'f'.repeat(128) }), ctx)).rejects.toThrow(
      /checksum mismatch.*not made visible and is deleted/,
    );
    expect(g.images.size).toBe(0);
  });

  it.each([
    ['fail', /Glance reports the import failed \(os_glance_failed_import: store1/],
    ['stuck', /still queued 3\d s after the import was accepted/],
    ['reject', /Glance refused the import: .*does not pass filtering/],
  ] as const)('web-download %s → the attempt is deleted and the tool streams the download into glance-direct', async (outcome, why) => {
    const { g, opts, ctx } = setup(outcome);
    const r = await importVersion(change({ algorithm: 'sha256', hex: sha('sha256', BYTES) }), ctx);
    expect(r).toMatchObject({ method: 'glance-direct', verification: 'sha256 of the downloaded bytes matches the definition' });
    expect(steps(opts).join('\n')).toMatch(why);
    expect([...g.images.keys()]).toEqual([r.image.id]); // the failed attempt is gone, no twin
    expect(g.calls.filter((c) => /^(create|delete|stage|import)/.test(c))).toEqual([
      'create Debian 12 1',
      'import fake-1 web-download',
      'delete fake-1',
      'create Debian 12 1',
      'stage fake-2',
      'import fake-2 glance-direct',
    ]);
  });

  it('--stuck-retry: more web-download attempts, each on a fresh image, before the fallback; --prefetch never: no fallback', async () => {
    const { g, opts, ctx } = setup('fail');
    const checksum = { algorithm: 'sha256', hex: sha('sha256', BYTES) } as const;
    const r = await importVersion(change(checksum), { ...ctx, opts: { ...opts, webDownloadAttempts: 2 } });
    expect(r.method).toBe('glance-direct');
    expect(g.calls.filter((c) => /^(create|delete|import)/.test(c))).toEqual([
      'create Debian 12 1',
      'import fake-1 web-download',
      'delete fake-1',
      'create Debian 12 1',
      'import fake-2 web-download',
      'delete fake-2',
      'create Debian 12 1',
      'import fake-3 glance-direct',
    ]);
    expect(steps(opts).join('\n')).toMatch(/attempt 2 of 2/);
    const never = setup('fail');
    await expect(importVersion(change(checksum), { ...never.ctx, opts: { ...never.opts, streamFallback: false } })).rejects.toThrow(
      /web-download did not work .* after 1 attempt\(s\); --prefetch never/,
    );
    expect(never.g.images.size).toBe(0);
  });

  it('polls with growing intervals, never a fixed sleep', async () => {
    const { opts, ctx } = setup('stuck');
    await importVersion(change(undefined), ctx);
    const web = opts.sleeps.slice(0, 6);
    expect(web).toEqual([400, 640, 1024, 1638, 2621, 4194]);
  });

  it('a web-download that never finishes ends at the deadline, and the image is deleted', async () => {
    const { g, ctx } = setup('hang');
    ctx.opts.importTimeoutMs = 20_000;
    await expect(importVersion(change(undefined), ctx)).rejects.toThrow(/not finished before the deadline \(status importing\); the image was not kept/);
    expect(g.images.size).toBe(0);
  });

  it('without web-download the download is streamed; without glance-direct it is uploaded', async () => {
    const { g, opts, ctx } = setup();
    g.methods = ['glance-direct'];
    expect((await importVersion(change(undefined), ctx)).method).toBe('glance-direct');
    g.methods = [];
    const r = await importVersion(change(undefined), ctx);
    expect(r).toMatchObject({ method: 'upload', verification: 'not verified: the definition has no checksum' });
    expect(steps(opts).join('\n')).toMatch(/offers neither web-download nor glance-direct/);
  });

  it('a streamed checksum mismatch is refused before Glance imports the bytes', async () => {
    const { g, ctx } = setup();
    g.methods = ['glance-direct'];
    await expect(importVersion(change({ algorithm: 'sha256', hex: '0'.repeat(64) }), ctx)).rejects.toThrow(/checksum mismatch/);
    expect(g.calls.some((c) => c.includes('glance-direct'))).toBe(false);
    expect(g.images.size).toBe(0);
  });

  it('a file: source is staged from disk', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scs-apply-'));
    await writeFile(path.join(dir, 'x.qcow2'), BYTES);
    const { ctx } = setup();
    const c = change({ algorithm: 'sha256', hex: sha('sha256', BYTES) });
    c.source = { kind: 'file', url: 'file:x.qcow2', path: path.join(dir, 'x.qcow2'), checksum: c.source.checksum! };
    expect((await importVersion(c, ctx)).method).toBe('glance-direct');
    c.source.path = path.join(dir, 'missing.qcow2');
    await expect(importVersion(c, ctx)).rejects.toThrow(/cannot read .*missing\.qcow2: ENOENT/);
  });

  it('a download that 404s fails after web-download failed, and leaves no image', async () => {
    const { g, ctx } = setup('fail');
    g.urls.delete(URL_);
    await expect(importVersion(change(undefined), ctx)).rejects.toThrow(/download of http:\/\/mirror\.test\/img\.qcow2 failed: HTTP 404/);
    expect(g.images.size).toBe(0);
  });

  it('resume: an interrupted import still running is waited for and verified, not redone', async () => {
    const { g, ctx } = setup();
    const left = await g.createImage({ name: 'Debian 12 1', properties: { [IMPORT_MARKER]: '1' } });
    await g.importImage(left.id, { name: 'web-download', uri: URL_ });
    const c = { ...change({ algorithm: 'sha512', hex: sha('sha512', BYTES) }), action: 'resume' as const, imageId: left.id };
    const r = await importVersion(c, ctx);
    expect(r).toMatchObject({ method: 'resumed', image: { id: left.id } });
    expect(g.calls.filter((x) => x.startsWith('create'))).toHaveLength(1);
  });

  it('resume: a queued leftover is deleted and the version imported again', async () => {
    const { g, ctx } = setup();
    const left = await g.createImage({ name: 'Debian 12 1' });
    const r = await importVersion({ ...change(undefined), action: 'resume', imageId: left.id }, ctx);
    expect(g.images.has(left.id)).toBe(false);
    expect([...g.images.keys()]).toEqual([r.image.id]);
  });

  it('a fixed id is never deleted (Glance would never give it out again): the queued image is reused', async () => {
    const { g, ctx } = setup('fail');
    const id = '11111111-2222-4333-8444-555555555555';
    const r = await importVersion(change(undefined, { id }), ctx);
    expect(r.image.id).toBe(id);
    expect(g.calls.filter((c) => c.startsWith('delete'))).toEqual([]);
    expect(g.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });
});

describe("Glance's import task still holding the image after it turned active", () => {
  it("is waited for, so the publishing PATCH is not overwritten by the task's last save", async () => {
    const { g, ctx } = setup();
    g.taskLockPolls = 2;
    const c = change({ algorithm: 'sha512', hex: sha('sha512', BYTES) });
    const r = await importVersion(c, ctx);
    expect(r.image.properties).not.toHaveProperty('os_glance_import_task');
    await finalizeImport(c, r.image, g);
    for (let i = 0; i < 3; i++) await g.getImage(r.image.id);
    const after = g.images.get(r.image.id)!;
    expect(after.name).toBe(c.finalize.name);
    expect(after.visibility).toBe(c.finalize.visibility);
    expect(after.properties).not.toHaveProperty(IMPORT_MARKER);
  });

  it('a leftover that is active but still locked is waited for before it is resumed', async () => {
    const { g, ctx } = setup();
    g.taskLockPolls = 3;
    const c = change({ algorithm: 'sha512', hex: sha('sha512', BYTES) });
    const img = await g.createImage(c.create);
    await g.importImage(img.id, { name: 'web-download', uri: URL_ });
    await g.getImage(img.id);
    await g.getImage(img.id); // active now, the lock still held
    expect(g.images.get(img.id)!.properties).toHaveProperty('os_glance_import_task');
    const r = await importVersion({ ...c, action: 'resume', imageId: img.id, resumeStatus: 'active' }, ctx);
    expect(r.method).toBe('resumed');
    expect(r.image.properties).not.toHaveProperty('os_glance_import_task');
  });
});

describe('waitForImport', () => {
  it('ends at the deadline without sleeping past it', async () => {
    const g = new FakeGlance();
    const img = await g.createImage({ name: 'x' });
    g.images.get(img.id)!.status = 'importing';
    const opts = g.options();
    const w = await waitForImport(img.id, { getImage: (i) => g.getImage(i), now: opts.now, sleep: opts.sleep, deadline: g.time + 3000, stuckMs: 60_000 });
    expect(w.kind).toBe('timeout');
    expect(opts.sleeps.reduce((a, b) => a + b, 0)).toBe(3000);
  });
});
