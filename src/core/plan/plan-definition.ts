/**
 * The changes for one definition: import missing versions, finish interrupted imports, repair
 * drift on existing images, rotate names, and hide/deactivate/delete versions that are
 * superseded or outdated. Pure.
 */
import { compareVersions, versionedName } from '../definitions/naming.js';
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { desiredVersions, versionNotes, type DesiredVersion } from './desired.js';
import { diffImage, isNoop, type ImageDiff } from './diff-image.js';
import type { ClaimedImage } from './match.js';
import { retainedVersions } from './retention.js';
import { definedTarget, isSettled, minDiskFor, supersededTarget } from './targets.js';
import { IMPORT_MARKER, type Change, type ImportChange, type OutdatedPolicy, type UpdateChange } from './types.js';

export interface PlanContext {
  tag: string;
  now: Date;
  policy: OutdatedPolicy;
  /** OIM's --latest: versions older than the newest are not imported (those already there stay managed). */
  latestOnly?: boolean;
}

/** Best image first: settled, then verified-but-unfinished, then in progress, then dead; then the right name, then oldest. */
function rank(image: Image): number {
  if (isSettled(image)) return 0;
  if (image.status === 'active') return 1;
  if (['importing', 'uploading', 'saving'].includes(image.status)) return 2;
  return 3;
}

function byPreference(wantName: string | undefined) {
  return (a: Image, b: Image): number =>
    rank(a) - rank(b) ||
    Number(b.name === wantName) - Number(a.name === wantName) ||
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
    a.id.localeCompare(b.id);
}

const importKey = (def: ImageDefinition, label: string): string => `import:${def.name}:${label}`;

function importChange(d: DesiredVersion, superseded: boolean, ctx: PlanContext, leftover?: Image): ImportChange {
  const target = definedTarget(d, superseded, ctx.policy);
  const properties = { ...(target.properties ?? {}), [IMPORT_MARKER]: d.label };
  const change: ImportChange = {
    key: importKey(d.definition, d.label),
    action: leftover ? 'resume' : 'create',
    definition: d.definition.name,
    version: d.label,
    name: target.name ?? d.name,
    reason: leftover
      ? `an interrupted import of this version is left (status ${leftover.status}${IMPORT_MARKER in leftover.properties ? ', never finalised' : ''}): finish or redo it`
      : `version ${d.label} is not in the cloud`,
    create: {
      name: d.versionedName,
      ...(d.version.id ? { id: d.version.id } : {}),
      diskFormat: d.definition.format,
      containerFormat: 'bare',
      visibility: 'private',
      minDisk: d.minDisk,
      minRam: d.minRam,
      tags: [...d.tags],
      properties,
    },
    source: d.source,
    finalize: {
      name: target.name ?? d.name,
      visibility: target.visibility ?? d.visibility,
      hidden: target.hidden ?? false,
      minDisk: d.minDisk,
      status: d.status,
    },
    after: {
      name: target.name ?? d.name,
      visibility: target.visibility ?? d.visibility,
      hidden: target.hidden ?? false,
      minDisk: d.minDisk,
      minRam: d.minRam,
      status: d.status,
      tags: [...d.tags],
      properties: { ...(target.properties ?? {}) },
    },
  };
  if (leftover) {
    change.imageId = leftover.id;
    change.resumeStatus = leftover.status;
  }
  return change;
}

/** The display action of an update: the most consequential thing it does. */
function updateAction(diff: ImageDiff): UpdateChange['action'] {
  if (diff.statusAction === 'deactivate') return 'deactivate';
  if (diff.statusAction === 'reactivate') return 'reactivate';
  if (diff.after.hidden === true || diff.after.visibility === 'community') return 'hide';
  if (diff.after.name !== undefined) return 'rename';
  return 'update';
}

function updateChange(image: Image, def: ImageDefinition, label: string, diff: ImageDiff, reason: string, requires: string[]): UpdateChange {
  const action = updateAction(diff);
  const change: UpdateChange = {
    key: `update:${image.id}`,
    action,
    definition: def.name,
    version: label,
    name: image.name,
    imageId: image.id,
    patch: diff.patch,
    before: diff.before,
    after: diff.after,
    // a rename away from the bare name is rotation, never skipped as cleanup: the new image needs the name
    cleanup: requires.length === 0 && diff.after.name === undefined && (action === 'hide' || action === 'deactivate'),
    reason,
  };
  if (diff.statusAction) change.statusAction = diff.statusAction;
  if (requires.length > 0) change.requires = requires;
  return change;
}

function deleteChange(
  image: Image,
  def: ImageDefinition | undefined,
  label: string | undefined,
  reason: string,
  cleanup: boolean,
  requires: string[] = [],
): Change {
  return {
    ...(requires.length > 0 ? { requires } : {}),
    key: `delete:${image.id}`,
    action: 'delete',
    ...(def ? { definition: def.name } : {}),
    ...(label !== undefined ? { version: label } : {}),
    name: image.name,
    imageId: image.id,
    before: { name: image.name, status: image.status, visibility: image.visibility },
    cleanup,
    reason,
  };
}

