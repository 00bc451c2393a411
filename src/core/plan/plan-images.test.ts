import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { cloudImage, definition, NOW, PROJECT, syncedImage, TAG, version } from './fixtures.test-util.js';
import { planImages, type PlanImagesInput } from './plan-images.js';
import { simulateApply } from './simulate.test-util.js';
import { IMPORT_MARKER, type Change, type ImportChange, type OutdatedPolicy, type UpdateChange } from './types.js';

function plan(definitions: ImageDefinition[], images: Image[], policy: Partial<OutdatedPolicy> = {}, extra: Partial<PlanImagesInput> = {}) {
  return planImages({ definitions, images, now: NOW, ownerProjectId: PROJECT, cloud: { name: 'test' }, tag: TAG, policy, ...extra });
}
const brief = (changes: Change[]) => changes.map((c) => `${c.action} ${c.name}${c.version ? ` @${c.version}` : ''}`);
const imp = (c: Change | undefined) => c as ImportChange;
const upd = (c: Change | undefined) => c as UpdateChange;

const { os_version: _v, ...baseMeta } = definition('x', []).meta;
const cirrosMeta = { ...baseMeta, os_distro: 'cirros', os_purpose: 'minimal', uuid_validity: 'none' };
const ubuntu = (labels: string[], over: Partial<ImageDefinition> = {}) => definition('Ubuntu 24.04', labels, over);
const cirros = (labels: string[], over: Partial<ImageDefinition> = {}) => definition('Cirros', labels, { multi: false, meta: { ...cirrosMeta }, ...over });

describe('planImages: imports', () => {
  it('creates every missing version, private and under its versioned name, with all SCS-0102 properties', () => {
    const p = plan([ubuntu(['20260101', '20260201'])], []);
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 (20260101) @20260101', 'create Ubuntu 24.04 @20260201']);
    const newest = imp(p.changes[1]);
    expect(newest.create).toMatchObject({
      name: 'Ubuntu 24.04 (20260201)',
      visibility: 'private',
      diskFormat: 'qcow2',
      containerFormat: 'bare',
      minDisk: 8,
      minRam: 512,
    });
    expect(newest.create.tags).toEqual(['managed_by_osism', 'os:ubuntu']);
    expect(newest.create.properties).toMatchObject({
      image_source: 'https://cloud-images.example.org/img/20260201/disk.qcow2',
      image_build_date: '2026-01-01',
      image_original_user: 'ubuntu',
      internal_version: '20260201',
      os_version: '24.04',
      image_description: 'Ubuntu 24.04',
      os_purpose: 'generic',
      uuid_validity: 'last-3',
      [IMPORT_MARKER]: '20260201',
    });
    expect(newest.finalize).toEqual({ name: 'Ubuntu 24.04', visibility: 'public', hidden: false, minDisk: 8, status: 'active' });
    // the older version is imported superseded: versioned name, hidden, oldgeneric
    const older = imp(p.changes[0]);
    expect(older.finalize).toMatchObject({ name: 'Ubuntu 24.04 (20260101)', hidden: true });
    expect(older.create.properties['os_purpose']).toBe('oldgeneric');
  });

  it('image_source is the url, never the mirror; the mirror is where the bytes come from', () => {
    const def = ubuntu(['1'], { versions: [version('1', { url: 'https://up.example/a.img', mirrorUrl: 'https://mirror.example/a.img' })] });
    const c = imp(plan([def], []).changes[0]);
    expect(c.create.properties['image_source']).toBe('https://up.example/a.img');
    expect(c.source).toMatchObject({ kind: 'url', url: 'https://mirror.example/a.img', checksum: { algorithm: 'sha256' } });
  });

  it('a file: source is read relative to the definition file and gives image_source private, with a note', () => {
    const def = ubuntu(['1'], { versions: [version('1', { url: 'file:images/a.qcow2', checksum: undefined })] });
    const p = plan([def], []);
    expect(imp(p.changes[0]).source).toEqual({ kind: 'file', url: 'file:images/a.qcow2', path: '/defs/images/a.qcow2' });
    expect(imp(p.changes[0]).create.properties['image_source']).toBe('private');
    expect(p.notes.join('\n')).toMatch(/image_source is 'private'/);
    expect(p.notes.join('\n')).toMatch(/no checksum/);
  });

  it('property precedence: derived < image meta < version fields < version meta; booleans as true/false', () => {
    const def = cirros(['0.6.3'], {
      meta: { ...cirros([]).meta, os_version: '0.6', hw_vif_multiqueue_enabled: true },
      versions: [version('0.6.3', { imageDescription: 'tiny', meta: { patchlevel: 3 } })],
    });
    const props = imp(plan([def], []).changes[0]).create.properties;
    expect(props).toMatchObject({ os_version: '0.6', image_description: 'tiny', hw_vif_multiqueue_enabled: 'true', patchlevel: '3' });
    expect(imp(plan([cirros(['0.6.3'])], []).changes[0]).create.properties['os_version']).toBe('0.6.3');
  });

  it('finishes an interrupted import (resume) instead of creating a twin, and deletes leftovers beside a good image', () => {
    const def = ubuntu(['1', '2']);
    const queued = cloudImage('Ubuntu 24.04 (2)', { status: 'queued', properties: { internal_version: '2', [IMPORT_MARKER]: '2' } });
    const good = syncedImage(def, '1');
    const leftover = cloudImage('Ubuntu 24.04 (1)', { status: 'queued', properties: { internal_version: '1', [IMPORT_MARKER]: '1' } });
    const p = plan([def], [good, queued, leftover]);
    expect(brief(p.changes)).toEqual(['resume Ubuntu 24.04 @2', 'delete Ubuntu 24.04 (1) @1']);
    expect(imp(p.changes[0])).toMatchObject({ imageId: queued.id, resumeStatus: 'queued' });
    expect(p.changes[1]).toMatchObject({ imageId: leftover.id, cleanup: false });
  });

  it('an active image still carrying the import marker is finished (verified), not trusted', () => {
    const def = ubuntu(['1']);
    const unverified = syncedImage(def, '1', { visibility: 'private' });
    unverified.properties[IMPORT_MARKER] = '1';
    expect(brief(plan([def], [unverified]).changes)).toEqual(['resume Ubuntu 24.04 @1']);
  });
});

