/** scs-0104 v2 (Draft) standard images: the public API of this module. */
export { checkStandardImagesV2, type CheckStandardImagesV2Options } from './check-standard-images-v2.js';
export {
  SCS_0104_V2_TESTCASES,
  SCS_0104_V2_TESTCASE_IDS,
  isScs0104V2TestcaseId,
  scs0104V2Testcase,
  type Scs0104V2Testcase,
  type Scs0104V2TestcaseId,
} from './testcases.js';
export {
  GENERIC_PURPOSE,
  OFFICIAL_VENDOR_PREFIXES,
  genericDistro,
  isGenericImageOf,
  readOsVersion,
  type OsVersionReading,
} from './generic-images.js';
export {
  CAPI_IMAGE_DESCRIPTION,
  CAPI_NAME_SCHEME,
  CAPI_OS_PURPOSE,
  CAPI_PRESENCE_SCHEME,
  CAPI_SOURCE_PREFIXES,
} from './capi.js';
export { SCS_0104_V2_DIFFERENCES } from './differences.js';
