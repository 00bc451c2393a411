/**
 * Target states: what a current, superseded or outdated image should look like. Pure.
 *
 * A superseded image (an older version of a multi image, or a version no longer defined) keeps
 * working under its versioned name; it is hidden per policy and, when it was a `generic` image,
 * becomes `oldgeneric` so SCS-0102-v2's "one generic image per distro/version/arch" holds.
 */
import { META_KEYS } from '../definitions/meta-rules.js';
import type { Image } from '../images/image.js';
import type { DesiredVersion } from './desired.js';
import type { TargetState } from './diff-image.js';
import { IMPORT_MARKER, type OutdatedPolicy } from './types.js';

/**
 * Properties this tool owns: the keys of OIM's meta schema, the ones derived from definition
 * fields, and the import marker. When the definition no longer sets one, it is removed from the
 * image. Any other property (set by other tools or by hand) is left alone.
 */
const OWNED_PROPERTIES: readonly string[] = [
  ...new Set([
    ...META_KEYS,
    'image_source',
    'image_build_date',
    'image_original_user',
    'internal_version',
    'image_description',
    'image_name',
    'os_version',
    IMPORT_MARKER,
  ]),
].sort();

/** Hide a superseded image: `os_hidden`, or public → community (OIM's --hide), or not at all. */
function hideFields(policy: OutdatedPolicy, visibility: string): Pick<TargetState, 'hidden' | 'visibility'> {
  if (policy.hide === 'os_hidden') return { hidden: true };
  if (policy.hide === 'community' && visibility === 'public') return { visibility: 'community' };
  return {};
}

const oldGeneric = (purpose: unknown): Record<string, string> => (purpose === 'generic' ? { os_purpose: 'oldgeneric' } : {});

/** A defined version, current (its final name) or superseded (an older version of a multi image). */
export function definedTarget(d: DesiredVersion, superseded: boolean, policy: OutdatedPolicy): TargetState {
  const properties = superseded ? { ...d.properties, ...oldGeneric(d.properties['os_purpose']) } : d.properties;
  const target: TargetState = {
    name: superseded ? d.versionedName : d.name,
    visibility: d.visibility,
    hidden: d.hidden,
    minDisk: d.minDisk,
    minRam: d.minRam,
    tags: d.tags,
    properties,
    removeProperties: OWNED_PROPERTIES.filter((k) => !(k in properties)),
    status: d.status,
  };
  // an explicit `hidden:` on the version wins over the policy
  if (superseded) Object.assign(target, hideFields(policy, d.visibility), d.version.hidden !== undefined ? { hidden: d.version.hidden } : {});
  return target;
}

/** A version no definition lists any more: renamed (if needed), oldgeneric, hidden; deactivated when outdated. */
export function supersededTarget(image: Image, name: string | undefined, policy: OutdatedPolicy, deactivate: boolean): TargetState {
  const target: TargetState = {
    ...(name !== undefined ? { name } : {}),
    properties: oldGeneric(image.properties['os_purpose']),
    removeProperties: [IMPORT_MARKER],
    ...hideFields(policy, image.visibility),
  };
  if (deactivate) target.status = 'deactivated';
  return target;
}

/** min_disk must hold the image: raised to ceil(size / GiB) (as OIM does after an import). */
export function minDiskFor(floor: number, size: number | null | undefined): number {
  return size ? Math.max(floor, Math.ceil(size / 1024 ** 3)) : floor;
}

/** Images that are settled (usable, finalised) versus leftovers of an interrupted import. */
export function isSettled(image: Image): boolean {
  return (image.status === 'active' || image.status === 'deactivated') && !(IMPORT_MARKER in image.properties);
}