describe('planImages: existing images', () => {
  it('a cloud that matches gives no changes', () => {
    const u = ubuntu(['1', '2']);
    const c = cirros(['0.6.2', '0.6.3']);
    const images = [syncedImage(u, '1'), syncedImage(u, '2'), syncedImage(c, '0.6.2'), syncedImage(c, '0.6.3')];
    const p = plan([u, c], images);
    expect(p.changes).toEqual([]);
    expect(p.managedImages).toBe(4);
  });

  it('repairs drift in one sorted patch and never touches os_glance_*/os_hash_* or foreign properties', () => {
    const def = ubuntu(['1']);
    const img = syncedImage(def, '1', { visibility: 'private', minRam: 256, tags: [TAG, 'stale'] });
    Object.assign(img.properties, { os_version: '22.04', hw_rng_model: 'virtio', os_glance_failed_import: '', os_hash_value: 'x', foreign_tool: 'keep me' });
    const p = plan([def], [img]);
    expect(p.changes).toHaveLength(1);
    const c = upd(p.changes[0]);
    expect(c.action).toBe('update');
    expect(c.patch).toEqual([
      { op: 'remove', path: '/hw_rng_model' },
      { op: 'replace', path: '/min_ram', value: 512 },
      { op: 'replace', path: '/os_version', value: '24.04' },
      { op: 'replace', path: '/tags', value: ['managed_by_osism', 'os:ubuntu'] },
      { op: 'replace', path: '/visibility', value: 'public' },
    ]);
    expect(c.before.properties).toEqual({ hw_rng_model: 'virtio', os_version: '22.04' });
    expect(c.after.properties).toEqual({ hw_rng_model: null, os_version: '24.04' });
    expect(c.reason).toMatch(/differs from the definition/);
  });

  it('raises min_disk to hold the image', () => {
    const def = ubuntu(['1']);
    const img = syncedImage(def, '1', { size: 9.5 * 1024 ** 3 });
    expect(upd(plan([def], [img]).changes[0]).patch).toEqual([{ op: 'replace', path: '/min_disk', value: 10 }]);
  });

  it('only images with the managed tag owned by the current project are touched', () => {
    const def = ubuntu(['1']);
    const foreignOwner = syncedImage(def, '1', { owner: 'someone-else', visibility: 'private' });
    const untagged = syncedImage(def, '1', { tags: ['os:ubuntu'], visibility: 'private' });
    const p = plan([def], [foreignOwner, untagged]);
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 @1']);
    expect(p.managedImages).toBe(0);
  });

  it('status follows the definition (deactivate / reactivate)', () => {
    const def = ubuntu(['1'], { status: 'deactivated' });
    const c = upd(plan([def], [syncedImage(def, '1', { status: 'active' })]).changes[0]);
    expect(c).toMatchObject({ action: 'deactivate', statusAction: 'deactivate', patch: [] });
  });
});

