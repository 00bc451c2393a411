/** `scs-images init`, pure: targets from a v1 spec and/or the v2 draft, definitions, coverage. */
export { CAPI_VERSION_RE, DEFAULT_CAPI_VERSION } from './catalog.js';
export type { Coverage } from './coverage.js';
export { parseDistroRequest, targetsFromDistros, type DistroFamily, type DistroRequest } from './distro-targets.js';
export { generateDefinitions, type HeaderInfo, type InitResult } from './generate.js';
export { mergeSelections, type TargetSelection } from './selection.js';
export { targetsFromSpec } from './spec-targets.js';
export { checkBaseUrl } from './urls.js';
export { targetsFromV2 } from './v2-targets.js';
export { FAMILIES, type DraftFile, type Family, type InitOptions, type InitTarget, type Requirement, type Uncovered } from './types.js';
