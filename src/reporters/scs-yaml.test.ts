import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { missingFinding, noble, ReportBuilder, SCS_SCOPE, sourceFinding, twoClouds } from './report-builder.test-util.js';
import { invocationIdFor, pythonDatetime, renderScsYaml, SCS_COMPATIBLE_IAAS, type ScsYamlOptions } from './scs-yaml.js';
import { redactArgv } from '../util/redact.js';

const OPTIONS: ScsYamlOptions = { runId: 'run-1', invocationId: 'inv-1', argv: ['check', '--cloud', 'prod'] };

const report = new ReportBuilder()
  .cloud('prod')
  .pass('scs-0104-image-ubuntu-2404', [noble()])
  .fail('scs-0104-source-ubuntu-2404', [sourceFinding(noble('a1'), 'x'), sourceFinding(noble('b2'), 'y')])
  .abort('scs-0104-source-capi-2', [{ level: 'error', message: 'bad scheme\nsecond line' }])
  .fail('scs-0104-image-debian-12', [missingFinding('Debian 12', 'warning')], 'recommended')
  .build();
const yamlText = renderScsYaml(report, OPTIONS);
// Read as the SCS tooling would (PyYAML is YAML 1.1); timestamps stay strings with this parser.
const doc = parse(yamlText, { schema: 'yaml-1.1' });

describe('renderScsYaml', () => {
  it('starts explicitly and keeps the key order of the SCS report', () => {
    expect(yamlText.startsWith('---\nspec:\n')).toBe(true);
    expect(Object.keys(doc)).toEqual(['spec', 'checked_at', 'reference_date', 'subject', 'run']);
    expect(Object.keys(doc.run)).toEqual(['uuid', 'argv', 'assignment', 'sections', 'forced_version', 'forced_tests', 'invocations']);
    expect(Object.keys(doc.run.invocations['inv-1'])).toEqual(['id', 'cmd', 'results', 'rc', 'stdout', 'stderr', 'info', 'warning', 'error', 'critical']);
  });

  it('fills spec, dates, subject and run from the inputs', () => {
    expect(doc.spec).toEqual(SCS_COMPATIBLE_IAAS);
    expect(yamlText).toContain('\nchecked_at: 2026-08-21 10:00:00.123000\nreference_date: 2026-08-21\nsubject: prod\n');
    expect(doc.run).toMatchObject({
      uuid: 'run-1',
      argv: ['check', '--cloud', 'prod'],
      assignment: { os_cloud: 'prod' },
      sections: null,
      forced_version: null,
      forced_tests: null,
    });
  });

  it('records the invocation: results, stdout verdicts, stderr findings and their counts', () => {
    expect(doc.run.invocations['inv-1']).toEqual({
      id: 'inv-1',
      cmd: 'scs-images check --cloud prod',
      results: {
        'scs-0104-image-ubuntu-2404': 1,
        'scs-0104-source-ubuntu-2404': -1,
        'scs-0104-source-capi-2': 0,
        'scs-0104-image-debian-12': -1,
      },
      rc: 0,
      stdout: ['scs-0104-image-ubuntu-2404: PASS', 'scs-0104-source-ubuntu-2404: FAIL', 'scs-0104-source-capi-2: ABORT', 'scs-0104-image-debian-12: FAIL'],
      stderr: [
        "ERROR: Image 'Ubuntu 24.04' (a1) has a wrong image_source",
        "ERROR: Image 'Ubuntu 24.04' (b2) has a wrong image_source",
        'ERROR: bad scheme',
        'second line',
        "WARNING: Missing image: found no image named 'Debian 12' among the checked images",
      ],
      info: 0,
      warning: 1,
      error: 3,
      critical: 0,
    });
  });

  it('uses a given scope and leaves os_cloud out for file subjects', () => {
    const scope = { uuid: 'u', name: 'Other', url: 'https://example.org/s.yaml' };
    const out = parse(renderScsYaml(new ReportBuilder().file('imgs.json').build(), { ...OPTIONS, scope }), { schema: 'yaml-1.1' });
    expect(out.spec).toEqual(scope);
    expect(out.subject).toBe('imgs.json');
    expect(out.run.assignment).toEqual({});
    expect(out.run.invocations['inv-1'].results).toEqual({});
  });

  it('quotes strings YAML 1.1 would read as something else', () => {
    const out = renderScsYaml(report, { ...OPTIONS, argv: ['yes', 'on', '12:30', '1_000'] });
    expect(out).toContain('argv:\n    - "yes"\n    - "on"\n    - "12:30"\n    - "1_000"\n');
  });

  it('is deterministic', () => {
    expect(renderScsYaml(report, OPTIONS)).toBe(yamlText);
  });

  it('redacts secrets the caller forgot, in argv and in cmd', () => {
    const argv = ['check', '--os-password', 'hunter2', '--token=abc', 'OS_APP_SECRET=s3', '--cloud', 'prod'];
    const out = renderScsYaml(report, { ...OPTIONS, argv });
    expect(out).not.toMatch(/hunter2|abc|s3\b/);
    expect(parse(out).run.invocations['inv-1'].cmd).toBe('scs-images check --os-password REDACTED --token=REDACTED OS_APP_SECRET=REDACTED --cloud prod');
  });
});

