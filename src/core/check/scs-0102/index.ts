/** scs-0102 image metadata: the public API of this module. */
export { checkImageMetadata, type CheckImageMetadataOptions } from './check-image-metadata.js';
export { SCS_0102_TESTCASES, type MetadataVersion, type Scs0102Testcase, type Scs0102TestcaseId } from './testcases.js';
export type { Difference, Reading } from '../advisory.js';
export type { RecencyAssessment, RecencyState } from './recency.js';
export type { GenericGroup } from './uniqueness.js';
