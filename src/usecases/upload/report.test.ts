import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../core/errors.js';
import { checkDistinctRuns, reportFormatOf, validateReport } from './report.js';

const doc = (run: string, results = '{a: 1, b: 0, c: -1}', subject = 'prod') =>
  `---\nspec: {uuid: s}\nchecked_at: 2026-09-01 10:00:00\nsubject: ${subject}\nrun:\n  uuid: ${run}\n  invocations:\n    i1: {id: i1, results: ${results}}\n`;

function problems(text: string, file = 'r.yaml'): string[] {
  try {
    validateReport(text, file);
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InputError) return [e.message];
    throw e;
  }
  return [];
}

describe('validateReport: what the monitor needs of a report', () => {
  it('summarises a valid stream', () => {
    expect(validateReport(doc('r1') + doc('r2', '{x: 1}', 'stage'), 'r.yaml')).toEqual({
      file: 'r.yaml',
      format: 'yaml',
      documents: [
        { subject: 'prod', runUuid: 'r1', results: 3 },
        { subject: 'stage', runUuid: 'r2', results: 1 },
      ],
    });
  });

  it.each([
    ['an empty file', '', ['r.yaml: holds no report: the monitor would store nothing']],
    ['a list', '- 1\n', ['r.yaml:1:1: is a list, not a report (a mapping with subject, checked_at, spec and run)']],
    ['no subject', doc('r1').replace('subject: prod\n', ''), ['r.yaml:2:1 (subject): missing: the monitor needs it to store the report']],
    ['no checked_at', doc('r1').replace(/checked_at: .*\n/, ''), ['r.yaml:2:1 (checked_at): missing: the monitor needs it to store the report']],
    ['spec without uuid', doc('r1').replace('{uuid: s}', '{name: n}'), ['r.yaml:2:7 (spec.uuid): missing: the monitor needs it to store the report']],
    ['a number as run uuid', doc('7'), ['r.yaml:6:9 (run.uuid): is number 7, expected a non-empty string']],
    ['no invocations', doc('r1').replace(/ {2}invocations:\n.*\n/, ''), ['r.yaml:6:3 (run.invocations): missing: the monitor needs it to store the report']],
    [
      'a result that is no verdict',
      doc('r1', '{a: 2}'),
      ['r.yaml:8:31 (run.invocations.i1.results.a): is number 2, expected 1 (PASS), 0 (ABORT) or -1 (FAIL)'],
    ],
    ['invalid YAML', 'a: [1\n', ['r.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a duplicate key (the monitor loader refuses it)', `${doc('r1')}subject: x\n`, ['r.yaml:9:1: invalid YAML: Map keys must be unique']],
  ])('%s', (_name, text, expected) => {
    expect(problems(text).map((p) => p.split(/\n/)[0])).toEqual(expected.map((p) => expect.stringContaining(p)));
  });

  it('names the document in a stream', () => {
    expect(problems(doc('r1') + doc('r2', '{}'))).toEqual([expect.stringContaining('r.yaml:16:27 (document 2: run.invocations.i1.results): is empty')]);
  });

  it('JSON: one document, by the file name', () => {
    expect(reportFormatOf('x.JSON')).toBe('json');
    expect(reportFormatOf('x.yml')).toBe('yaml');
    expect(problems('{"subject": "p"', 'r.json')).toEqual([expect.stringContaining('r.json: invalid JSON')]);
    expect(problems('{"subject": "p"}', 'r.json')).toContain('r.json (checked_at): missing: the monitor needs it to store the report');
  });

  it('a run uuid in two files is refused before the first is sent', () => {
    const a = validateReport(doc('r1'), 'a.yaml');
    const b = validateReport(doc('r1'), 'b.yaml');
    expect(() => checkDistinctRuns([a, b])).toThrow("b.yaml (run.uuid): 'r1' is also a run uuid in a.yaml");
  });
});
