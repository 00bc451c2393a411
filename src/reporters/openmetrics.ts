/**
 * `--format openmetrics`: a check (or audit) report as Prometheus metrics, for node_exporter's
 * textfile collector and for `scs-images serve`. Every metric is documented in docs/metrics.md.
 *
 * Labels are bounded: a subject is `cloud` and `region`; a testcase adds `scope_version`, `module`,
 * `testcase` and `requirement` (all from the spec, never from a finding's text); an image adds only
 * `image_id` and `image_name` (sanitised and clipped by the exposition writer). Values follow the
 * SCS compliance monitor's encoding where there is a verdict: 1 PASS, 0 ABORT, -1 FAIL. Times are
 * Unix timestamps in seconds (Prometheus' base unit), so "days left" is `(metric - time()) / 86400`
 * and a file that is not refreshed never claims a wrong number of days.
 *
 * Pure: the release data (end of support) and the state of a long-running exporter come in as
 * options.
 */
import type { CheckReport, SubjectReport } from '../core/check/report.js';
import type { TestcaseResult } from '../core/check/result.js';
import { parseScsDate } from '../core/check/scs-0102/dates.js';
import { assessRecency } from '../core/check/scs-0102/recency.js';
import type { DistroRelease, DistroReleases } from '../core/releases/distro-releases.js';
import type { InventoryEntry } from '../core/check/inventory.js';
import type { ComplianceVerdict } from '../core/check/verdict.js';
import { renderExposition, type ExpositionDialect, type MetricFamily, type Sample } from './exposition.js';

/** What a long-running exporter knows about a subject beyond its report. */
export interface SubjectState {
  /** The results are the last good ones of a cloud whose latest check failed. */
  stale: boolean;
  /** When the exported results were obtained (default: the report's checkedAt). */
  checkedAt?: Date;
}

export interface OpenMetricsOptions {
  /** Release facts (data/distros/releases.json) for the end-of-support metric; without them it is left out. */
  releases?: DistroReleases | undefined;
  /** Per subject, in report order (serve). */
  subjectStates?: ReadonlyArray<SubjectState | undefined>;
  dialect?: ExpositionDialect;
}

/** The id of the audit's module (usecases/audit/run-audit.ts): its report has one testcase per image. */
const AUDIT_MODULE_ID = 'audit';
// inconclusive sits between pass and no verdict: the dashboard shows it as passed with an asterisk
const VERDICT_VALUE: Readonly<Record<ComplianceVerdict, number>> = { compliant: 1, inconclusive: 0.5, 'no-verdict': 0, 'not-compliant': -1 };
const RESULT_VALUE = { PASS: 1, ABORT: 0, FAIL: -1 } as const;

const subjectLabels = (s: SubjectReport): Record<string, string> => ({ cloud: s.subject.name, region: s.subject.region ?? '' });
const imageLabels = (s: SubjectReport, id: string, name: string): Record<string, string> => ({ ...subjectLabels(s), image_id: id, image_name: name });

/** Every image was listed and every testcase decided. */
function succeeded(s: SubjectReport, state: SubjectState | undefined): boolean {
  return !state?.stale && s.error === undefined && s.testcases.every((t) => t.verdict !== 'ABORT');
}

