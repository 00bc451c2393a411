import type { Difference } from '../advisory.js';
import type { Scs0104V2TestcaseId } from './testcases.js';

/**
 * Where this check's scs-0104 v2 verdicts and the official test (as of 2026-09-11, see
 * reference-revisions.ts and docs/fidelity.md) differ, and why. `standard`: the verdict follows the official
 * test and the advisory shows the standard's stricter table. `official`: the official code has an
 * evident defect; the verdict follows the standard's intent and the advisory says what the code does.
 */
export const SCS_0104_V2_DIFFERENCES: readonly (Difference & { testcase: Scs0104V2TestcaseId })[] = [
  {
    id: 'v2-source-codename',
    testcase: 'scs-0104-v2-source-generic',
    reading: 'standard',
    reported: true,
    official:
      'image_source must start with the vendor prefix only (https://cloud-images.ubuntu.com/; https://cloud.debian.org/images/cloud/ or https://cdimage.debian.org/cdimage/cloud/); a missing one fails',
    standard: "the standard's table names the release's codename folder (…/releases/noble/, …/trixie/) matching os_version",
    reference: 'scs-0104 v2 table of sources',
  },
  {
    id: 'v2-lts-odd-year',
    testcase: 'scs-0104-v2-ubuntu-lts-latest',
    reading: 'official',
    reported: true,
    official: 'computes the LTS year with year % 1 (always 0), so in odd years it asks for a YY.04 that does not exist and fails every cloud',
    standard: 'this check asks for YY.04 of the latest even year, as the standard intends',
    reference: 'evident defects of the official test',
    signature: 'year arithmetic',
  },
  {
    id: 'v2-lts-grace',
    testcase: 'scs-0104-v2-ubuntu-lts-latest',
    reading: 'official',
    reported: true,
    official: "compares the date class's attribute instead of today's year, so the grace period never applies",
    standard: 'this check accepts the previous LTS until April 30 of an LTS year (the new one is due no later than April 30)',
    reference: 'evident defects of the official test',
    signature: 'grace period never applies',
  },
  {
    id: 'v2-capi-pattern',
    testcase: 'scs-0104-v2-capi-properties',
    reading: 'official',
    reported: true,
    official: 'the CAPI name pattern is written with a doubled backslash inside a raw string, so it matches no real CAPI name and the testcase always passes',
    standard: "this check matches 'ubuntu-capi-image( |-)v[0-9]\\.[0-9]+(\\.[0-9]+)?' and checks image_source, os_purpose and image_description",
    reference: 'evident defects of the official test',
  },
  {
    id: 'v2-recommended-no-official',
    testcase: 'scs-0104-v2-capi-present',
    reading: 'standard',
    reported: false,
    official:
      'the official test implements only the required testcases (source, CAPI, current Ubuntu LTS); previous LTS, Debian stable and CAPI presence have no official counterpart',
    standard: "these recommended testcases are this tool's reading of the standard's text",
    reference: 'standards pull request #1276',
  },
];
