/** The image manager's planner: pure functions from definitions + cloud images + clock to a Plan. */
export { planImages, compareChanges, type PlanImagesInput } from './plan-images.js';
export { fingerprintImages } from './fingerprint.js';
export { desiredVersions, desiredProperties, desiredTags, importSource, type DesiredVersion } from './desired.js';
export { diffImage, isGlanceManaged, type ImageDiff, type TargetState } from './diff-image.js';
export { assignImages, managedImages, type Assignment, type ClaimedImage } from './match.js';
export { retainedVersions } from './retention.js';
export { OWNED_PROPERTIES, isSettled, minDiskFor } from './targets.js';
export { readPlan, serializePlan } from './plan-file.js';
export * from './types.js';
