import { describe, expect, it } from 'vitest';
import { ageNotes } from './age.js';
import { definition, NOW, PROJECT, syncedImage, TAG, version } from './fixtures.test-util.js';
import { assignImages } from './match.js';
import { planImages, type PlanImagesInput } from './plan-images.js';
import type { Change } from './types.js';

const brief = (changes: Change[]) => changes.map((c) => `${c.action} ${c.name}${c.version ? ` @${c.version}` : ''}`);
const plan = (input: Partial<PlanImagesInput> & Pick<PlanImagesInput, 'definitions' | 'images'>) =>
  planImages({ now: NOW, ownerProjectId: PROJECT, cloud: { name: 'test' }, tag: TAG, ...input });

const debian = definition('Debian 12', ['20260101', '20260201', '20260301'], {
  meta: { ...definition('x', []).meta, os_distro: 'debian', os_version: '12', uuid_validity: 'last-2' },
});
const synced = (def = debian) => def.versions.map((v) => syncedImage(def, v.version));

describe("OIM's lifetime rule (manage): last-N counts listed versions too", () => {
  it("this tool's rule keeps every listed version; OIM's deletes the oldest beyond N and says which rule did it", () => {
    const images = synced();
    expect(plan({ definitions: [debian], images, policy: { delete: true } }).changes).toEqual([]);
    const p = plan({ definitions: [debian], images, policy: { delete: true, lifetime: 'listed-too' } });
    expect(brief(p.changes)).toEqual(['delete Debian 12 (20260101) @20260101']);
    expect(p.changes[0]?.reason).toMatch(
      /outdated though still listed: not among the 2 newest versions, listed or not \(uuid_validity last-2; OIM's lifetime rule\)/,
    );
  });

  it('without --delete the outdated listed version is hidden and deactivated per policy, and never imported when missing', () => {
    const images = synced().slice(1);
    const p = plan({ definitions: [debian], images, policy: { lifetime: 'listed-too' } });
    expect(p.changes).toEqual([]);
    expect(p.notes.join('\n')).toMatch(/'Debian 12' version 20260101 is not imported: outdated/);
    const all = synced().map((i) => ({ ...i, hidden: false }));
    const q = plan({ definitions: [debian], images: all, policy: { lifetime: 'listed-too', deactivate: true } });
    expect(brief(q.changes)).toEqual(['deactivate Debian 12 (20260101) @20260101', 'hide Debian 12 (20260201) @20260201']);
    expect(q.changes[0]?.reason).toMatch(/^outdated though still listed/);
  });

  it('the newest version always stays, even with last-1, and non-multi definitions keep every listed version (as OIM)', () => {
    const one = { ...debian, meta: { ...debian.meta, uuid_validity: 'last-1' } };
    const p = plan({ definitions: [one], images: synced(one), policy: { delete: true, lifetime: 'listed-too' } });
    expect(brief(p.changes)).toEqual(['delete Debian 12 (20260101) @20260101', 'delete Debian 12 (20260201) @20260201']);
    const cirros = definition('Cirros', ['0.6.2', '0.6.3'], { multi: false, meta: { ...debian.meta, os_distro: 'cirros', uuid_validity: 'last-1' } });
    expect(plan({ definitions: [cirros], images: synced(cirros), policy: { delete: true, lifetime: 'listed-too' } }).changes).toEqual([]);
  });

  it('--keep leaves unlisted versions of non-multi definitions alone; multi ones still age out', () => {
    const cirros = definition('Cirros', ['0.6.2', '0.6.3'], { multi: false, meta: { ...debian.meta, os_distro: 'cirros', uuid_validity: 'none' } });
    const images = synced(cirros);
    const now = { ...cirros, versions: cirros.versions.slice(1) };
    expect(brief(plan({ definitions: [now], images, policy: { delete: true } }).changes)).toEqual(['delete Cirros 0.6.2 @0.6.2']);
    expect(plan({ definitions: [now], images, policy: { delete: true, keepUnlisted: true } }).changes).toEqual([]);
  });
});

describe('uuid_validity none never blocks --delete (as in OIM)', () => {
  it('the unlisted versions of a none definition are deleted, the listed ones kept, and other definitions are cleaned up as usual', () => {
    const garden = definition('Garden Linux', ['1443.1', '1592.1', '1877.6'], { meta: { ...debian.meta, os_distro: 'debian', uuid_validity: 'none' } });
    const images = [...synced(garden), ...synced()];
    const listed = { ...garden, versions: garden.versions.slice(1) };
    const p = plan({ definitions: [listed, debian], images, policy: { delete: true, lifetime: 'listed-too' } });
    expect(brief(p.changes)).toEqual(['delete Debian 12 (20260101) @20260101', 'delete Garden Linux (1443.1) @1443.1']);
  });
});

describe('selection: --filter and --latest', () => {
  const ubuntu = definition('Ubuntu 24.04', ['1', '2']);
  it('--filter plans only matching definitions, and never cleans up images of the others (even with --prune)', () => {
    const debImages = synced();
    const p = plan({
      definitions: [debian, ubuntu],
      images: debImages,
      policy: { prune: true, delete: true, lifetime: 'listed-too' },
      selection: { filter: /Ubuntu/ },
    });
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 (1) @1', 'create Ubuntu 24.04 @2']);
    const orphan = { ...syncedImage(debian, '20260101'), name: 'Old Thing 1', id: 'orphan' };
    const q = plan({ definitions: [ubuntu], images: [orphan, ...synced(ubuntu)], policy: { prune: true }, selection: { filter: /Ubuntu/ } });
    expect(q.changes).toEqual([]);
    expect(q.notes.join('\n')).not.toMatch(/Old Thing/);
  });

  it('--latest imports only the newest version; an older one already there is still kept in line', () => {
    const p = plan({ definitions: [ubuntu], images: [], selection: { latestOnly: true } });
    expect(brief(p.changes)).toEqual(['create Ubuntu 24.04 @2']);
    expect(p.notes.join('\n')).toMatch(/version 1 is not imported: --latest imports only the newest version \(2\)/);
    const old = { ...syncedImage(ubuntu, '1'), hidden: false };
    expect(brief(plan({ definitions: [ubuntu], images: [old], selection: { latestOnly: true } }).changes)).toEqual([
      'create Ubuntu 24.04 @2',
      'hide Ubuntu 24.04 (1) @1',
    ]);
  });
});

describe('ageNotes (--check-age)', () => {
  it("names images built more than max-age days before the definition's newest build, and images without a build date", () => {
    const def = definition('Ubuntu 24.04', ['1', '2'], { versions: [version('1', { buildDate: '2025-10-01' }), version('2', { buildDate: '2026-02-01' })] });
    const images = [syncedImage(def, '1'), syncedImage(def, '2'), { ...syncedImage(def, '2'), id: 'nodate', properties: { internal_version: '2' } }];
    const notes = ageNotes(assignImages([def], images).claimed, 90);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/'Ubuntu 24.04 \(version 2\)' \(nodate\) has no image_build_date/);
    expect(notes[1]).toMatch(
      /'Ubuntu 24.04 \(1\) \(version 1\)' .* built on 2025-10-01, 123 days before the definition's build of 2026-02-01 \(more than --max-age 90\)/,
    );
    expect(ageNotes(assignImages([def], images).claimed, 200)).toHaveLength(1);
  });
});
