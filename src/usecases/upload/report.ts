/**
 * What the compliance monitor needs from a report before it stores it (POST /reports), checked
 * here so that a report it would refuse, or store wrongly, never leaves the machine:
 *
 * - it parses: every document of a YAML stream (the monitor loads them all), or one JSON document;
 * - each document is a mapping with `subject`, `checked_at`, `spec.uuid`, `run.uuid` and
 *   `run.invocations` (a missing one is a 500 from the monitor, after the signature was checked);
 * - no two documents share a `run.uuid`: the monitor stores one report per run uuid, answers 409
 *   and rolls back the whole upload;
 * - every invocation has a non-empty `results` mapping of 1, 0 or -1: an empty one is how the
 *   official runner records a script that reported nothing, which the monitor would store as a
 *   report without a single result (a silent false pass).
 *
 * Pure: text in, a summary or InputErrors naming file, line and field out.
 */
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError, InputErrors, type InputLocation } from '../../core/errors.js';
import { clipEchoed } from '../../core/text/clip.js';

export type ReportFormat = 'yaml' | 'json';

/** The content types the monitor accepts, exactly (no parameters). */
export const CONTENT_TYPE: Readonly<Record<ReportFormat, string>> = {
  yaml: 'application/x-signed-yaml',
  json: 'application/x-signed-json',
};

export interface ReportDocument {
  subject: string;
  runUuid: string;
  /** How many testcase results the document holds, over all invocations. */
  results: number;
}

export interface ReportSummary {
  file: string;
  format: ReportFormat;
  documents: ReportDocument[];
}

/** `.json` is a JSON report; anything else is YAML, as the official runner writes. */
export function reportFormatOf(file: string): ReportFormat {
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}

const RESULT_VALUES = new Set([1, 0, -1]);

type Path = ReadonlyArray<string | number>;

interface ParsedDocument {
  value: unknown;
  locate(path: Path, field: string): InputLocation;
}

/** Checks one report file's text; throws InputErrors listing every problem found. */
export function validateReport(text: string, file: string, format: ReportFormat = reportFormatOf(file)): ReportSummary {
  const parsed = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  if (parsed.length === 0) throw new InputError({ file }, 'holds no report: the monitor would store nothing');
  const errors: InputError[] = [];
  const documents: ReportDocument[] = [];
  const firstDocOfRun = new Map<string, number>();
  parsed.forEach((doc, index) => {
    const label = (field: string) => (parsed.length > 1 ? `document ${index + 1}: ${field}` : field);
    const fail = (path: Path, problem: string) => errors.push(new InputError(doc.locate(path, label(path.join('.'))), problem));
    if (!isRecord(doc.value)) {
      fail([], `is ${describe(doc.value)}, not a report (a mapping with subject, checked_at, spec and run)`);
      return;
    }
    const subject = requireText(doc.value, ['subject'], fail);
    requirePresent(doc.value, ['checked_at'], fail);
    requireText(doc.value, ['spec', 'uuid'], fail);
    const runUuid = requireText(doc.value, ['run', 'uuid'], fail);
    const results = checkInvocations(doc.value, fail);
    if (runUuid !== undefined) {
      const first = firstDocOfRun.get(runUuid);
      if (first !== undefined) {
        fail(
          ['run', 'uuid'],
          `'${clipEchoed(runUuid)}' is also the run uuid of document ${first + 1}: the monitor keeps one report per run uuid, so it would answer 409 Conflict and roll back the whole upload (give each document its own run uuid)`,
        );
      } else firstDocOfRun.set(runUuid, index);
    }
    if (subject !== undefined && runUuid !== undefined && results !== undefined) documents.push({ subject, runUuid, results });
  });
  if (errors.length > 0) throw new InputErrors(errors);
  return { file, format, documents };
}

/** Checks that no run uuid appears in two files of one upload (the second POST would be a 409). */
export function checkDistinctRuns(reports: readonly ReportSummary[]): void {
  const seen = new Map<string, string>();
  const errors: InputError[] = [];
  for (const report of reports) {
    for (const doc of report.documents) {
      const other = seen.get(doc.runUuid);
      if (other !== undefined && other !== report.file) {
        errors.push(
          new InputError(
            { file: report.file, field: 'run.uuid' },
            `'${clipEchoed(doc.runUuid)}' is also a run uuid in ${other}: the monitor would answer 409 Conflict to the second upload`,
          ),
        );
      } else seen.set(doc.runUuid, report.file);
    }
  }
  if (errors.length > 0) throw new InputErrors(errors);
}

