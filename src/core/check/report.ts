import type { CheckSummary, TestcaseResult } from './result.js';
import { summarize } from './result.js';
import { overallVerdictOf, verdictOf, type ComplianceVerdict } from './verdict.js';
import { clipEchoed, clipStrings } from '../text/clip.js';
import type { InventoryEntry } from './inventory.js';
import { dashboardView, type DashboardView } from './dashboard.js';

/**
 * Version of the JSON report (`--format json`). Minor bumps only add fields (consumers ignore
 * unknown ones); a major bump breaks compatibility. Documented in docs/report-format.md.
 * 2.0: several subjects per report (many clouds), modules and scopes.
 * 2.1: `scope.date` and `modules[].date` (the date of a bundled copy), `warnings`.
 * 2.2: `subjects[].subject.connection`, `modules[].reference`.
 * 2.3: `subjects[].inventory` (every listed image), `invocation` (the command line, redacted).
 * 2.4: `verdict` and `subjects[].verdict` (compliant, not-compliant or no-verdict).
 * 2.5: verdict `inconclusive`, `testcases[].officialAbort`, `summary.officialAborts`,
 *      `options.strictReading`, `subjects[].dashboard` (what the SCS dashboard will show).
 * 2.6: `scope.versions` and `subjects[].versions`: every version the official runner checks on
 *      the day (the one in force and, e.g., a draft), each with its own verdict and dashboard view;
 *      `testcases` holds the union, `summary` and `verdict` are the version in force's.
 * 2.7: `ownerView` (check --owner: only one project's images, never the official verdict).
 */
export const REPORT_FORMAT_VERSION = '2.7';

/** What was checked: a cloud (by clouds.yaml name) or an offline image list (by file name). */
export interface Subject {
  kind: 'cloud' | 'file';
  /** clouds.yaml cloud name, or the images file path. */
  name: string;
  region?: string;
  /** Who checked what, for an auditor's record (never a secret): a cloud that could be opened. */
  connection?: SubjectConnection;
}

export interface SubjectConnection {
  authUrl: string;
  user?: { id: string; name: string };
  project?: { id: string; name: string };
  /** The Glance endpoint the images were listed from. */
  imageEndpoint: string;
  /** The roles of the token the images were listed with (the official pre-flight refuses admin and manager). */
  roles?: string[];
}

/**
 * A group of testcases from one standard: a module of a certificate scope (`scs-0104-v1-2`,
 * `scs-0102-v1`) or, without a scope, the standard that was asked for (`scs-0104-v1`).
 */
export interface ModuleRef {
  id: string;
  /** e.g. "Standard images", "Image metadata". */
  name: string;
  /** The standard's document. */
  url?: string;
  /** Where its rules' data came from: a spec file (bundled name, path or URL), or `built-in`. */
  source: string;
  /** YYYY-MM-DD: when `source` is a file bundled with scs-images, the day the copy was taken. */
  date?: string;
  /** The revision of the official SCS test whose verdicts these rules follow (see reference-revisions.ts). */
  reference?: string;
}

/** The certificate scope a run followed (`--scope`). */
export interface ScopeRef {
  name: string;
  uuid: string;
  url: string;
  version: string;
  /** Bundled name, file or URL of the scope file. */
  source: string;
  /** YYYY-MM-DD: when the scope file is the bundled one, the day the copy was taken. */
  date?: string;
  /**
   * Every version checked, as the official runner checks them without a forced version: the one in
   * force (`version`) first, then the others its timeline names on the day (a draft shows what is
   * coming). Absent when one version was run.
   */
  versions?: ScopeVersionRef[];
}

/** A scope version a run checked, with the image testcases it includes and how much each counts. */
export interface ScopeVersionRef {
  version: string;
  /** Its state on the day (`effective`, `draft`, `warn`, `deprecated`), if the timeline names it. */
  state?: string;
  /** The version in force: the report's `summary` and `verdict` are its. */
  inForce: boolean;
  testcases: Array<{ id: string; requirement: 'mandatory' | 'recommended' }>;
}

/** One subject's result for one scope version (`scope.versions`). */
export interface VersionResult {
  version: string;
  state?: string;
  inForce: boolean;
  summary: CheckSummary;
  verdict: ComplianceVerdict;
  dashboard?: DashboardView;
}

export interface SubjectReport {
  subject: Subject;
  images: {
    /** All images the listing returned. */
    listed: number;
    /** Those that passed the visibility filter and were checked. */
    considered: number;
  };
  /** Each testcase's `module` names one of the report's modules. */
  testcases: TestcaseResult[];
  /** Every listed image, with the testcases that looked at it or why none did (absent when nothing was listed). */
  inventory?: InventoryEntry[];
  summary: CheckSummary;
  /** Decided by verdict.ts from `summary` and `error`; every format and the exit code read it. */
  verdict: ComplianceVerdict;
  /** `verdict` is `compliant` (kept for consumers of format 2.3 and older). */
  compliant: boolean;
  /** What the SCS compliance monitor will show for these results (dashboard.ts); only with a scope. */
  dashboard?: DashboardView;
  /** Per scope version checked (`scope.versions`), the one in force first. */
  versions?: VersionResult[];
  /** Why the subject could not be checked (auth failed, unreachable, listing incomplete); its testcases are ABORT. */
  error?: string;
}

export interface CheckOptionsRecord {
  visibilities: string[];
  includeHidden: boolean;
  allCommunity: boolean;
  strict: boolean;
  /** `--strict-reading`: FAIL where the official test aborts on its input (default: ABORT, as it does). */
  strictReading: boolean;
  /** Reference behaviour for duplicate names (only the last listed image per name is checked). */
  collapseDuplicates: boolean;
}

