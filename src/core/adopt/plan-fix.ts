/**
 * `scs-images fix`: the property changes that give the project's unmanaged images the SCS-0102
 * values they lack, as a plan `apply` carries out like any other (stale-plan check, lease,
 * --dry-run). Pure.
 *
 * Only properties the image does not carry (or carries empty) are written, from the operator's
 * values first, then the inferences of `adopt`; a value already there is never replaced unless the
 * operator gives one. Where nothing can be inferred the image gets what can be, and the plan's
 * notes say which values are still needed. Managed images are left to their definitions.
 */
import type { DistroReleases } from '../releases/distro-releases.js';
import type { Image } from '../images/image.js';
import { diffImage, isNoop } from '../plan/diff-image.js';
import { fingerprintImages } from '../plan/fingerprint.js';
import { managedImages } from '../plan/match.js';
import { minDiskFor } from '../plan/targets.js';
import { DEFAULT_OUTDATED_POLICY, PLAN_FORMAT_VERSION, type Plan, type UpdateChange } from '../plan/types.js';
import { describeNeeds } from './build-definitions.js';
import { inferImage, type InferredImage } from './infer-values.js';

/** The properties fix writes: what scs-0102's mandatory testcases read, and scs-0104's image_source. */
const FIX_PROPERTIES = [
  'architecture',
  'image_build_date',
  'image_description',
  'image_original_user',
  'image_source',
  'os_distro',
  'os_version',
  'provided_until',
  'replace_frequency',
  'uuid_validity',
] as const;

export interface FixInput {
  /** Every image of the project that is to be repaired (the caller selected them). */
  images: readonly Image[];
  /** The managed images of the project (left alone; part of the fingerprint). */
  managed: readonly Image[];
  releases: DistroReleases;
  ownerProjectId: string;
  tag: string;
  now: Date;
  cloud: { name: string; region?: string | undefined };
  /** Values the operator gave, per image id. */
  given?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  tool?: { name: string; version: string };
}

export interface FixResult {
  plan: Plan;
  /** Images that still lack values nothing could infer. */
  needsValues: InferredImage[];
}

const blank = (v: unknown): boolean => v === undefined || v === null || v === '';

export function planFix(input: FixInput): FixResult {
  const managed = managedImages(input.managed, input.tag, input.ownerProjectId);
  const managedIds = new Set(managed.map((i) => i.id));
  const changes: UpdateChange[] = [];
  const notes: string[] = [];
  const needsValues: InferredImage[] = [];
  const touched: Image[] = [];
  for (const image of [...input.images].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    if (image.owner !== input.ownerProjectId) {
      notes.push(`'${image.name}' (${image.id}) belongs to another project; left alone`);
      continue;
    }
    if (managedIds.has(image.id) || image.tags.includes(input.tag)) {
      notes.push(`'${image.name}' (${image.id}) is managed (tag ${input.tag}): change its definition and run plan instead`);
      continue;
    }
    const given = input.given?.get(image.id) ?? {};
    const inf = inferImage(image, input.releases, given);
    const properties: Record<string, string> = {};
    for (const key of FIX_PROPERTIES) {
      const p = inf.values[key];
      if (p && (given[key] !== undefined || blank(image.properties[key]))) properties[key] = p.value;
    }
    for (const [key, value] of Object.entries(given)) properties[key] = value;
    if (Object.keys(inf.missing).length > 0) {
      needsValues.push(inf);
      notes.push(describeNeeds(inf));
    }
    // min_disk 0 fails scs-0102: the image's own size says what it needs (computed, not guessed)
    const minDisk = (image.minDisk ?? 0) === 0 && image.size ? minDiskFor(0, image.size) : undefined;
    const diff = diffImage(image, { properties, ...(minDisk !== undefined ? { minDisk } : {}) });
    if (isNoop(diff)) continue;
    touched.push(image);
    const why = [...(diff.after.minDisk !== undefined ? ['min_disk'] : []), ...Object.keys(diff.after.properties ?? {})]
      .map((k) =>
        k === 'min_disk'
          ? 'min_disk (from the image size)'
          : `${k} (${inf.values[k]?.origin === 'given' || given[k] !== undefined ? 'given' : inf.values[k]?.why})`,
      )
      .join(', ');
    changes.push({
      key: `fix:${image.id}`,
      action: 'update',
      name: image.name,
      imageId: image.id,
      patch: diff.patch,
      before: diff.before,
      after: diff.after,
      cleanup: false,
      reason: `repair without managing: ${why}`,
    });
  }
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.now.toISOString(),
    tool: input.tool ?? { name: 'scs-images', version: '0.0.0' },
    cloud: { name: input.cloud.name, ...(input.cloud.region ? { region: input.cloud.region } : {}), projectId: input.ownerProjectId },
    tag: input.tag,
    policy: DEFAULT_OUTDATED_POLICY,
    fingerprint: fingerprintImages([...managed, ...touched]),
    managedImages: managed.length,
    ...(touched.length > 0 ? { unmanagedImageIds: touched.map((i) => i.id).sort() } : {}),
    changes: changes.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key)),
    notes,
  };
  return { plan, needsValues };
}