describe('planImages: rotation', () => {
  it('a new version takes the bare name; the old one is renamed, oldgeneric and hidden once the new one is in', () => {
    const old = ubuntu(['1']);
    const bare = syncedImage(old, '1');
    const p = plan([ubuntu(['1', '2'])], [bare]);
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 @2', 'hide Ubuntu 24.04 @1']);
    const rot = upd(p.changes[1]);
    expect(rot).toMatchObject({ imageId: bare.id, requires: ['import:Ubuntu 24.04:2'], cleanup: false });
    expect(rot.after).toMatchObject({ name: 'Ubuntu 24.04 (1)', hidden: true, properties: { os_purpose: 'oldgeneric' } });
  });

  it('two new versions in one run: each image keeps its own version (unlike OIM)', () => {
    const bare = syncedImage(ubuntu(['1']), '1');
    const p = plan([ubuntu(['1', '2', '3'])], [bare]);
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 (2) @2', 'create Ubuntu 24.04 @3', 'hide Ubuntu 24.04 @1']);
    expect(upd(p.changes[2]).requires).toEqual(['import:Ubuntu 24.04:3']);
    expect(upd(p.changes[2]).after.name).toBe('Ubuntu 24.04 (1)');
  });

  it('uses internal_version, not the position, to name the bare image when it is renamed', () => {
    const bare = syncedImage(ubuntu(['5']), '5');
    const p = plan([ubuntu(['7'])], [bare]);
    expect(upd(p.changes[1]).after.name).toBe('Ubuntu 24.04 (5)');
  });

  it('after an interrupted rotation, the old image leaves the bare name before the new one takes it', () => {
    const def = ubuntu(['1', '2']);
    const oldBare = syncedImage(ubuntu(['1']), '1');
    const newVersioned = syncedImage(def, '2', { name: 'Ubuntu 24.04 (2)' });
    const p = plan([def], [newVersioned, oldBare]);
    expect(p.changes.map((c) => `${c.action} ${c.name} -> ${(c as UpdateChange).after?.name}`)).toEqual([
      'hide Ubuntu 24.04 -> Ubuntu 24.04 (1)',
      'rename Ubuntu 24.04 (2) -> Ubuntu 24.04',
    ]);
    expect(upd(p.changes[0]).requires).toBeUndefined();
  });

  it('a bare image without internal_version is treated as an older version named after its creation date', () => {
    const def = ubuntu(['2']);
    const unknown = cloudImage('Ubuntu 24.04', { createdAt: '2025-12-24T10:00:00Z', properties: { os_purpose: 'generic' } });
    const p = plan([def], [unknown]);
    expect(upd(p.changes[1]).after.name).toBe('Ubuntu 24.04 (20251224)');
    expect(p.notes.join('\n')).toMatch(/no internal_version/);
  });
});

