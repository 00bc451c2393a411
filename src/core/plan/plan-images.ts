/**
 * planImages(): definitions + the cloud's images + the clock → Plan. Pure and synchronous; the
 * caller does all I/O (changesets' assembleReleasePlan, Terraform's plan).
 *
 * Only images that carry the managed tag AND are owned by the current project are ever changed.
 * A cloud that already matches the definitions gives a plan without changes.
 *
 * `changes` are in execution order, which is deterministic: imports, then updates (older
 * versions first, so an old image leaves the bare name before the new one takes it), then
 * cleanup (hide/deactivate/delete of outdated versions, skipped by apply after any error).
 */
import { compareVersions } from '../definitions/naming.js';
import { lapsedSupportWarnings } from '../definitions/lapsed-support.js';
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { adoptableImages, foreignIds, markAdoptions } from './adoption.js';
import { diffImage, isNoop } from './diff-image.js';
import { fingerprintImages } from './fingerprint.js';
import { assignImages, managedImages, type ClaimedImage } from './match.js';
import { planDefinition, type PlanContext } from './plan-definition.js';
import { ageNotes } from './age.js';
import { stillPromised } from './retention.js';
import { isSettled, supersededTarget } from './targets.js';
import {
  DEFAULT_MANAGED_TAG,
  DEFAULT_OUTDATED_POLICY,
  isImportChange,
  PLAN_FORMAT_VERSION,
  type Change,
  type OutdatedPolicy,
  type Plan,
  type Selection,
} from './types.js';

export interface PlanImagesInput {
  definitions: readonly ImageDefinition[];
  /** The cloud's images as listed (any owner, any tag): the planner picks the managed ones. */
  images: readonly Image[];
  now: Date;
  ownerProjectId: string;
  cloud: { name: string; region?: string | undefined };
  tag?: string;
  policy?: Partial<OutdatedPolicy>;
  /** Also process `enable: false` definitions (OIM's --force). Their images are never unclaimed either way. */
  includeDisabled?: boolean;
  tool?: { name: string; version: string };
  /** OIM's --filter and --latest. */
  selection?: Selection;
  /** OIM's --check-age/--max-age: note managed images built more than this many days before their definition's newest build. */
  maxAgeDays?: number;
}

function phase(c: Change): number {
  if (isImportChange(c)) return 0;
  if (c.action === 'delete') return c.cleanup ? 3 : 1;
  return c.cleanup ? 2 : 1;
}

/** Execution order; also what makes two plans of the same inputs identical. */
function compareChanges(a: Change, b: Change): number {
  return (
    phase(a) - phase(b) ||
    Number(a.definition === undefined) - Number(b.definition === undefined) ||
    (a.definition ?? '').localeCompare(b.definition ?? '') ||
    compareVersions(a.version ?? '', b.version ?? '') ||
    a.name.localeCompare(b.name) ||
    a.key.localeCompare(b.key)
  );
}

/** Managed images no definition claims (their definition was removed): outdated only with `prune`. */
function planUnclaimed(images: readonly Image[], ctx: PlanContext): { changes: Change[]; notes: string[] } {
  const changes: Change[] = [];
  const notes: string[] = [];
  for (const image of images) {
    if (!ctx.policy.prune) {
      notes.push(`'${image.name}' (${image.id}) carries the tag ${ctx.tag} but no definition claims it; left alone (--prune handles it as outdated)`);
      continue;
    }
    const base = { name: image.name, imageId: image.id, before: { name: image.name, status: image.status, visibility: image.visibility } };
    if (!isSettled(image)) {
      changes.push({
        key: `delete:${image.id}`,
        action: 'delete',
        ...base,
        cleanup: false,
        reason: `leftover of an interrupted import (status ${image.status}); no definition claims it`,
      });
      continue;
    }
    const own = typeof image.properties['uuid_validity'] === 'string' ? image.properties['uuid_validity'] : 'none';
    const outdated = !stillPromised(own, ctx.now);
    if (outdated && ctx.policy.delete && !image.protected) {
      changes.push({ key: `delete:${image.id}`, action: 'delete', ...base, cleanup: true, reason: `no definition claims it (uuid_validity ${own})` });
      continue;
    }
    const diff = diffImage(image, supersededTarget(image, undefined, ctx.policy, outdated && (ctx.policy.deactivate || ctx.policy.delete)));
    if (isNoop(diff)) continue;
    const action = diff.statusAction === 'deactivate' ? 'deactivate' : diff.after.hidden || diff.after.visibility ? 'hide' : 'update';
    changes.push({
      key: `update:${image.id}`,
      action,
      ...base,
      patch: diff.patch,
      before: diff.before,
      after: diff.after,
      ...(diff.statusAction ? { statusAction: diff.statusAction } : {}),
      cleanup: true,
      reason: `no definition claims it (uuid_validity ${own}${outdated ? '' : ': kept'})`,
    });
  }
  return { changes, notes };
}

export function planImages(input: PlanImagesInput): Plan {
  const tag = input.tag ?? DEFAULT_MANAGED_TAG;
  const policy: OutdatedPolicy = { ...DEFAULT_OUTDATED_POLICY, ...input.policy };
  const ctx: PlanContext = { tag, now: input.now, policy, latestOnly: input.selection?.latestOnly === true };
  const filter = input.selection?.filter;
  const selected = (name: string): boolean => filter === undefined || filter.test(name);
  const managed = managedImages(input.images, tag, input.ownerProjectId);
  const assignment = assignImages(input.definitions, managed);
  // a definition left out by --filter is still matched above, so its images are claimed and never cleaned up
  const active = input.definitions.filter((d) => (d.enable || input.includeDisabled) && selected(d.name));
  const adoptable = adoptableImages(active, input.images, tag, input.ownerProjectId);

  const claimsOf = new Map<ImageDefinition, ClaimedImage[]>();
  for (const c of [...assignment.claimed, ...adoptable.claimed]) claimsOf.set(c.definition, [...(claimsOf.get(c.definition) ?? []), c]);

  const changes: Change[] = [];
  const notes: string[] = [...assignment.notes, ...adoptable.notes, ...lapsedSupportWarnings(active, input.now)];
  for (const def of [...active].sort((a, b) => a.name.localeCompare(b.name))) {
    const r = planDefinition(def, claimsOf.get(def) ?? [], ctx);
    changes.push(...r.changes);
    notes.push(...r.notes);
  }
  if (input.maxAgeDays !== undefined)
    notes.push(
      ...ageNotes(
        assignment.claimed.filter((c) => active.includes(c.definition)),
        input.maxAgeDays,
      ),
    );
  const unclaimed = planUnclaimed(
    assignment.unclaimed.filter((i) => selected(i.name)),
    ctx,
  );
  changes.push(...unclaimed.changes);
  notes.push(...unclaimed.notes);

  const adopting = adoptable.images.map((i) => i.id).sort();
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.now.toISOString(),
    tool: input.tool ?? { name: 'scs-images', version: '0.0.0' },
    cloud: { name: input.cloud.name, ...(input.cloud.region ? { region: input.cloud.region } : {}), projectId: input.ownerProjectId },
    tag,
    policy,
    fingerprint: fingerprintImages([...managed, ...adoptable.images]),
    managedImages: managed.length,
    ...(adopting.length > 0 ? { unmanagedImageIds: adopting } : {}),
    changes: markAdoptions(changes, adoptable.images, foreignIds(active, input.images, input.ownerProjectId)).sort(compareChanges),
    notes: [...new Set(notes)],
  };
}