/** Load a YAML stream with PyYAML, as the SCS tooling does; undefined without python3-yaml. */
function pyyamlLoadAll(text: string): unknown[] | undefined {
  const script = [
    'import json, sys, yaml',
    'docs = list(yaml.safe_load_all(sys.stdin))',
    'print(json.dumps([{"doc": d, "types": {k: type(v).__name__ for k, v in d.items()}} for d in docs], default=str))',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as unknown[];
}
const PYTHON = '/usr/bin/python3';
const hasPyYaml = spawnSync(PYTHON, ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;

describe('renderScsYaml with several subjects', () => {
  const multi = twoClouds().build();
  const multiOptions: ScsYamlOptions = { ...OPTIONS, runId: '0b0c6a51-6a0e-4c47-9f1e-2f8f4d9e8a10', invocationId: '5d7e3c2a-1b4f-4e6d-8a9b-0c1d2e3f4a5b' };
  const text = renderScsYaml(multi, multiOptions);
  const docs = parseAllDocuments(text, { schema: 'yaml-1.1' }).map((d) => d.toJS() as Record<string, any>);

  it('writes one document per subject, each a complete SCS report with its own run uuid (the monitor refuses a repeated one)', () => {
    expect(docs.map((d) => d['subject'])).toEqual(['prod', 'dev']);
    expect(text.match(/^---$/gm)).toHaveLength(2);
    for (const d of docs) expect(Object.keys(d)).toEqual(['spec', 'checked_at', 'reference_date', 'subject', 'run']);
    expect(docs[0]!['run'].uuid).toBe(multiOptions.runId);
    expect(docs[1]!['run'].uuid).toBe(invocationIdFor(multiOptions.runId, 1));
    expect(new Set(docs.map((d) => d['run'].uuid)).size).toBe(2);
  });

  it('takes spec from the scope of the report; forced_version only when a version was forced, as the runner', () => {
    expect(docs[0]!['spec']).toEqual({ uuid: SCS_SCOPE.uuid, name: SCS_SCOPE.name, url: SCS_SCOPE.url });
    expect(docs[0]!['run'].forced_version).toBeNull();
    const forced = parseAllDocuments(renderScsYaml(multi, { ...multiOptions, forcedVersion: 'v5.1' }), { schema: 'yaml-1.1' }).map(
      (d) => d.toJS() as Record<string, any>,
    );
    expect(forced.map((d) => d['run'].forced_version)).toEqual(['v5.1', 'v5.1']);
  });

  it('names each document by its certificate subject when one is given, keeping os_cloud the cloud', () => {
    const named = parseAllDocuments(renderScsYaml(multi, { ...multiOptions, certificateSubject: (name) => (name === 'prod' ? 'csp-prod' : undefined) }), {
      schema: 'yaml-1.1',
    }).map((d) => d.toJS() as Record<string, any>);
    expect(named.map((d) => d['subject'])).toEqual(['csp-prod', 'dev']);
    expect(named[0]!['run'].assignment).toEqual({ os_cloud: 'prod' });
  });

  it('gives every subject its own invocation id: the given one, then distinct derived UUIDs', () => {
    const ids = docs.map((d) => Object.keys(d['run'].invocations)[0]);
    expect(ids[0]).toBe(multiOptions.invocationId);
    expect(ids[1]).toBe(invocationIdFor(multiOptions.invocationId, 1));
    expect(ids[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([0, 1, 2, 3].map((i) => invocationIdFor('x', i))).size).toBe(4);
    expect(renderScsYaml(multi, multiOptions)).toBe(text);
  });

  it('reports a subject that could not be checked as CRITICAL with rc 1', () => {
    const dev = Object.values(docs[1]!['run'].invocations)[0] as Record<string, any>;
    expect(dev['rc']).toBe(1);
    expect(dev['stderr'][0]).toBe("CRITICAL: could not list the cloud's images: connection refused");
    expect(dev['critical']).toBe(1);
    expect(dev['results']).toEqual({ 'scs-0102-prop-architecture': 0, 'scs-0104-image-ubuntu-2404': 0 });
    const prod = Object.values(docs[0]!['run'].invocations)[0] as Record<string, any>;
    expect(prod['rc']).toBe(0);
    expect(prod['results']).toEqual({ 'scs-0102-prop-architecture': -1, 'scs-0104-image-ubuntu-2404': 1 });
  });

  // python3-yaml comes with python3-glance, which npm test and CI install
  it('loads with PyYAML: two documents, timestamps as datetime and date', () => {
    expect(hasPyYaml).toBe(true);
    const loaded = pyyamlLoadAll(text) as Array<{ doc: Record<string, any>; types: Record<string, string> }>;
    expect(loaded).toHaveLength(2);
    expect(loaded.map((l) => l.doc['subject'])).toEqual(['prod', 'dev']);
    expect(loaded[0]!.types).toMatchObject({ checked_at: 'datetime', reference_date: 'date', subject: 'str', run: 'dict' });
    expect(loaded[0]!.doc['checked_at']).toBe('2026-08-21 10:00:00.123000');
    const argv = ['check', '--cloud', 'yes', '--cloud', 'on', '12:30', '0o17', '~', 'null', 'y'];
    const tricky = pyyamlLoadAll(renderScsYaml(multi, { ...multiOptions, argv })) as Array<{ doc: Record<string, any> }>;
    expect(tricky[1]!.doc['run'].argv).toEqual(argv);
  });
});

describe('redactArgv', () => {
  it('redacts the value after each secret flag', () => {
    for (const flag of ['--password', '--os-password', '--token', '--os-token', '--application-credential-secret']) {
      expect(redactArgv([flag, 'v', 'next'])).toEqual([flag, 'REDACTED', 'next']);
    }
  });
  it('redacts KEY=VALUE with a password/secret/token key, case-insensitively', () => {
    expect(redactArgv(['OS_PASSWORD=a', 'x_Secret=b', '--os-token=c', 'os_cloud=prod'])).toEqual([
      'OS_PASSWORD=REDACTED',
      'x_Secret=REDACTED',
      '--os-token=REDACTED',
      'os_cloud=prod',
    ]);
  });
  it('leaves everything else, including a trailing secret flag without value', () => {
    expect(redactArgv(['check', '--cloud', 'prod', '--password'])).toEqual(['check', '--cloud', 'prod', '--password']);
  });
});

describe('pythonDatetime', () => {
  it('formats UTC with six fraction digits, keeping microseconds given in the string', () => {
    expect(pythonDatetime('2026-08-21T10:00:00Z')).toBe('2026-08-21 10:00:00.000000');
    expect(pythonDatetime('2026-08-21T10:00:00.123456Z')).toBe('2026-08-21 10:00:00.123456');
  });
  it('normalises an offset to UTC', () => {
    expect(pythonDatetime('2026-08-21T00:30:00.5+02:00')).toBe('2026-08-20 22:30:00.500000');
  });
  it('rejects what is not a timestamp', () => {
    expect(() => pythonDatetime('yesterday')).toThrow(RangeError);
  });
});