/** The metric families of a report (check or audit), in a fixed order. */
export function reportMetricFamilies(report: CheckReport, opts: OpenMetricsOptions = {}): MetricFamily[] {
  const isAudit = report.modules.length > 0 && report.modules.every((m) => m.id === AUDIT_MODULE_ID);
  const at = (i: number): number => (opts.subjectStates?.[i]?.checkedAt ?? new Date(report.checkedAt)).getTime() / 1000;
  const subjects = report.subjects;
  const perSubject = (f: (s: SubjectReport, i: number) => number | undefined): Sample[] =>
    subjects.flatMap((s, i) => {
      const value = f(s, i);
      return value === undefined ? [] : [{ labels: subjectLabels(s), value }];
    });

  if (isAudit) {
    return [
      {
        name: 'scs_images_audit_success',
        type: 'gauge',
        help: 'Whether the last audit of the cloud listed every image and decided it (1) or not (0).',
        samples: perSubject((s, i) => (succeeded(s, opts.subjectStates?.[i]) ? 1 : 0)),
      },
      {
        name: 'scs_images_audit_timestamp_seconds',
        type: 'gauge',
        unit: 'seconds',
        help: 'When the exported audit results were obtained (Unix time).',
        samples: perSubject((_, i) => at(i)),
      },
      {
        name: 'scs_images_audit_image_result',
        type: 'gauge',
        help: 'Whether the image holds the upstream bytes its image_source names: 1 verified, 0 unverifiable or undecided, -1 mismatch.',
        samples: subjects.flatMap((s) =>
          s.testcases.flatMap((t) => {
            const image = t.images[0];
            if (!image) return [];
            const value = t.verdict === 'PASS' ? 1 : t.verdict === 'FAIL' && t.requirement === 'mandatory' ? -1 : 0;
            return [{ labels: imageLabels(s, image.id, image.name), value }];
          }),
        ),
      },
    ];
  }

  const scopeVersion = report.scope?.version ?? '';
  const facts = subjects.map((s) =>
    consideredImages(s, report.options).map((e) => ({ entry: e, ...imageFacts(e, new Date(report.checkedAt), opts.releases) })),
  );
  const perImage = (f: (fact: (typeof facts)[number][number]) => number | undefined): Sample[] =>
    subjects.flatMap((s, i) =>
      facts[i]!.flatMap((fact) => {
        const value = f(fact);
        return value === undefined ? [] : [{ labels: imageLabels(s, fact.entry.id, fact.entry.name), value }];
      }),
    );

  const families: MetricFamily[] = [
    {
      name: 'scs_images_testcase_result',
      type: 'gauge',
      help: 'Result of an SCS testcase on the cloud, as the SCS compliance monitor encodes it: 1 PASS, 0 ABORT, -1 FAIL.',
      samples: subjects.flatMap((s) =>
        s.testcases.map((t: TestcaseResult) => {
          // a testcase only a version not yet in force includes (a draft's) is labelled with that version and never alerts
          const upcoming = versionsOnlyIncluding(report, t.id);
          return {
            labels: {
              ...subjectLabels(s),
              scope_version: upcoming ?? scopeVersion,
              in_force: upcoming ? 'false' : 'true',
              module: t.module ?? '',
              testcase: t.id,
              requirement: t.requirement,
            },
            value: RESULT_VALUE[t.verdict],
          };
        }),
      ),
    },
    {
      name: 'scs_images_check_success',
      type: 'gauge',
      help: 'Whether the exported results of the cloud are current and complete: every image was listed and every testcase decided (1), or not (0: the cloud failed, results are stale or some testcase aborted).',
      samples: perSubject((s, i) => (succeeded(s, opts.subjectStates?.[i]) ? 1 : 0)),
    },
    {
      name: 'scs_images_check_verdict',
      type: 'gauge',
      help: 'Verdict of the check of the cloud: 1 compliant, 0 no verdict (something could not be decided), -1 some counted testcase failed.',
      samples: perSubject((s) => VERDICT_VALUE[s.verdict]),
    },
    {
      name: 'scs_images_check_timestamp_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: 'When the exported results of the cloud were obtained (Unix time).',
      samples: perSubject((_, i) => at(i)),
    },
    {
      name: 'scs_images_listed_images',
      type: 'gauge',
      help: "Images in the cloud's listing.",
      samples: perSubject((s) => s.images.listed),
    },
    {
      name: 'scs_images_considered_images',
      type: 'gauge',
      help: 'Images the check considered (by default public and community, not hidden).',
      samples: perSubject((s) => s.images.considered),
    },
    {
      name: 'scs_images_image_outdated',
      type: 'gauge',
      help: 'Whether the image is outdated and not rotated out: past 1.1 x replace_frequency since image_build_date, still provided, neither hidden nor renamed (1), or not (0). Absent without a readable image_build_date.',
      samples: perImage((f) => f.outdated),
    },
    {
      name: 'scs_images_image_replace_due_timestamp_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: 'When the image becomes outdated: image_build_date + 1.1 x replace_frequency (Unix time). Absent for replace_frequency never or critical_bug.',
      samples: perImage((f) => f.due),
    },
    {
      name: 'scs_images_image_provided_until_timestamp_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: "The image's provided_until (Unix time). Absent for none, notice or a value that is not a date.",
      samples: perImage((f) => f.providedUntil),
    },
  ];
  if (opts.releases) {
    families.push({
      name: 'scs_images_image_end_of_support_timestamp_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: "End of the vendor's standard support of the image's release (os_distro, os_version), from the release data scs-images ships (Unix time).",
      samples: perImage((f) => f.endOfSupport),
    });
  }
  return families;
}

