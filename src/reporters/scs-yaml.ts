import { createHash } from 'node:crypto';
import { stringify, type ScalarTag } from 'yaml';
import type { CheckReport, SubjectReport } from '../core/check/report.js';
import { dayOf } from '../core/clock.js';
import type { Verdict } from '../core/check/result.js';
import { redactArgv } from '../util/redact.js';

/** The certificate scope a run belongs to (the `spec` block of an SCS report). */
export interface ScsScope {
  uuid: string;
  name: string;
  url: string;
}

export const SCS_COMPATIBLE_IAAS: ScsScope = {
  uuid: '50393e6f-2ae1-4c5c-a62c-3b75f2abef3f',
  name: 'SCS-compatible IaaS',
  url: 'https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml',
};

export interface ScsYamlOptions {
  /**
   * UUIDs are inputs (the CLI generates them), so the output is a pure function of its inputs.
   * `invocationId` is the first subject's; the others' are derived from it (see `invocationIdFor`).
   */
  runId: string;
  invocationId: string;
  /**
   * The arguments after the program name, already redacted by the caller; secrets are redacted
   * again here anyway. `cmd` is the tool name followed by these.
   */
  argv: readonly string[];
  scope?: ScsScope;
  /** `--scope-version` as given: the runner records `forced_version` only when a version was forced. */
  forcedVersion?: string | undefined;
  /**
   * The certificate subject of each document, by the subject's name (cloud or file): the monitor
   * takes a document only when its subject is the uploading account or delegates to it. Absent:
   * the subject's own name.
   */
  certificateSubject?: ((name: string) => string | undefined) | undefined;
}

/** Result codes of the SCS tooling (scs_cert_lib). */
const RESULT_CODE: Record<Verdict, 1 | 0 | -1> = { PASS: 1, ABORT: 0, FAIL: -1 };
const FINDING_PREFIX = { error: 'ERROR', warning: 'WARNING', info: 'INFO' } as const;
const SIGNAL_LEVELS = ['info', 'warning', 'error', 'critical'] as const;

/**
 * The report `scs-compliance-check.py -o` writes, with this run as its only invocation, so the
 * SCS compliance tooling can read it. stdout carries the raw verdicts (`<id>: PASS|FAIL|ABORT`),
 * stderr one `LEVEL: message` line per finding, and the level counts are computed the same way the
 * SCS tool computes them: lines of stdout and stderr that start with the level name.
 *
 * The YAML 1.1 schema is used because the SCS tooling reads with PyYAML: strings like `yes` or
 * `12:30` must be quoted, while `checked_at` and `reference_date` stay plain so they load as a
 * datetime and a date, as in reports of the SCS tool itself.
 */
export function renderScsYaml(report: CheckReport, options: ScsYamlOptions): string {
  // one document per subject: the SCS tooling keeps one report per subject, and a
  // multi-document stream is what concatenating them gives
  return report.subjects.map((s, i) => renderSubject(report, s, options, i)).join('');
}

function renderSubject(report: CheckReport, subject: SubjectReport, options: ScsYamlOptions, index: number): string {
  const argv = redactArgv(options.argv);
  const stdout = subject.testcases.map((tc) => `${tc.id}: ${tc.verdict}`);
  const stderr = [
    // how old the standards data is, and what may be stale about it, as the test script would log it
    ...dataLines(report),
    ...report.warnings.flatMap((w) => logLines('WARNING', w)),
    // the SCS tool logs what stops a test script as CRITICAL
    ...(subject.error !== undefined ? logLines('CRITICAL', subject.error) : []),
    ...subject.testcases.flatMap((tc) => tc.findings.flatMap((f) => logLines(FINDING_PREFIX[f.level], f.message))),
  ];
  const signals = Object.fromEntries(SIGNAL_LEVELS.map((level) => [level, [...stdout, ...stderr].filter((l) => l.toLowerCase().startsWith(level)).length]));
  const scope = options.scope ?? (report.scope ? { uuid: report.scope.uuid, name: report.scope.name, url: report.scope.url } : SCS_COMPATIBLE_IAAS);
  const invocationId = invocationIdFor(options.invocationId, index);
  const doc = {
    spec: { ...scope },
    checked_at: new PlainTimestamp(pythonDatetime(report.checkedAt)),
    reference_date: new PlainTimestamp(dayOf(new Date(report.checkedAt))),
    subject: options.certificateSubject?.(subject.subject.name) ?? subject.subject.name,
    run: {
      // each document is one run to the monitor, which keys reports by this uuid (a repeated one
      // is refused and rolls back the whole upload)
      uuid: invocationIdFor(options.runId, index),
      argv,
      // os_cloud names a clouds.yaml entry; an offline check of an images file has none.
      assignment: subject.subject.kind === 'cloud' ? { os_cloud: subject.subject.name } : {},
      sections: null,
      forced_version: options.forcedVersion ?? null,
      forced_tests: null,
      invocations: {
        [invocationId]: {
          id: invocationId,
          cmd: [report.tool.name, ...argv].map(shellQuote).join(' '),
          results: Object.fromEntries(subject.testcases.map((tc) => [tc.id, RESULT_CODE[tc.verdict]])),
          // Verdicts are in `results`, as with the SCS test scripts; rc says whether the
          // subject could be checked at all.
          rc: subject.error !== undefined ? 1 : 0,
          stdout,
          stderr,
          ...signals,
        },
      },
    },
  };
  return stringify(doc, { directives: true, lineWidth: 0, schema: 'yaml-1.1', customTags: [plainTimestampTag] });
}

/** `INFO: ...` lines naming the bundled copies a run used (scope and spec files), with their dates. */
function dataLines(report: CheckReport): string[] {
  const lines: string[] = [];
  if (report.scope?.date) lines.push(`INFO: scope file: ${report.scope.source} (bundled copy of ${report.scope.date})`);
  for (const m of report.modules) if (m.date) lines.push(`INFO: ${m.id}: ${m.source} (bundled copy of ${m.date})`);
  return lines;
}

/** A log line per line of the message, the first with its level, as Python's logging writes them. */
function logLines(level: string, message: string): string[] {
  return `${level}: ${message}`.split(/\r\n|\r|\n/);
}

/**
 * Subjects share the run but each has its own invocation. The first subject gets the given id;
 * the n-th a UUID derived from it (SHA-1 of id and n, formatted like a version-5 UUID), so ids are
 * distinct, valid UUIDs and the output stays a function of the inputs.
 */
export function invocationIdFor(first: string, index: number): string {
  if (index === 0) return first;
  const h = createHash('sha1').update(`${first}/${index}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A value written as a plain YAML 1.1 timestamp, keeping its text (and microseconds) as given. */
class PlainTimestamp {
  constructor(readonly text: string) {}
}

const plainTimestampTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  identify: (value) => value instanceof PlainTimestamp,
  resolve: (source) => source,
  stringify: (item) => (item.value as PlainTimestamp).text,
};

/**
 * `YYYY-MM-DD HH:MM:SS.ffffff` in UTC (Python's `str(datetime)`). Digits of the fraction come from
 * the string, so a microsecond timestamp survives; the rest goes through Date to normalise offsets.
 */
export function pythonDatetime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`checkedAt is not an ISO 8601 timestamp: ${iso}`);
  const fraction = (/T\d{2}:\d{2}:\d{2}[.,](\d+)/.exec(iso)?.[1] ?? '').slice(0, 6).padEnd(6, '0');
  return `${dayOf(date)} ${date.toISOString().slice(11, 19)}.${fraction}`;
}

/** POSIX shell quoting, so `cmd` can be pasted back into a shell. */
function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
