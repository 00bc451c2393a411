import type { Requirement } from '../result.js';

/**
 * The testcases of the scs-0104 v2 standard (Draft). The official test (as of 2026-09-11)
 * implements the required ones: source of generic images, CAPI properties, current Ubuntu LTS. It
 * publishes no ids for them, so the ids are this tool's, in the SCS style (`scs-0104-v2-…`); the
 * mapping to the official functions is in docs/fidelity.md.
 */
export interface Scs0104V2Testcase {
  id: Scs0104V2TestcaseId;
  description: string;
  /** The rule as this implementation applies it. */
  rule: string;
  /** MUST/REQUIRED → mandatory, SHOULD/RECOMMENDED → recommended. */
  requirement: Requirement;
}

/** The testcases in the order the results are returned: the one list of the ids (the id type is derived from it). */
const TABLE = [
  {
    id: 'scs-0104-v2-source-generic',
    description: 'Generic Debian and Ubuntu images have an image_source from the vendor.',
    rule:
      'every image with os_purpose=generic and os_distro ubuntu/debian has an image_source (missing counts as empty) starting with ' +
      'https://cloud-images.ubuntu.com/ (Ubuntu), https://cloud.debian.org/images/cloud/ or https://cdimage.debian.org/cdimage/cloud/ (Debian), ' +
      "as the official test checks it; the codename folder of the standard's table (…/noble/, …/trixie/) is an advisory (--explain)",
    requirement: 'mandatory',
  },
  {
    id: 'scs-0104-v2-capi-properties',
    description: 'Official SCS CAPI images carry the required image_source, os_purpose and image_description.',
    rule:
      "every image whose name matches 'ubuntu-capi-image( |-)v[0-9]\\.[0-9]+(\\.[0-9]+)?' (re.match) has an image_source " +
      'under https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ (or the tolerated regiocloud swift ' +
      'container), os_purpose=k8snode and image_description=https://github.com/osism/k8s-capi-images',
    requirement: 'mandatory',
  },
  {
    id: 'scs-0104-v2-ubuntu-lts-latest',
    description: 'Required: a generic image of the latest Ubuntu LTS is present.',
    rule:
      "an image with os_distro=ubuntu, os_purpose=generic and os_version exactly 'YY.04' of the latest even year; " +
      'until April 30 of an LTS year the previous LTS is accepted too (by the calendar, as the official test intends)',
    requirement: 'mandatory',
  },
  {
    id: 'scs-0104-v2-ubuntu-lts-previous',
    description: 'Recommended: a generic image of the previous Ubuntu LTS is present.',
    rule: 'an image with os_distro=ubuntu, os_purpose=generic and os_version of the LTS before the required latest LTS',
    requirement: 'recommended',
  },
  {
    id: 'scs-0104-v2-debian-stable-latest',
    description: 'Recommended: a generic image of the latest Debian stable is present.',
    rule: 'an image with os_distro=debian, os_purpose=generic and os_version of the latest stable release; a new release counts from one month after its release',
    requirement: 'recommended',
  },
  {
    id: 'scs-0104-v2-debian-stable-previous',
    description: 'Recommended: a generic image of the previous Debian stable is present.',
    rule: 'an image with os_distro=debian, os_purpose=generic and os_version of the release before the latest stable',
    requirement: 'recommended',
  },
  {
    id: 'scs-0104-v2-capi-present',
    description: 'Recommended: an official SCS CAPI image is present.',
    rule: "an image whose name matches 'ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?' (re.match; the dash form only)",
    requirement: 'recommended',
  },
] as const satisfies readonly (Omit<Scs0104V2Testcase, 'id'> & { id: `scs-0104-v2-${string}` })[];

export type Scs0104V2TestcaseId = (typeof TABLE)[number]['id'];

export const SCS_0104_V2_TESTCASES: readonly Scs0104V2Testcase[] = TABLE;

const BY_ID = new Map<string, Scs0104V2Testcase>(SCS_0104_V2_TESTCASES.map((t) => [t.id, t]));

export function isScs0104V2TestcaseId(id: string): id is Scs0104V2TestcaseId {
  return BY_ID.has(id);
}
