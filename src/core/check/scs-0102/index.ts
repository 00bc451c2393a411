/** scs-0102 image metadata: the public API of this module. */
export { checkImageMetadata, type CheckImageMetadataOptions } from './check-image-metadata.js';
export {
  METADATA_VERSIONS,
  SCS_0102_TESTCASES,
  SCS_0102_TESTCASE_IDS,
  isScs0102TestcaseId,
  scopeModule,
  scs0102Testcase,
  type MetadataVersion,
  type Scs0102Testcase,
  type Scs0102TestcaseId,
} from './testcases.js';
export { ADVISORY_PREFIX, advisoryReading, isAdvisory, type Difference, type Reading } from '../advisory.js';
export { SCS_0102_DIFFERENCES } from './advisories.js';
export { parseScsDate, strptimeUtc, DATE_FORMATS, MARKER_DATE_FORMATS, STRICT_FORMATS } from './dates.js';
export { assessRecency, findReplacement, FREQUENCY_SECONDS, GRACE_FACTOR, type RecencyAssessment, type RecencyState } from './recency.js';
export { genericGroups, type GenericGroup } from './uniqueness.js';
