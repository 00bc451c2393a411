/**
 * The `meta` keys of OIM's `etc/schema.yaml` and what is accepted for each, plus the
 * policy for keys the schema does not know.
 *
 * Deviations from the schema, on purpose (where users keep tripping over it, or SCS needs a value it refuses):
 * - unknown keys that look like Glance properties are accepted with a warning (Glance takes any property, and users need some),
 *   except `os_glance_*`/`os_hash_*` (Glance manages them) and Glance's own image attributes;
 * - `provided_until: notice` is accepted (SCS-0102 allows it);
 * - `os_purpose: oldgeneric` is accepted (SCS-0102-v2 defines it for rotated images);
 * - `os_distro`, `hw_machine_type`, `hw_firmware_type` and `hw_scsi_model` values outside OIM's
 *   lists warn instead of failing (the lists are incomplete: `almalinux` per osinfo-db, versioned
 *   machine types, `bios`);
 * - missing `hypervisor_type` and `os_purpose` warn (SCS-0102 v1 only recommends them; OIM's own
 *   test fixture omits them); the other SCS-mandatory keys stay required.
 */
import type { Checked } from './value-checks/checked.js';
import { checkProvidedUntil, checkUuidValidity } from './value-checks/lifecycle.js';

export type Requirement = 'required' | 'recommended' | 'optional';

export interface MetaRule {
  requirement: Requirement;
  /** Why a missing recommended key matters (warning text). */
  missingNote?: string;
  kind:
    | { type: 'enum'; values: readonly string[]; nullable?: boolean; soft?: boolean; softNote?: string; softOnlyForOim?: boolean }
    | { type: 'string' }
    | { type: 'int' }
    | { type: 'bool' }
    | { type: 'custom'; check: (v: unknown) => Checked<string> };
}

export const META_RULES: Readonly<Record<string, MetaRule>> = {
  architecture: { requirement: 'required', kind: { type: 'enum', values: ['x86_64', 'aarch64', 'risc-v'] } },
  hotfix_hours: { requirement: 'optional', kind: { type: 'int' } },
  hw_disk_bus: { requirement: 'required', kind: { type: 'enum', values: ['virtio', 'scsi'], nullable: true } },
  hw_firmware_type: {
    requirement: 'optional',
    kind: { type: 'enum', values: ['uefi'], nullable: true, soft: true, softNote: "Nova knows 'bios' and 'uefi'" },
  },
  hw_machine_type: {
    requirement: 'optional',
    kind: { type: 'enum', values: ['pc', 'q35', 'virt'], nullable: true, soft: true, softNote: 'make sure your hypervisor knows this machine type' },
  },
  hw_rng_model: { requirement: 'optional', kind: { type: 'enum', values: ['virtio'], nullable: true } },
  hw_scsi_model: {
    requirement: 'optional',
    kind: { type: 'enum', values: ['virtio-scsi'], soft: true, softNote: 'make sure your hypervisor knows this SCSI model' },
  },
  hw_vif_multiqueue_enabled: { requirement: 'optional', kind: { type: 'bool' } },
  hw_watchdog_action: { requirement: 'optional', kind: { type: 'enum', values: ['disabled', 'reset', 'poweroff', 'pause', 'none'] } },
  hypervisor_type: {
    requirement: 'recommended',
    missingNote: "recommended by scs-0102 and required by OIM's schema",
    kind: { type: 'enum', values: ['hyperv', 'ironic', 'lxc', 'qemu', 'uml', 'vmware', 'xen'] },
  },
  image_description: { requirement: 'optional', kind: { type: 'string' } },
  os_distro: {
    requirement: 'required',
    kind: {
      type: 'enum',
      values: [
        'arch',
        'centos',
        'cirros',
        'debian',
        'fedora',
        'freebsd',
        'gentoo',
        'mandrake',
        'mandriva',
        'mes',
        'msdos',
        'netbsd',
        'netware',
        'openbsd',
        'opensolaris',
        'opensuse',
        'rhel',
        'rocky',
        'sled',
        'talos',
        'ubuntu',
        'windows',
      ],
      soft: true,
      softNote: 'SCS follows osinfo-db short ids (e.g. almalinux); OIM --check would reject it',
      softOnlyForOim: true,
    },
  },
  os_version: { requirement: 'optional', kind: { type: 'string' } },
  os_purpose: {
    requirement: 'recommended',
    missingNote: "mandatory in scs-0102-v2 and required by OIM's schema",
    kind: { type: 'enum', values: ['generic', 'oldgeneric', 'minimal', 'k8snode', 'gpu', 'network', 'custom'] },
  },
  patchlevel: { requirement: 'optional', kind: { type: 'string' } },
  provided_until: { requirement: 'required', kind: { type: 'custom', check: checkProvidedUntil } },
  replace_frequency: {
    requirement: 'required',
    kind: { type: 'enum', values: ['yearly', 'quarterly', 'monthly', 'weekly', 'daily', 'critical_bug', 'never'] },
  },
  uuid_validity: { requirement: 'required', kind: { type: 'custom', check: checkUuidValidity } },
};

export const META_KEYS = Object.keys(META_RULES);

/**
 * Glance property names this tool accepts as a custom `meta` key: lowercase with `_` and `:`
 * namespaces, plus Placement traits (`trait:HW_CPU_X86_AVX2: required`), which are upper case.
 */
export const PROPERTY_NAME_RE = /^(?:[a-z0-9_:]+|trait:[A-Z0-9_]+)$/;
export const MAX_PROPERTY_NAME = 255;

/** Prefixes Glance reserves for itself: never set from a definition. */
export const RESERVED_PREFIXES = ['os_glance_', 'os_hash_'] as const;

/**
 * Glance image attributes (not custom properties). Setting one in `meta` cannot work; where the
 * definition has a field for it, the message names that field.
 */
export const GLANCE_ATTRIBUTES: Readonly<Record<string, string | undefined>> = {
  id: 'versions[].id',
  name: 'name',
  status: 'status',
  visibility: 'visibility',
  os_hidden: 'versions[].hidden',
  owner: undefined,
  created_at: undefined,
  updated_at: undefined,
  min_disk: 'min_disk',
  min_ram: 'min_ram',
  size: undefined,
  virtual_size: undefined,
  disk_format: 'format',
  container_format: undefined,
  tags: 'tags',
  protected: undefined,
  checksum: undefined,
  self: undefined,
  file: undefined,
  schema: undefined,
  stores: undefined,
  locations: undefined,
  direct_url: undefined,
};

/** Properties OIM sets itself from other fields; a meta value overrides or duplicates them. */
export const DERIVED_PROPERTIES: Readonly<Record<string, string>> = {
  image_source: 'normally derived from versions[].url',
  image_build_date: 'normally derived from versions[].build_date',
  image_original_user: 'normally derived from login',
  internal_version: 'normally set to the version label',
  upstream_checksum: 'normally set from checksums_url/checksum_url for version latest',
  image_name: 'defaults to the image name',
};
