/**
 * scs-images library API. The use cases (runCheck, predict, makePlan, applyChanges, ensure, ...)
 * are the functions the CLI calls; below them, the pieces: spec and scope loading, the OpenStack
 * client, the pure checks and planner. Nothing here reads process.env or the clock unless you
 * pass them.
 */

// use cases: typed requests in, values out
export { checkCompliance, type ComplianceOptions } from './usecases/check/check-compliance.js';
export { runCheck, type CheckRequest, type CheckSource } from './usecases/check/run-check.js';
export { predict, type PredictRequest } from './usecases/predict.js';
export { makePlan, type PlanRequest, type PlanSession } from './usecases/plan.js';
export { applyChanges, openSavedPlan, StalePlanError, type ApplyChangesOptions } from './usecases/apply.js';
export { ensure, type EnsureRequest, type EnsureHooks, type EnsureOutcome } from './usecases/ensure.js';
export { share, type ShareRequest, type ShareTarget, type ShareEvent } from './usecases/share.js';
export { initDefinitions, type InitRequest, type InitOutcome } from './usecases/init/init-definitions.js';
export { updateDefinitions, type UpdateOptions, type UpdateReport } from './usecases/update/update-definitions.js';
export { openCloud, openProjectCloud, type OpenCloudOptions, type ProjectCloud } from './openstack/open-cloud.js';
export type { Image, ImageRef, Visibility } from './core/images/image.js';
export { VISIBILITIES } from './core/images/image.js';

export type { ImageSpec, ImageSpecEntry, EntryStatus } from './core/spec/image-spec.js';
export { parseImageSpec } from './core/spec/parse-image-spec.js';
export { compileNameScheme, translatePythonRegex, PythonRegexError, type NameMatcher } from './core/spec/python-regex.js';
export { testcaseSlug, imageTestcaseId, sourceTestcaseId } from './core/spec/testcase-ids.js';
export { loadImageSpec, defaultSpecName } from './usecases/default-spec.js';
export { BUNDLED_SPECS } from './inputs/bundled.js';

export { checkStandardImages, abortStandardImages } from './core/check/check-standard-images.js';
export { selectImages, DEFAULT_SELECTION, DEFAULT_VISIBILITIES, type ImageSelection } from './core/check/select-images.js';
export type { Finding, FindingLevel, Requirement, TestcaseResult, Verdict, CheckSummary } from './core/check/result.js';
export type { RunContext, TestcaseSelection } from './core/check/rule-sets.js';
export { isCompliant, summarize } from './core/check/result.js';
export { COMPLIANCE_VERDICTS, verdictOf, overallVerdictOf, type ComplianceVerdict } from './core/check/verdict.js';
export { buildReport, REPORT_FORMAT_VERSION, type CheckReport, type Subject, type ModuleRef, type ScopeRef, type SubjectReport } from './core/check/report.js';
export { runRuleSets, abortRuleSets, type RuleSet } from './core/check/rule-sets.js';
export { checkImageMetadata, SCS_0102_TESTCASES } from './core/check/scs-0102/index.js';
export { explainDifferences } from './core/check/differences.js';
export { ADVISORY_PREFIX, advisoryReading, isAdvisory, type Difference, type Reading } from './core/check/advisory.js';
export { parseScope } from './core/scope/parse-scope.js';
export { selectScopeVersion } from './core/scope/select-version.js';
export { resolveRuleSets, STANDARDS, type RuleSetRequest, type ResolvedRuleSets, type StandardId } from './usecases/check/resolve-rule-sets.js';
export { loadScope } from './inputs/load-scope.js';

export { InputError, InputErrors, type InputLocation } from './core/errors.js';

export { parseImagesFile, type ImagesFile } from './inputs/parse-images-file.js';
export { renderReport, FORMATS, type ReportFormat, type RenderOptions } from './reporters/index.js';

export {
  connect,
  loadCloudConfig,
  listClouds,
  ImageClient,
  OpenStackError,
  HttpError,
  AuthError,
  LoginError,
  ConfigError,
  ConnectionError,
  TimeoutError,
  type OpenStackClient,
  type CloudConfig,
  type ConnectOptions,
} from './openstack/index.js';

import type { ImageClient as ImageClientType } from './openstack/image/v2/client.js';
import type { Image as ImageType } from './core/images/image.js';

/** Every image of the default listing (all pages; `member_status=all` as the official test). */
export function listAllImages(image: ImageClientType): Promise<ImageType[]> {
  return image.listAllImages({ memberStatus: 'all' });
}

// the image manager: definitions → plan (pure) → apply (the only code that changes a cloud)
export {
  planImages,
  readPlan,
  serializePlan,
  fingerprintImages,
  type Plan,
  type Change,
  type OutdatedPolicy,
  type PlanImagesInput,
} from './core/plan/index.js';
export { applyPlan } from './apply/apply-plan.js';
export { loadDefinitions } from './inputs/load-definitions.js';
export type { ApplyOptions, ApplyEvent, ApplyResult, ChangeResult } from './apply/types.js';