export interface CheckReport {
  formatVersion: string;
  tool: { name: 'scs-images'; version: string };
  /** ISO 8601; the clock is an input, recorded for reproducibility. */
  checkedAt: string;
  scope?: ScopeRef;
  modules: ModuleRef[];
  options: CheckOptionsRecord;
  subjects: SubjectReport[];
  /** About the run as a whole, e.g. bundled standards data that may be out of date. Never changes a verdict. */
  warnings: string[];
  /** How the run was started, for the record: the command line with secrets redacted (set by the CLI). */
  invocation?: { commandLine: string[] };
  /** Over all subjects. */
  summary: CheckSummary;
  /** Over all subjects (verdict.ts): a subject not compliant decides, then one without a verdict, then one inconclusive. */
  verdict: ComplianceVerdict;
  /** `verdict` is `compliant`: there is a subject and every one is compliant. */
  compliant: boolean;
  /**
   * `check --owner`: the same check over only the images one project owns, for operators. Never
   * the official verdict: `verdict`, `summary` and the exit code above ignore it (format 2.5).
   */
  ownerView?: OwnerView;
}

/** The report of `check --owner` beside the official one (CheckReport.ownerView). */
export interface OwnerView {
  /** As given: a project id, or `self` (each subject's own project). */
  owner: string;
  /** Says that this is not the official verdict. */
  note: string;
  subjects: SubjectReport[];
  summary: CheckSummary;
  verdict: ComplianceVerdict;
}

export interface SubjectInput {
  subject: Subject;
  images: SubjectReport['images'];
  testcases: TestcaseResult[];
  inventory?: InventoryEntry[];
  error?: string;
}

export interface BuildReportInput {
  toolVersion: string;
  checkedAt: Date;
  scope?: ScopeRef;
  modules: ModuleRef[];
  options: CheckOptionsRecord;
  subjects: SubjectInput[];
  warnings?: readonly string[];
  /** When the dashboard is looked at, for its view (results expire); default `checkedAt`. */
  dashboardAt?: Date;
}

export function buildReport(input: BuildReportInput): CheckReport {
  const { strict } = input.options;
  const versions = input.scope?.versions;
  const inForce = versions?.find((v) => v.inForce);
  const dashboardAt = input.dashboardAt ?? input.checkedAt;
  const subjects: SubjectReport[] = input.subjects.map((s) => {
    // the verdict is the version in force's; a testcase only another version includes is shown, not counted
    const counted = inForce ? ofVersion(s.testcases, inForce, versions ?? []) : s.testcases;
    const summary = summarize(counted, strict);
    const verdict = verdictOf(summary, s.error);
    const dashboard = input.scope
      ? dashboardView({ version: input.scope.version, testcases: counted, checkedAt: input.checkedAt, now: dashboardAt })
      : undefined;
    const perVersion = versions?.map((v): VersionResult => {
      const own = ofVersion(s.testcases, v, versions);
      const vSummary = summarize(own, strict);
      return {
        version: v.version,
        ...(v.state !== undefined ? { state: v.state } : {}),
        inForce: v.inForce,
        summary: vSummary,
        verdict: verdictOf(vSummary, s.error),
        dashboard: dashboardView({ version: v.version, testcases: own, checkedAt: input.checkedAt, now: dashboardAt }),
      };
    });
    return {
      subject: s.subject,
      images: s.images,
      // names, values and messages come from the cloud or a file: clipped once here, for every format
      testcases: s.testcases.map(clipTestcase),
      ...(s.inventory ? { inventory: s.inventory.map((e) => clipStrings(e)) } : {}),
      summary,
      verdict,
      compliant: verdict === 'compliant',
      ...(dashboard ? { dashboard } : {}),
      ...(perVersion ? { versions: perVersion } : {}),
      ...(s.error !== undefined ? { error: s.error } : {}),
    };
  });
  const verdict = overallVerdictOf(subjects.map((s) => s.verdict));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'scs-images', version: input.toolVersion },
    checkedAt: input.checkedAt.toISOString(),
    ...(input.scope ? { scope: input.scope } : {}),
    modules: input.modules,
    options: input.options,
    subjects,
    warnings: [...(input.warnings ?? [])],
    summary: summarize(
      input.subjects.flatMap((s) => (inForce ? ofVersion(s.testcases, inForce, versions ?? []) : s.testcases)),
      strict,
    ),
    verdict,
    compliant: verdict === 'compliant',
  };
}

/**
 * A version's testcases with the requirement it gives each. A testcase no version of the scope
 * includes (a recommended module run on request) belongs to the version in force.
 */
function ofVersion(testcases: readonly TestcaseResult[], version: ScopeVersionRef, all: readonly ScopeVersionRef[]): TestcaseResult[] {
  const own = new Map(version.testcases.map((t) => [t.id, t.requirement]));
  const anywhere = new Set(all.flatMap((v) => v.testcases.map((t) => t.id)));
  return testcases.flatMap((tc) => {
    const requirement = own.get(tc.id);
    if (requirement !== undefined) return [requirement === tc.requirement ? tc : { ...tc, requirement }];
    return version.inForce && !anywhere.has(tc.id) ? [tc] : [];
  });
}

/** A message quotes values and is a sentence: longer than one value, but never unbounded. */
const MAX_MESSAGE_CHARS = 1000;

function clipTestcase(tc: TestcaseResult): TestcaseResult {
  return {
    ...tc,
    images: tc.images.map((i) => ({ id: clipEchoed(i.id), name: clipEchoed(i.name) })),
    findings: tc.findings.map((f) => ({
      ...clipStrings(f),
      message: clipEchoed(f.message, MAX_MESSAGE_CHARS),
      ...(f.image ? { image: { id: clipEchoed(f.image.id), name: clipEchoed(f.image.name) } } : {}),
    })),
  };
}
