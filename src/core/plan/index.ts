/** The image manager's planner: pure functions from definitions + cloud images + clock to a Plan. */
export { planImages, type PlanImagesInput } from './plan-images.js';
export { fingerprintImages } from './fingerprint.js';
export type { DesiredVersion } from './desired.js';
export type { ImageDiff, TargetState } from './diff-image.js';
export type { Assignment, ClaimedImage } from './match.js';
export { readPlan, serializePlan } from './plan-file.js';
export * from './types.js';