/** The report as OpenMetrics text (or the text format 0.0.4 with `dialect: 'text'`). */
export function renderOpenMetrics(report: CheckReport, opts: OpenMetricsOptions = {}): string {
  return renderExposition(reportMetricFamilies(report, opts), opts.dialect ?? 'openmetrics');
}

/** The images the check considered (inventory order), as the report's options selected them. */
function consideredImages(s: SubjectReport, options: CheckReport['options']): InventoryEntry[] {
  const all = options.visibilities.includes('all');
  return (s.inventory ?? []).filter((e) => (all || options.visibilities.includes(e.visibility)) && (options.includeHidden || !e.hidden));
}

interface ImageFacts {
  outdated?: number;
  due?: number;
  providedUntil?: number;
  endOfSupport?: number;
}

/** Outdated (the recency rule's state), its due date, provided_until and the release's end of support. */
export function imageFacts(entry: InventoryEntry, now: Date, releases?: DistroReleases): ImageFacts {
  const p = entry.properties;
  const out: ImageFacts = {};
  // the recency rule counts from created_at without image_build_date, which the report does not carry
  const built = p['image_build_date'] !== undefined ? parseScsDate(p['image_build_date']) : undefined;
  if (built !== undefined) {
    const a = assessRecency(
      { id: entry.id, name: entry.name, status: entry.status, visibility: entry.visibility, hidden: entry.hidden, tags: [], properties: { ...p } },
      now.getTime() / 1000,
    );
    out.outdated = a.state === 'unmarked' || a.state === 'missing-provided-until' || a.state === 'invalid-provided-until' ? 1 : 0;
    if (a.due !== undefined) out.due = a.due;
  }
  const until = p['provided_until'];
  if (until !== undefined && until !== 'none' && until !== 'notice') {
    const seconds = parseScsDate(until);
    if (seconds !== undefined) out.providedUntil = seconds;
  }
  const end = releases ? releaseOf(releases, p['os_distro'], p['os_version'])?.endOfStandardSupport : undefined;
  if (end) out.endOfSupport = Date.parse(`${end}T00:00:00Z`) / 1000;
  return out;
}

const SUPPORTED = ['ubuntu', 'debian', 'almalinux', 'rocky', 'centos', 'opensuse'] as const;

/** The release an image's os_distro and os_version name (Debian and the RHEL rebuilds by major version). */
function releaseOf(releases: DistroReleases, distro: string | undefined, version: string | undefined): DistroRelease | undefined {
  if (!distro || !version || !(SUPPORTED as readonly string[]).includes(distro)) return undefined;
  const d = distro as (typeof SUPPORTED)[number];
  const wanted = d === 'ubuntu' || d === 'opensuse' ? version : (version.split('.')[0] ?? version);
  return releases[d].find((r) => r.version === wanted);
}

/** The versions (comma-separated) that include a testcase the version in force does not; undefined for the others. */
function versionsOnlyIncluding(report: CheckReport, id: string): string | undefined {
  const versions = report.scope?.versions;
  if (!versions || versions.length < 2 || versions.some((v) => v.inForce && v.testcases.some((t) => t.id === id))) return undefined;
  const others = versions.filter((v) => v.testcases.some((t) => t.id === id)).map((v) => v.version);
  return others.length > 0 ? others.join(',') : undefined;
}
