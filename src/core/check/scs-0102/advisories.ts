import type { Difference } from '../advisory.js';
import type { Scs0102TestcaseId } from './testcases.js';

export { advisoryMessage, type Reading } from '../advisory.js';

/** Where scs-0102's official test and the standard's text differ (see ../advisory.ts). */
export const SCS_0102_DIFFERENCES: readonly (Difference & { testcase: Scs0102TestcaseId })[] = [
  {
    id: 'hw_disk_bus-missing',
    testcase: 'scs-0102-prop-hw_disk_bus',
    reading: 'standard',
    reported: true,
    official: 'a missing hw_disk_bus passes',
    standard: 'hw_disk_bus is mandatory',
    reference: 'scs-0102 v1:54-59, v2:41-46',
  },
  {
    id: 'uuid_validity-missing',
    testcase: 'scs-0102-prop-uuid_validity',
    reading: 'standard',
    reported: true,
    official: 'a missing uuid_validity passes',
    standard: 'uuid_validity is mandatory',
    reference: 'scs-0102 v2:118-185',
  },
  {
    id: 'uuid_validity-format',
    testcase: 'scs-0102-prop-uuid_validity',
    reading: 'standard',
    reported: true,
    official: 'none, notice, forever, last- followed by decimal digits, or a date in any of the four image_build_date formats',
    standard: 'none, last-N, YYYY-MM-DD, notice or forever',
    reference: 'scs-0102 v2:118-185',
  },
  {
    id: 'provided_until-format',
    testcase: 'scs-0102-prop-provided_until',
    reading: 'standard',
    reported: true,
    official: 'any non-empty value passes',
    standard: 'YYYY-MM-DD, none or notice',
    reference: 'scs-0102 v2:162-164',
  },
  {
    id: 'hypervisor_type-spellings',
    testcase: 'scs-0102-prop-hypervisor_type',
    reading: 'standard',
    reported: true,
    official: 'qemu, kvm, xen, hyper-v, esxi or not set',
    standard: 'values as in the OpenStack docs: hyperv, ironic, lxc, qemu, uml, vmware, xen (older docs also kvm)',
    reference: 'scs-0102 v2:87-90',
  },
  {
    id: 'image_build_date-format',
    testcase: 'scs-0102-prop-image_build_date',
    reading: 'standard',
    reported: true,
    official:
      'YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DD HH:MM:SS, YYYY-MM-DD HH:MM or YYYY-MM-DD, read by Python strptime (unpadded fields, lower-case t/z and extra whitespace also pass)',
    standard: 'YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss] (UTC)',
    reference: 'scs-0102 v2:216-227',
  },
  {
    id: 'os_purpose-oldgeneric-v1',
    testcase: 'scs-0102-prop-os_purpose',
    reading: 'standard',
    reported: true,
    official: 'oldgeneric is accepted for v1 and v2',
    standard: 'oldgeneric exists only in v2; v1 lists generic, minimal, k8snode, gpu, network, custom',
    reference: 'scs-0102 v1:74-93, v2:56-72',
  },
  {
    id: 'recency-notice',
    testcase: 'scs-0102-image-recency',
    reading: 'standard',
    reported: true,
    official: 'provided_until=notice exempts an outdated image, like none',
    standard: 'notice means the image is provided until further notice, so it still has to be replaced per replace_frequency',
    reference: 'scs-0102 v2:162-163',
  },
  {
    id: 'recency-parenthesised-date',
    testcase: 'scs-0102-image-recency',
    reading: 'standard',
    reported: true,
    official:
      'only a last name word old, prev, YYYY-MM-DD or YYYYMMDD marks a rotated image; "Name (YYYYMMDD)" (openstack-image-manager) is unmarked and warned about',
    standard: 'old images are hidden and/or renamed with a YYYYMMDD suffix',
    reference: 'scs-0102 v2:177-182',
  },
  {
    id: 'recency-missing-provided_until',
    testcase: 'scs-0102-image-recency',
    reading: 'standard',
    reported: true,
    official: 'an outdated image without provided_until makes the whole testcase ABORT (KeyError); this check ABORTs too',
    standard: 'provided_until is mandatory, so the image fails (--strict-reading)',
    reference: 'image_metadata.py:83',
  },
  {
    id: 'recency-grace',
    testcase: 'scs-0102-image-recency',
    reading: 'standard',
    reported: false,
    official: 'an image is outdated 1.1 × replace_frequency after its image_build_date (or created_at)',
    standard: 'the frequency counts from the first release; up to 3 days late are tolerated',
    reference: 'scs-0102 v2:135-139',
  },
];
