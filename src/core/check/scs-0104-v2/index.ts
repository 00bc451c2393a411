/** scs-0104 v2 (Draft) standard images: the public API of this module. */
export { checkStandardImagesV2, type CheckStandardImagesV2Options } from './check-standard-images-v2.js';
export type { Scs0104V2Testcase, Scs0104V2TestcaseId } from './testcases.js';
export type { OsVersionReading } from './generic-images.js';
