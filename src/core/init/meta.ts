/**
 * The SCS-0102 `meta` block init writes, with the reason for every value as its comment. Values
 * are the ones both OIM's schema and the SCS tests accept, so the files pass `OIM --check` and the
 * images pass scs-0102.
 */
import type { CommentMap } from './types.js';

export interface MetaInput {
  osDistro: string;
  /** Instead of the default reason for os_distro. */
  osDistroWhy?: string | undefined;
  osVersion: string;
  purpose: 'generic' | 'k8snode';
  description: string;
  descriptionWhy: string;
  replaceFrequency: 'quarterly' | 'never';
  /** YYYY-MM-DD or `none`. */
  providedUntil: string;
  providedUntilWhy: string;
  osVersionWhy: string;
}

/** Keys in the order OSISM's files use; `meta.`-prefixed comments. */
export function buildMeta(input: MetaInput): { meta: Record<string, string>; comments: CommentMap } {
  const meta: Record<string, string> = {
    architecture: 'x86_64',
    hw_disk_bus: 'scsi',
    hw_scsi_model: 'virtio-scsi',
    hw_rng_model: 'virtio',
    hypervisor_type: 'qemu',
    os_distro: input.osDistro,
    os_version: input.osVersion,
    os_purpose: input.purpose,
    image_description: input.description,
    replace_frequency: input.replaceFrequency,
    uuid_validity: 'last-3',
    provided_until: input.providedUntil,
  };
  const why: Record<string, string> = {
    architecture: 'the upstream files below are the amd64 builds',
    hw_disk_bus: 'scsi on the virtio-scsi controller (next key) passes discard/TRIM to the storage; SCS-0102 accepts virtio and scsi',
    hw_rng_model: 'guests get entropy from the host (SCS-0102 recommends it)',
    hypervisor_type: "qemu: with xen the only value both OIM's schema and the SCS test accept (kvm fails OIM's schema)",
    os_distro: input.osDistroWhy ?? 'osinfo short id, lower case: the v2 draft recognises distro images by it',
    os_version: input.osVersionWhy,
    os_purpose:
      input.purpose === 'generic'
        ? 'generic: the v2 draft finds distro images by it; apply marks superseded versions oldgeneric, so one generic image per distro/version stays (scs-0102-v2 uniqueness)'
        : 'k8snode: scs-0104 v2 requires it for CAPI images',
    image_description: input.descriptionWhy,
    replace_frequency:
      input.replaceFrequency === 'quarterly'
        ? 'a new build at least every 92 days (+10 %), or the check reports the image outdated: run `scs-images update` and apply regularly'
        : 'never replaced under the same name: a new Kubernetes release is a new version with its own name',
    uuid_validity: 'the three newest versions keep their UUIDs; older ones may be hidden or removed',
    provided_until: input.providedUntilWhy,
  };
  const comments: CommentMap = {};
  for (const [k, v] of Object.entries(why)) comments[`meta.${k}`] = v;
  return { meta, comments };
}

/** provided_until: the vendor's end of standard support when known (data/distros/releases.json), else `none`. */
export function providedUntil(
  endOfSupport: string | null | undefined,
  today: string,
  source = "end of the vendor's standard security support",
): { value: string; why: string } {
  if (!endOfSupport) return { value: 'none', why: 'none: no end date promised (the release data knows no end of support); set a date once you commit to one' };
  const passed = endOfSupport < today ? `; it has passed: consider dropping this image` : '';
  return { value: endOfSupport, why: `${source} (data/distros/releases.json)${passed}` };
}
