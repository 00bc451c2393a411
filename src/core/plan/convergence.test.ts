// Property test: whatever the cloud looks like, applying a plan and planning again gives no changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { cloudImage, definition, NOW, PROJECT, syncedImage, TAG } from './fixtures.test-util.js';
import { planImages } from './plan-images.js';
import { simulateApply } from './simulate.test-util.js';
import { IMPORT_MARKER, type OutdatedPolicy } from './types.js';

const LABELS = ['1', '2', '3', '4', '5'];

const defArb = (name: string) =>
  fc
    .record({
      multi: fc.boolean(),
      separator: fc.constantFrom(' ', '-'),
      labels: fc.subarray(LABELS, { minLength: 1 }),
      uuid: fc.constantFrom('none', 'forever', 'notice', 'last-1', 'last-2', 'last-3', '2026-01-01', '2027-01-01'),
      status: fc.constantFrom('active' as const, 'deactivated' as const),
      visibility: fc.constantFrom('public' as const, 'private' as const, 'community' as const),
      keep: fc.boolean(),
      purpose: fc.constantFrom('generic', 'minimal'),
    })
    .map((r): ImageDefinition => {
      const base = definition(name, r.labels, { multi: r.multi, separator: r.separator, status: r.status, visibility: r.visibility, keep: r.keep });
      return { ...base, meta: { ...base.meta, uuid_validity: r.uuid, os_purpose: r.purpose } };
    });

type Shape = 'absent' | 'synced' | 'drifted' | 'queued' | 'unverified' | 'twin-leftover' | 'bare-old';

/** One image (or none) for a label, in one of the shapes a real cloud shows. */
function imagesFor(def: ImageDefinition, label: string, shape: Shape): Image[] {
  const defined = def.versions.some((v) => v.version === label);
  const asDefined = defined ? def : { ...def, versions: [...def.versions, { ...def.versions[0]!, version: label }] };
  const synced = () => {
    const img = syncedImage(asDefined, label);
    // a version that is not defined: as a previous run left it (superseded naming)
    if (!defined && def.multi) img.name = `${def.name}${def.separator}(${label})`;
    return img;
  };
  switch (shape) {
    case 'absent':
      return [];
    case 'synced':
      return [synced()];
    case 'drifted': {
      const img = synced();
      return [
        {
          ...img,
          status: img.status === 'active' ? 'deactivated' : 'active',
          visibility: 'shared',
          minRam: 1,
          tags: [TAG, 'x'],
          properties: { ...img.properties, os_version: 'drift', hw_rng_model: 'virtio' },
        },
      ];
    }
    case 'queued':
      return [cloudImage(`${def.name}${def.separator}(${label})`, { status: 'queued', properties: { internal_version: label, [IMPORT_MARKER]: label } })];
    case 'unverified': {
      const img = synced();
      return [{ ...img, visibility: 'private', properties: { ...img.properties, [IMPORT_MARKER]: label } }];
    }
    case 'twin-leftover':
      return [synced(), cloudImage(synced().name, { status: 'importing', properties: { internal_version: label, [IMPORT_MARKER]: label } })];
    case 'bare-old':
      return def.multi ? [{ ...synced(), name: def.name }] : [synced()];
  }
}

const shapeArb = fc.constantFrom<Shape>('absent', 'synced', 'drifted', 'queued', 'unverified', 'twin-leftover', 'bare-old');

const worldArb = fc
  .tuple(fc.option(defArb('Alpha')), fc.option(defArb('Beta')), fc.option(defArb('Gamma')))
  .map((defs) => defs.filter((d): d is ImageDefinition => d !== null))
  .chain((defs) =>
    fc.record({
      defs: fc.constant(defs),
      shapes: fc.array(fc.array(shapeArb, { minLength: 6, maxLength: 6 }), { minLength: defs.length, maxLength: defs.length }),
      orphan: fc.option(fc.constantFrom('none', 'forever', 'last-2')),
      foreign: fc.boolean(),
      policy: fc.record({
        hide: fc.constantFrom('os_hidden' as const, 'community' as const, 'none' as const),
        deactivate: fc.boolean(),
        delete: fc.boolean(),
        prune: fc.boolean(),
      }),
    }),
  );

describe('convergence (property)', () => {
  it('plan → apply → plan gives no changes', () => {
    let nonEmpty = 0;
    const actions = new Set<string>();
    fc.assert(
      fc.property(worldArb, ({ defs, shapes, orphan, foreign, policy }) => {
        const images: Image[] = [];
        defs.forEach((def, i) => ['0', ...LABELS].forEach((label, j) => images.push(...imagesFor(def, label, shapes[i]![j]!))));
        if (orphan) images.push(cloudImage('Removed Distro 1', { properties: { uuid_validity: orphan } }));
        if (foreign && defs[0]) images.push(cloudImage(defs[0].name, { owner: 'other-project', visibility: 'private' }));
        const input = { definitions: defs, now: NOW, ownerProjectId: PROJECT, cloud: { name: 't' }, tag: TAG, policy: policy as OutdatedPolicy };
        const first = planImages({ ...input, images });
        const second = planImages({ ...input, images: simulateApply(images, first) });
        expect(second.changes).toEqual([]);
        if (first.changes.length > 0) nonEmpty++;
        for (const c of first.changes) actions.add(c.action);
      }),
      { numRuns: 400, seed: 20260301 },
    );
    // the generator must exercise the planner: most worlds need changes, and every action occurs
    expect(nonEmpty).toBeGreaterThan(300);
    expect([...actions].sort()).toEqual(['create', 'deactivate', 'delete', 'hide', 'reactivate', 'rename', 'resume', 'update']);
  });
});
