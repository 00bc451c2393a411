import type { Image } from '../../images/image.js';
import { crash, label, type Observation } from './observation.js';
import type { Scs0102TestcaseId } from './testcases.js';

/**
 * Inputs on which the official scs-0102 test raises, so that the testcase ABORTs there. This check never PASSes such a testcase: it ABORTs it as the official test does
 * (the certificate shows it as inconclusive), or FAILs it with the strict reading (see
 * ../official-aborts.ts). The other classes are where the rules meet them (min_disk in
 * property-rules.ts, recency.ts).
 */

/**
 * Keys that openstacksdk's Image declares as attributes (besides Glance's own fields, which the
 * model keeps apart): they never land in its `properties`. An image with no other key has
 * `properties=None` there. Glance with several stores adds `stores`, which openstacksdk would keep as
 * a custom property; the model drops it, so such an image counts as having none here (the
 * conservative side: FAIL, never PASS).
 */
const SDK_IMAGE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'architecture',
  'hypervisor_type',
  'instance_type_rxtx_factor',
  'instance_uuid',
  'img_config_drive',
  'kernel_id',
  'os_distro',
  'os_version',
  'os_secure_boot',
  'os_shutdown_timeout',
  'ramdisk_id',
  'vm_mode',
  'hw_cpu_sockets',
  'hw_cpu_cores',
  'hw_cpu_threads',
  'hw_disk_bus',
  'hw_cpu_policy',
  'hw_cpu_thread_policy',
  'hw_rng_model',
  'hw_machine_type',
  'hw_scsi_model',
  'hw_serial_port_count',
  'hw_video_model',
  'hw_video_ram',
  'hw_watchdog_action',
  'os_command_line',
  'hw_vif_model',
  'hw_vif_multiqueue_enabled',
  'hw_boot_menu',
  'vmware_adaptertype',
  'vmware_ostype',
  'auto_disk_config',
  'os_type',
  'os_admin_user',
  'hw_qemu_guest_agent',
  'os_require_quiesce',
  'metadata',
  'url',
  'store',
]);

/** True when openstacksdk would give the image `properties=None`: no custom property at all. */
export function hasNoCustomProperty(image: Image): boolean {
  return Object.keys(image.properties).every((key) => SDK_IMAGE_ATTRIBUTES.has(key));
}

/** The testcases whose official code reads `image.properties` for every image, and so raise on one without. */
export const READS_CUSTOM_PROPERTIES: ReadonlySet<Scs0102TestcaseId> = new Set<Scs0102TestcaseId>([
  'scs-0102-prop-os_purpose',
  'scs-0102-prop-image_build_date',
  'scs-0102-prop-image_original_user',
  'scs-0102-prop-image_source',
  'scs-0102-prop-image_description',
  'scs-0102-prop-replace_frequency',
  'scs-0102-prop-provided_until',
  'scs-0102-prop-uuid_validity',
  'scs-0102-prop-hotfix_hours',
  'scs-0102-image-recency',
  // reads os_purpose from the properties of the public, non-hidden images it counts
  'scs-0102-os_purpose-uniqueness',
]);

/**
 * The testcases that name their offenders with `', '.join(names)` (`_log_error`): an offender
 * whose name is None makes the join raise. min_ram also joins the images below 64 MiB, which it
 * only warns about. (The uniqueness testcase joins per group: uniqueness.ts.)
 */
export const JOINS_OFFENDER_NAMES: ReadonlySet<Scs0102TestcaseId> = new Set<Scs0102TestcaseId>([
  'scs-0102-prop-architecture',
  'scs-0102-prop-hash_algo',
  'scs-0102-prop-min_disk',
  'scs-0102-prop-min_ram',
  'scs-0102-prop-os_version',
  'scs-0102-prop-os_distro',
  'scs-0102-prop-os_purpose',
  'scs-0102-prop-hw_disk_bus',
  'scs-0102-prop-hypervisor_type',
  'scs-0102-prop-hw_rng_model',
  'scs-0102-prop-image_original_user',
  'scs-0102-prop-image_source',
  'scs-0102-prop-image_description',
  'scs-0102-prop-replace_frequency',
  'scs-0102-prop-provided_until',
]);

/** Unnamed offenders of a testcase that joins its offenders' names, each as a crash. */
export function unnamedOffenderCrashes(id: Scs0102TestcaseId, observations: readonly Observation[]): Observation[] {
  if (!JOINS_OFFENDER_NAMES.has(id)) return [];
  const offenders = new Set<Image>();
  for (const o of observations) {
    if (!o.image?.nameMissing) continue;
    if (o.kind === 'violation' || (o.kind === 'warning' && id === 'scs-0102-prop-min_ram')) offenders.add(o.image);
  }
  return [...offenders].map((image) =>
    crash({
      image,
      problem: `${label(image)} has no name and is reported by this testcase`,
      why: 'it joins the names of the offending images, and None raises TypeError',
    }),
  );
}

/** An image without custom properties, in a testcase that reads them. */
export function noCustomPropertyCrash(image: Image): Observation {
  return crash({
    image,
    problem: `${label(image)} has no custom property at all`,
    why: 'openstacksdk gives such an image properties=None, which the test reads',
    expected: ['at least one custom property'],
  });
}