export function planDefinition(def: ImageDefinition, claims: readonly ClaimedImage[], ctx: PlanContext): { changes: Change[]; notes: string[] } {
  const changes: Change[] = [];
  const notes: string[] = [];
  const desired = desiredVersions(def, ctx.tag);
  const newest = desired[desired.length - 1];
  const byLabel = new Map<string, Image[]>();
  for (const c of claims) byLabel.set(c.label, [...(byLabel.get(c.label) ?? []), c.image]);

  // the primary image of each version; unfinished extras are leftovers, settled extras duplicates
  const primary = new Map<string, Image>();
  for (const [label, images] of byLabel) {
    const d = desired.find((x) => x.label === label);
    const sorted = [...images].sort(byPreference(d?.name));
    primary.set(label, sorted[0] as Image);
    for (const extra of sorted.slice(1)) {
      // an unfinished extra is a leftover (the primary is either settled or resumed); settled twins are only reported
      if (!isSettled(extra)) {
        changes.push(
          deleteChange(extra, def, label, `leftover of an interrupted import (status ${extra.status}); version ${label} exists as ${sorted[0]?.id}`, false),
        );
      } else {
        notes.push(
          `'${def.name}' version ${label}: ${images.length} images (${sorted.map((i) => i.id).join(', ')}); ${sorted[0]?.id} is managed, the others are left alone`,
        );
      }
    }
  }

  const newestImport = newest && !(primary.get(newest.label) && isSettled(primary.get(newest.label) as Image)) ? importKey(def, newest.label) : undefined;
  const bareHolderRequires = (image: Image): string[] => (def.multi && image.name === def.name && newestImport ? [newestImport] : []);

  // which versions are outdated: unlisted ones per uuid_validity; with OIM's rule also listed ones beyond last-N
  const defined = new Set(desired.map((d) => d.label));
  const uuidValidity = newest ? newest.properties['uuid_validity'] : undefined;
  const rule = def.multi ? (ctx.policy.lifetime ?? 'unlisted') : 'unlisted';
  const retention = retainedVersions([...primary.keys()], defined, uuidValidity, ctx.now, rule);
  const outdatedListed: string[] = [];

  for (const d of desired) {
    const superseded = def.multi && !d.newest;
    const image = primary.get(d.label);
    const outdated = !retention.retained.has(d.label);
    if (outdated && image && isSettled(image)) {
      outdatedListed.push(d.label);
      continue;
    }
    if (!image || !isSettled(image)) {
      if (outdated) {
        if (image) changes.push(deleteChange(image, def, d.label, `leftover of an interrupted import (status ${image.status}) of an outdated version`, false));
        notes.push(`'${def.name}' version ${d.label} is not imported: outdated (${retention.why})`);
        continue;
      }
      if (ctx.latestOnly && !d.newest && !image) {
        notes.push(`'${def.name}' version ${d.label} is not imported: --latest imports only the newest version (${newest?.label})`);
        continue;
      }
      changes.push(importChange(d, superseded, ctx, image));
      notes.push(...versionNotes(def, d.version));
      continue;
    }
    const target = { ...definedTarget(d, superseded, ctx.policy), minDisk: minDiskFor(d.minDisk, image.size) };
    const diff = diffImage(image, target);
    if (isNoop(diff)) continue;
    const reason =
      diff.after.name !== undefined && def.multi
        ? superseded
          ? `superseded by version ${newest?.label}`
          : 'the newest version carries the bare name'
        : `differs from the definition: ${diff.fields.join(', ')}`;
    changes.push(updateChange(image, def, d.label, diff, reason, superseded ? bareHolderRequires(image) : []));
  }

  // versions no definition lists any more (OIM's --keep leaves those of non-multi definitions alone), and outdated listed ones
  const keepUnlisted = ctx.policy.keepUnlisted === true && !def.multi;
  const unlisted = keepUnlisted ? [] : [...primary.keys()].filter((l) => !defined.has(l));
  for (const label of [...unlisted, ...outdatedListed].sort(compareVersions)) {
    const image = primary.get(label) as Image;
    const listed = defined.has(label);
    if (!isSettled(image)) {
      changes.push(deleteChange(image, def, label, `leftover of an interrupted import (status ${image.status}) of a version no longer defined`, false));
      continue;
    }
    const outdated = !retention.retained.has(label);
    const rename = def.multi && image.name === def.name ? versionedName(def, label) : undefined;
    const requires = bareHolderRequires(image);
    const why = `outdated${listed ? ' though still listed' : ''}: ${retention.why}`;
    if (outdated && ctx.policy.delete && !def.keep && !image.protected) {
      changes.push(deleteChange(image, def, label, why, true, requires));
      continue;
    }
    if (outdated && ctx.policy.delete)
      notes.push(`'${image.name}' (${image.id}) is outdated but not deleted (${image.protected ? 'protected' : 'keep: true'}); deactivated instead`);
    const deactivate = outdated && (ctx.policy.deactivate || ctx.policy.delete);
    const diff = diffImage(image, supersededTarget(image, rename, ctx.policy, deactivate));
    if (isNoop(diff)) continue;
    const reason = outdated ? why : `no longer defined; kept (uuid_validity ${uuidValidity ?? 'forever'})`;
    changes.push(updateChange(image, def, label, diff, reason, requires));
  }
  return { changes, notes };
}
