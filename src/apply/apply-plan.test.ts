import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../core/definitions/types.js';
import type { Image } from '../core/images/image.js';
import { cloudImage, definition, NOW, PROJECT, syncedImage, TAG, version } from '../core/plan/fixtures.test-util.js';
import { planImages } from '../core/plan/plan-images.js';
import type { OutdatedPolicy } from '../core/plan/types.js';
import { applyPlan } from './apply-plan.js';
import { FakeGlance } from './fake-glance.test-util.js';

// a qcow2 header (magic, version 3, no backing file), then data: the tool inspects heads before importing
const BYTES = Buffer.concat([Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]), Buffer.alloc(96), Buffer.from('disk')]);

function world(defs: ImageDefinition[], images: Image[], policy: Partial<OutdatedPolicy> = {}) {
  const g = new FakeGlance(PROJECT);
  for (const i of images) g.images.set(i.id, structuredClone(i));
  for (const d of defs) for (const v of d.versions) g.urls.set(v.mirrorUrl ?? v.url, BYTES);
  const plan = () =>
    planImages({ definitions: defs, images: [...g.images.values()], now: NOW, ownerProjectId: PROJECT, cloud: { name: 't' }, tag: TAG, policy });
  return { g, plan };
}
const noChecksum = (labels: string[], over: Partial<ImageDefinition> = {}) =>
  definition('Ubuntu 24.04', labels, { versions: labels.map((l) => version(l, { checksum: undefined })), ...over });

describe('applyPlan', () => {
  it('rotation: the old image leaves the bare name before the new one takes it; the next plan is empty', async () => {
    const old = syncedImage(noChecksum(['1']), '1');
    const { g, plan } = world([noChecksum(['1', '2'])], [old]);
    const r = await applyPlan(plan(), g, g.options());
    expect(r.ok).toBe(true);
    const renames = g.calls.filter((c) => c.startsWith('patch'));
    expect(renames[0]).toMatch(new RegExp(`^patch ${old.id} .*replace/name`));
    expect(renames[1]).toMatch(/^patch fake-1 .*replace\/name.*remove\/scs_images_importing/);
    expect(g.images.get('fake-1')).toMatchObject({ name: 'Ubuntu 24.04', visibility: 'public', hidden: false });
    expect(g.images.get(old.id)).toMatchObject({ name: 'Ubuntu 24.04 (1)', hidden: true });
    expect(plan().changes).toEqual([]);
  });

  it('when the old image cannot leave the bare name, the new one is published under its versioned name', async () => {
    const old = syncedImage(noChecksum(['1']), '1');
    const { g, plan } = world([noChecksum(['1', '2'])], [old]);
    const update = g.updateImage.bind(g);
    g.updateImage = async (id, ops) => {
      if (id === old.id) throw new Error('HTTP 409');
      return update(id, ops);
    };
    const r = await applyPlan(plan(), g, g.options());
    expect(r.ok).toBe(false);
    expect(g.images.get('fake-1')).toMatchObject({ name: 'Ubuntu 24.04 (2)', visibility: 'public' });
    expect(g.images.get(old.id)?.name).toBe('Ubuntu 24.04');
    expect(r.results.find((x) => x.action === 'create')?.message).toMatch(/kept the name Ubuntu 24\.04 \(2\), the rotation failed/);
  });

  it('a failed import skips the rotation that waits for it and every cleanup', async () => {
    const def = noChecksum(['2'], { meta: { ...noChecksum([]).meta, uuid_validity: 'none' } });
    const bare = syncedImage(noChecksum(['1']), '1');
    const outdated = cloudImage('Ubuntu 24.04 (0)', { properties: { internal_version: '0' } });
    const { g, plan } = world([def], [bare, outdated], { delete: true });
    g.urls.clear(); // every download fails
    g.web.set(def.versions[0]!.url, 'fail');
    const r = await applyPlan(plan(), g, g.options());
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => [x.action, x.name, x.outcome])).toEqual([
      ['create', 'Ubuntu 24.04', 'failed'],
      ['delete', 'Ubuntu 24.04 (0)', 'skipped'],
      ['delete', 'Ubuntu 24.04', 'skipped'],
    ]);
    expect(r.results[1]!.message).toMatch(/the run had errors/);
    expect(g.images.get(bare.id)?.name).toBe('Ubuntu 24.04');
    expect(g.images.has(outdated.id)).toBe(true);
    expect([...g.images.keys()].sort()).toEqual([bare.id, outdated.id].sort()); // no leftover of the failed import
  });

  it('imports run concurrently up to the bound; updates, finalize and cleanup follow in order', async () => {
    const defs = ['A', 'B', 'C', 'D'].map((n) =>
      definition(n, ['1'], { multi: false, versions: [version('1', { url: `https://x/${n}`, checksum: undefined })] }),
    );
    const stale = cloudImage('A 0', { properties: { internal_version: '0' } });
    const { g, plan } = world(defs, [stale], {});
    let running = 0;
    let peak = 0;
    const opts = g.options({ concurrency: 2 });
    opts.onEvent = (e) => {
      if (e.type === 'start' && e.action === 'create') peak = Math.max(peak, ++running);
      if ((e.type === 'step' && e.message.startsWith('imported by')) || e.type === 'failed') running--;
    };
    const r = await applyPlan(plan(), g, opts);
    expect(r.ok).toBe(true);
    expect(peak).toBe(2); // concurrent, and never more than the bound
    expect(g.calls.filter((c) => c.startsWith('patch')).at(-1)).toMatch(new RegExp(`^patch ${stale.id} replace/os_hidden`));
  });

  it('an interrupted run (aborted signal) changes nothing more and reports the rest as skipped', async () => {
    const { g, plan } = world([noChecksum(['1'])], []);
    const controller = new AbortController();
    controller.abort();
    const r = await applyPlan(plan(), g, g.options({ signal: controller.signal }));
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => x.outcome)).toEqual(['skipped']);
    expect(g.images.size).toBe(0);
  });

  it('Ctrl-C during a web-download: the import is interrupted, its image stays private and marked, nothing names a plan key', async () => {
    const old = syncedImage(noChecksum(['1']), '1');
    const { g, plan } = world([noChecksum(['1', '2'])], [old]);
    const controller = new AbortController();
    const opts = g.options({ signal: controller.signal });
    opts.sleep = async (_ms, signal) => {
      controller.abort(new Error('interrupted')); // the user presses Ctrl-C while apply waits for Glance
      signal?.throwIfAborted();
    };
    const r = await applyPlan(plan(), g, opts);
    expect(r).toMatchObject({ ok: false, interrupted: true });
    expect(r.results.map((x) => [x.action, x.outcome])).toEqual([
      ['create', 'interrupted'],
      ['hide', 'skipped'],
    ]);
    expect(r.results[0]!.message).toMatch(/^interrupted while Glance imports it: fake-1 stays private with the import marker; the next apply resumes it$/);
    expect(r.results[1]!.message).toBe('not run: it waits for Ubuntu 24.04 (version 2), which did not succeed');
    expect(g.images.get('fake-1')).toMatchObject({ visibility: 'private', properties: expect.objectContaining({ scs_images_importing: '2' }) });
    expect(g.images.get(old.id)?.name).toBe('Ubuntu 24.04');
    const shown = opts.events.flatMap((e) => [e.name, 'message' in e ? e.message : '']);
    expect(shown.join('\n')).not.toContain('import:');
  });
});