type Fail = (path: Path, problem: string) => void;

function requirePresent(root: Record<string, unknown>, path: Path, fail: Fail): unknown {
  let value: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (!isRecord(value)) {
      fail(path.slice(0, i), `is ${describe(value)}, expected a mapping with ${path[i]}`);
      return undefined;
    }
    const key = path[i] as string;
    if (!(key in value) || value[key] === null || value[key] === undefined) {
      fail(path, 'missing: the monitor needs it to store the report');
      return undefined;
    }
    value = value[key];
  }
  return value;
}

function requireText(root: Record<string, unknown>, path: Path, fail: Fail): string | undefined {
  const value = requirePresent(root, path, fail);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(path, `is ${describe(value)}, expected a non-empty string`);
    return undefined;
  }
  return value;
}

/** `run.invocations`: a mapping of invocations, each with a non-empty `results` of 1/0/-1. Returns the result count. */
function checkInvocations(root: Record<string, unknown>, fail: Fail): number | undefined {
  const invocations = requirePresent(root, ['run', 'invocations'], fail);
  if (invocations === undefined) return undefined;
  if (!isRecord(invocations)) {
    fail(['run', 'invocations'], `is ${describe(invocations)}, expected a mapping of invocation id to invocation`);
    return undefined;
  }
  const ids = Object.keys(invocations);
  if (ids.length === 0) {
    fail(['run', 'invocations'], 'is empty: the report holds no test run, so the monitor would record no result at all');
    return undefined;
  }
  let count = 0;
  let ok = true;
  for (const id of ids) {
    const path = ['run', 'invocations', id, 'results'];
    const invocation = invocations[id];
    if (!isRecord(invocation)) {
      fail(['run', 'invocations', id], `is ${describe(invocation)}, expected an invocation (a mapping with results)`);
      ok = false;
      continue;
    }
    const results = invocation['results'];
    if (!isRecord(results)) {
      fail(path, results === undefined || results === null ? 'missing' : `is ${describe(results)}, expected a mapping of testcase id to 1, 0 or -1`);
      ok = false;
      continue;
    }
    const entries = Object.entries(results);
    if (entries.length === 0) {
      fail(path, 'is empty: the test script reported no testcase, and the monitor would store a report without a single result (a silent false pass)');
      ok = false;
      continue;
    }
    for (const [testcase, result] of entries) {
      if (typeof result !== 'number' || !RESULT_VALUES.has(result)) {
        fail([...path, testcase], `is ${describe(result)}, expected 1 (PASS), 0 (ABORT) or -1 (FAIL)`);
        ok = false;
      }
    }
    count += entries.length;
  }
  return ok ? count : undefined;
}

function parseYaml(text: string, file: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  // uniqueKeys: the monitor's loader refuses duplicate keys too (its answer would be a 500)
  const stream = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(stream)) return [];
  const errors: InputError[] = [];
  for (const doc of stream) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      errors.push(new InputError({ file, line: pos.line, column: pos.col }, `invalid YAML: ${firstLine(e.message)}`));
    }
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return stream.map((doc) => {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // alias expansion bombs and similar: refuse instead of exhausting memory
      throw new InputError(locateIn(doc, lineCounter, file, [], undefined), `invalid YAML: ${firstLine((e as Error).message)}`);
    }
    return { value, locate: (path, field) => locateIn(doc, lineCounter, file, path, field) };
  });
}

function locateIn(doc: Document.Parsed, lineCounter: LineCounter, file: string, path: Path, field: string | undefined): InputLocation {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { file, line, column: col, ...(field ? { field } : {}) };
    }
  }
  return { file, ...(field ? { field } : {}) };
}

function parseJson(text: string, file: string): ParsedDocument[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError({ file }, `invalid JSON: ${firstLine((e as Error).message)} (the monitor takes one JSON document; a stream of reports must be YAML)`);
  }
  return [{ value, locate: (_path, field) => ({ file, ...(field ? { field } : {}) }) }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return v.trim() === '' ? 'an empty string' : `the string '${clipEchoed(v, 60)}'`;
  return `${typeof v} ${clipEchoed(String(v), 60)}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