describe('planImages: superseded and outdated versions', () => {
  const def = ubuntu(['4'], { meta: { ...ubuntu([]).meta, uuid_validity: 'last-2' } });
  const cloud = () => [
    syncedImage(def, '4'),
    cloudImage('Ubuntu 24.04 (3)', { properties: { internal_version: '3', os_purpose: 'oldgeneric' } }),
    cloudImage('Ubuntu 24.04 (2)', { properties: { internal_version: '2', os_purpose: 'oldgeneric' } }),
    cloudImage('Ubuntu 24.04 (1)', { properties: { internal_version: '1', os_purpose: 'generic' } }),
  ];

  it.each([
    [{}, ['hide Ubuntu 24.04 (3) @3', 'hide Ubuntu 24.04 (2) @2', 'hide Ubuntu 24.04 (1) @1'].sort()],
    [{ hide: 'none' as const }, ['update Ubuntu 24.04 (1) @1']],
    [{ hide: 'none' as const, deactivate: true }, ['deactivate Ubuntu 24.04 (1) @1', 'deactivate Ubuntu 24.04 (2) @2']],
    [{ delete: true }, ['hide Ubuntu 24.04 (3) @3', 'delete Ubuntu 24.04 (1) @1', 'delete Ubuntu 24.04 (2) @2']],
  ])('policy %j', (policy, expected) => {
    const p = plan([def], cloud(), policy);
    expect(brief(p.changes).sort()).toEqual([...expected].sort());
    for (const c of p.changes) expect((c as UpdateChange).cleanup).toBe(c.action !== 'update');
  });

  it('hide community turns public superseded images community (OIM --hide) and leaves private ones', () => {
    const p = plan(
      [def],
      [
        syncedImage(def, '4'),
        cloudImage('Ubuntu 24.04 (3)', { properties: { internal_version: '3' } }),
        cloudImage('Ubuntu 24.04 (2)', { visibility: 'private', properties: { internal_version: '2' } }),
      ],
      { hide: 'community' },
    );
    expect(p.changes.map((c) => [c.name, upd(c).after])).toEqual([['Ubuntu 24.04 (3)', { visibility: 'community' }]]);
  });

  it('keep: true deactivates instead of deleting; protected images are never deleted', () => {
    const kept = { ...def, keep: true };
    const p = plan([kept], cloud(), { delete: true, hide: 'none' });
    expect(brief(p.changes).sort()).toEqual(['deactivate Ubuntu 24.04 (1) @1', 'deactivate Ubuntu 24.04 (2) @2']);
    expect(p.notes.join('\n')).toMatch(/keep: true/);
  });

  it.each([
    ['forever', []],
    ['notice', []],
    ['2026-03-01', []],
    ['2026-02-28', ['delete Cirros 0.6.1 @0.6.1']],
    ['none', ['delete Cirros 0.6.1 @0.6.1']],
  ])('non-multi, uuid_validity %s', (uuid, expected) => {
    const c = cirros(['0.6.3'], { meta: { ...cirros([]).meta, uuid_validity: uuid } });
    const old = cloudImage('Cirros 0.6.1', { hidden: true, properties: { internal_version: '0.6.1', os_purpose: 'minimal' } });
    expect(brief(plan([c], [syncedImage(c, '0.6.3'), old], { delete: true }).changes)).toEqual(expected);
  });

  it('the outdated image that holds the bare name is deleted only after the new version is in', () => {
    const d = ubuntu(['2'], { meta: { ...ubuntu([]).meta, uuid_validity: 'none' } });
    const p = plan([d], [syncedImage(ubuntu(['1']), '1')], { delete: true });
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 @2', 'delete Ubuntu 24.04 @1']);
    expect(p.changes[1]).toMatchObject({ requires: ['import:Ubuntu 24.04:2'], cleanup: true });
  });

  it('images no definition claims are only reported, unless --prune', () => {
    const orphan = cloudImage('Debian 12', { properties: { uuid_validity: 'last-3' } });
    const keep = cloudImage('Fedora 40', { properties: { uuid_validity: 'forever' } });
    expect(plan([], [orphan, keep]).changes).toEqual([]);
    expect(plan([], [orphan]).notes[0]).toMatch(/no definition claims it/);
    expect(brief(plan([], [orphan, keep], { prune: true }).changes).sort()).toEqual(['hide Debian 12', 'hide Fedora 40']);
    expect(brief(plan([], [orphan, keep], { prune: true, delete: true }).changes).sort()).toEqual(['delete Debian 12', 'hide Fedora 40']);
  });

  it('images of disabled definitions are left alone and not treated as unclaimed', () => {
    const d = ubuntu(['2'], { enable: false });
    const p = plan([d], [syncedImage(ubuntu(['1']), '1', { visibility: 'private' })], { prune: true, delete: true });
    expect(p.changes).toEqual([]);
  });
});

describe('planImages: determinism and convergence', () => {
  it('the same inputs in another order give the same plan', () => {
    const defs = [ubuntu(['1', '2', '3']), cirros(['0.6.3'])];
    const images = [syncedImage(ubuntu(['1']), '1'), cloudImage('Cirros 0.6.1', { properties: { internal_version: '0.6.1' } })];
    const a = plan(defs, images);
    const b = plan([...defs].reverse(), [...images].reverse());
    expect(b).toEqual(a);
  });

  it('applying the plan, then planning again, gives no changes', () => {
    const defs = [ubuntu(['1', '2', '3']), cirros(['0.6.2', '0.6.3'])];
    const images = [
      syncedImage(ubuntu(['1']), '1', { visibility: 'private' }),
      cloudImage('Cirros 0.6.1', { properties: { internal_version: '0.6.1' } }),
      cloudImage('Ubuntu 24.04 (0)', { status: 'queued', properties: { internal_version: '0', [IMPORT_MARKER]: '0' } }),
    ];
    for (const policy of [{}, { delete: true }, { hide: 'community' as const, deactivate: true }, { hide: 'none' as const }]) {
      const first = plan(defs, images, policy);
      expect(plan(defs, simulateApply(images, first), policy).changes).toEqual([]);
    }
  });
});
