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
  DISTRO_RELEASES_FORMAT_VERSION,
  RELEASE_DISTROS,
  compareVersions,
  parseDistroReleases,
  type DebianRelease,
  type DistroRelease,
  type DistroReleases,
  type ReleaseDistro,
  type UbuntuRelease,
} from './distro-releases.js';
export {
  debianStableSince,
  releaseLabel,
  resolveTargets,
  STALE_AFTER_YEARS,
  ubuntuLtsSince,
  type ReleaseTarget,
  type ReleaseTargets,
  type TrackResolution,
} from './targets.js';
export {
  GENERIC_PURPOSE,
  OFFICIAL_VENDOR_PREFIXES,
  VENDOR_SOURCE_TEMPLATES,
  genericDistro,
  isGenericImageOf,
  readOsVersion,
  vendorBases,
  vendorPrefixes,
  type OsVersionReading,
} from './generic-images.js';
export {
  CAPI_IMAGE_DESCRIPTION,
  CAPI_NAME_SCHEME,
  CAPI_OS_PURPOSE,
  CAPI_PRESENCE_SCHEME,
  CAPI_SOURCE_PREFIXES,
} from './capi.js';
export { addMonths, isIsoDate } from './calendar.js';
export { requiredUbuntuLts, type LtsRequirement } from './lts-calendar.js';
export { SCS_0104_V2_DIFFERENCES } from './differences.js';
