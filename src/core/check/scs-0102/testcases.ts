import type { Requirement } from '../result.js';

/** scs-0102 versions: v1 (Stable, certificate v5.1) and v2 (Draft, certificate `next`). */
const METADATA_VERSIONS = ['v1', 'v2'] as const;
export type MetadataVersion = (typeof METADATA_VERSIONS)[number];

export interface Scs0102Testcase {
  id: Scs0102TestcaseId;
  /** As in the SCS scope file (bundled: data/standards/scs-compatible-iaas.yaml). */
  description: string;
  /** The rule exactly as the official test applies it (which may differ from the standard's text). */
  rule: string;
  /** `mandatory` = the module's `main` target, `recommended` = its `-rec` module. */
  requirement: Readonly<Record<MetadataVersion, Requirement>>;
}

const M = 'mandatory';
const R = 'recommended';
const meaningful = (property: string): string => `Each image has a meaningful value for \`${property}\`.`;

/**
 * The scs-0102 testcases, in the order the results are returned, and their place in the scope
 * modules scs-0102-v1 / -v1-rec and scs-0102-v2 / -v2-rec (v2 moves os_purpose and the uniqueness
 * testcase into main). The one list of the ids: the id type and the rules by property
 * (property-rules.ts) are derived from it.
 */
const TABLE = [
  {
    id: 'scs-0102-prop-architecture',
    description: meaningful('architecture'),
    rule: 'architecture must be one of x86_64, aarch64, risc-v',
    requirement: { v1: M, v2: M },
  },
  { id: 'scs-0102-prop-hash_algo', description: meaningful('hash_algo'), rule: 'os_hash_algo must be sha256 or sha512', requirement: { v1: R, v2: R } },
  {
    id: 'scs-0102-prop-min_disk',
    description: meaningful('min_disk'),
    rule: 'min_disk must be set (non-zero), and min_disk GiB must hold the image data (size)',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-min_ram',
    description: meaningful('min_ram'),
    rule: 'min_ram must be set (non-zero); below 64 MiB is only a warning',
    requirement: { v1: M, v2: M },
  },
  { id: 'scs-0102-prop-os_version', description: meaningful('os_version'), rule: 'os_version must be non-empty', requirement: { v1: M, v2: M } },
  { id: 'scs-0102-prop-os_distro', description: meaningful('os_distro'), rule: 'os_distro must be non-empty', requirement: { v1: M, v2: M } },
  {
    id: 'scs-0102-prop-os_purpose',
    description: meaningful('os_purpose'),
    rule: 'os_purpose must be one of generic, oldgeneric, minimal, k8snode, gpu, network, custom',
    requirement: { v1: R, v2: M },
  },
  {
    id: 'scs-0102-prop-hw_disk_bus',
    description: meaningful('hw_disk_bus'),
    rule: 'hw_disk_bus must be virtio or scsi, or not set',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-hypervisor_type',
    description: meaningful('hypervisor_type'),
    rule: 'hypervisor_type must be one of qemu, kvm, xen, hyper-v, esxi, or not set',
    requirement: { v1: R, v2: R },
  },
  { id: 'scs-0102-prop-hw_rng_model', description: meaningful('hw_rng_model'), rule: 'hw_rng_model must be virtio, or not set', requirement: { v1: R, v2: R } },
  {
    id: 'scs-0102-prop-image_build_date',
    description: meaningful('image_build_date'),
    rule: 'image_build_date must be a UTC date (YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DD HH:MM:SS, YYYY-MM-DD HH:MM or YYYY-MM-DD), not after created_at and not in the future',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-image_original_user',
    description: meaningful('image_original_user'),
    rule: 'image_original_user must be non-empty',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-image_source',
    description: meaningful('image_source'),
    rule: 'image_source must be "private" or an http, https, ftp or ftps URL',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-image_description',
    description: meaningful('image_description'),
    rule: 'image_description must be non-empty',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-replace_frequency',
    description: meaningful('replace_frequency'),
    rule: 'replace_frequency must be one of yearly, quarterly, monthly, weekly, daily, critical_bug, never',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-provided_until',
    description: meaningful('provided_until'),
    rule: 'provided_until must be non-empty (any value)',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-uuid_validity',
    description: meaningful('uuid_validity'),
    rule: 'uuid_validity, if set, must be none, notice, forever, last-N or a date',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-prop-hotfix_hours',
    description: meaningful('hotfix_hours'),
    rule: 'hotfix_hours, if set and non-empty, must be a whole number',
    requirement: { v1: R, v2: R },
  },
  {
    id: 'scs-0102-image-recency',
    description: 'Each image is as recent as properties (if set) suggest.',
    rule: 'an image older than 1.1 × its replace_frequency (and still within provided_until) needs a non-outdated replacement named like it without the last word',
    requirement: { v1: M, v2: M },
  },
  {
    id: 'scs-0102-os_purpose-uniqueness',
    description: 'Generic OS images are uniquely identified via triple (architecture, os_distro, os_version).',
    rule: 'at most one public, non-hidden os_purpose=generic image per (architecture, os_distro, os_version)',
    requirement: { v1: R, v2: M },
  },
] as const satisfies readonly (Omit<Scs0102Testcase, 'id'> & { id: `scs-0102-${string}` })[];

export type Scs0102TestcaseId = (typeof TABLE)[number]['id'];

export const SCS_0102_TESTCASES: readonly Scs0102Testcase[] = TABLE;

const BY_ID = new Map<string, Scs0102Testcase>(SCS_0102_TESTCASES.map((t) => [t.id, t]));

export function isScs0102TestcaseId(id: string): id is Scs0102TestcaseId {
  return BY_ID.has(id);
}
