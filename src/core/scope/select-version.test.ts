import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseScope } from './parse-scope.js';
import { defaultImageSpec, isImageTestcase, runnerVersions, selectScopeVersion, selectTestcases, versionTestcases } from './select-version.js';

const text = readFileSync(new URL('../../../data/standards/scs-compatible-iaas.yaml', import.meta.url), 'utf8');
const scope = parseScope(text, 'scs-compatible-iaas');

const ids = (version: string | undefined, day = '2026-11-28', withRecommended = false) =>
  selectScopeVersion(scope, { ...(version ? { version } : {}), day, withRecommended }).modules.flatMap((m) => m.testcases.map((t) => t.id));

describe('certificate scope versions', () => {
  it('parses the bundled SCS-compatible IaaS scope', () => {
    expect(scope).toMatchObject({ name: 'SCS-compatible IaaS', uuid: '50393e6f-2ae1-4c5c-a62c-3b75f2abef3f' });
    expect(scope.versions.map((v) => v.version)).toEqual(expect.arrayContaining(['next', 'v5.1', 'v4', 'v3']));
    expect(scope.testcases.get('scs-0104-image-ubuntu-2404')?.description).toContain('Ubuntu 24.04');
  });

  it('picks the newest stable effective version by default (v5.1 today, also on 2025-01-01)', () => {
    expect(selectScopeVersion(scope, { day: '2026-11-28', withRecommended: false }).version.version).toBe('v5.1');
    expect(selectScopeVersion(scope, { day: '2025-01-01', withRecommended: false }).version.version).toBe('v5.1');
  });

  it('runs exactly the image testcases a version includes (v4: 20, v5.1: 23, next: 25)', () => {
    expect(ids('v4')).toHaveLength(20);
    expect(ids('v5.1')).toHaveLength(23);
    expect(ids('next')).toHaveLength(25);
    expect(ids('v5.1')).toEqual(
      expect.arrayContaining(['scs-0104-source-capi-1', 'scs-0104-source-debian-13', 'scs-0104-image-ubuntu-2404', 'scs-0102-image-recency']),
    );
    expect(ids('v5.1')).not.toContain('scs-0104-image-debian-12'); // only in the -rec module
    expect(ids('next')).toContain('scs-0102-os_purpose-uniqueness'); // scs-0102-v2 main
    expect(ids('v5.1').every(isImageTestcase)).toBe(true);
  });

  it('carries the image_spec parameter of the version and marks main as mandatory', () => {
    const sel = selectScopeVersion(scope, { version: 'v4', day: '2026-11-28', withRecommended: false });
    const images = sel.modules.find((m) => m.module.id === 'scs-0104-v1-1')!;
    expect(images.parameters['image_spec']).toMatch(/scs-0104-v1-images\.yaml$/);
    expect(images.testcases.every((t) => t.requirement === 'mandatory')).toBe(true);
    expect(sel.state).toBeUndefined(); // the newest timeline entry no longer names v4
    expect(selectScopeVersion(scope, { version: 'v4', day: '2025-09-10', withRecommended: false }).state).toBe('deprecated');
  });

  it('adds the recommended modules that no version includes only on request', () => {
    const withRec = selectScopeVersion(scope, { version: 'v5.1', day: '2026-11-28', withRecommended: true });
    const rec = withRec.modules.filter((m) => m.extra);
    expect(rec.map((m) => m.module.id)).toEqual(['scs-0102-v1-rec', 'scs-0104-v1-2-rec']);
    expect(rec.flatMap((m) => m.testcases).every((t) => t.requirement === 'recommended')).toBe(true);
  });

  it('an unknown version names the known ones; a broken scope file names the place', () => {
    expect(() => selectScopeVersion(scope, { version: 'v9', day: '2026-11-28', withRecommended: false })).toThrow(/no version 'v9' \(versions: next, v5.1, v4/);
    expect(() => parseScope('name: x\nuuid: y\nurl: z\nmodules: 3\nversions: []\n', 'bad.yaml')).toThrow(InputError);
    expect(() => parseScope('name: x\nuuid: y\nurl: z\nmodules: []\nversions:\n- version: v1\n  include: [nope]\n', 'bad.yaml')).toThrow(
      /unknown module 'nope'/,
    );
  });
});

describe('scope version 6 (fixture shaped like the draft that adds the v2 modules)', () => {
  const v6Text = readFileSync(new URL('../../../test/fixtures/scopes/scs-compatible-iaas-v6.yaml', import.meta.url), 'utf8');
  const v6 = parseScope(v6Text, 'scs-compatible-iaas-v6.yaml');

  it('is picked by date once effective, and by name before', () => {
    expect(selectScopeVersion(v6, { day: '2026-12-31', withRecommended: false }).version.version).toBe('v5.1');
    expect(selectScopeVersion(v6, { day: '2027-01-01', withRecommended: false }).version.version).toBe('v6');
    expect(selectScopeVersion(v6, { version: 'v6', day: '2026-12-03', withRecommended: false }).state).toBe('draft');
  });

  it('runs the scs-0102 v2 and scs-0104 v2 modules with their targets', () => {
    const selection = selectScopeVersion(v6, { day: '2027-02-01', withRecommended: true });
    expect(selection.modules.map((m) => [m.module.id, m.extra])).toEqual([
      ['scs-0102-v2', false],
      ['scs-0102-v2-rec', true],
      ['scs-0104-v2', false],
      ['scs-0104-v2-rec', true],
    ]);
    expect(selection.modules[2]!.testcases).toEqual([
      { id: 'scs-0104-v2-source-generic', requirement: 'mandatory' },
      { id: 'scs-0104-v2-capi-properties', requirement: 'mandatory' },
      { id: 'scs-0104-v2-ubuntu-lts-latest', requirement: 'mandatory' },
    ]);
  });
});

describe('a scope file in a layout the tool does not know', () => {
  it('refuses the proposed groups/include layout whole, naming what it expected', () => {
    const proposal = `name: SCS-compatible IaaS
uuid: 50393e6f-2ae1-4c5c-a62c-3b75f2abef3f
url: https://example.org/scope.yaml
groups:
  - id: scs-0104
    include: [scs-0104-source-ubuntu-2404]
versions:
  - version: v6
    include: [scs-0104]
`;
    let error: unknown;
    try {
      parseScope(proposal, 'proposal.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as InputError).message)).toMatch(/groups`\/`include` layout .*expected .*`modules` \(each with `targets`\)/);
    expect((error as InputError).location).toMatchObject({ file: 'proposal.yaml', line: 4 });
  });

  it('refuses a module that has groups instead of targets', () => {
    const text = `name: S
uuid: u
url: x
modules:
  - id: scs-0104-v2
    name: Standard images
    groups:
      - include: [a]
versions: []
`;
    expect(() => parseScope(text, 'm.yaml')).toThrow(/groups`\/`include` layout.*found 'modules\.0\.groups'/);
  });
});

describe('defaultImageSpec', () => {
  const bundled = ['scs-0104-v1-images', 'scs-0104-v1-images-v5'] as const;

  it('is the spec of the newest stable version on the day, when it is one of those available', () => {
    expect(defaultImageSpec(scope, '2026-11-28', bundled)).toBe('scs-0104-v1-images-v5');
    expect(defaultImageSpec(scope, '2026-11-28', ['scs-0104-v1-images-v5', 'scs-0104-v1-images'])).toBe('scs-0104-v1-images-v5');
  });

  it('is the newest available spec before the timeline starts, or when the named one is not available', () => {
    expect(defaultImageSpec(scope, '2020-01-01', bundled)).toBe('scs-0104-v1-images-v5');
    expect(defaultImageSpec(scope, '2026-11-28', ['scs-0104-v1-images'])).toBe('scs-0104-v1-images');
  });
});

describe("the official runner's selection (no -V, or testcase ids)", () => {
  it('checks every version of the newest timeline entry: v5.1 in force, then the draft next (2026-12-08); v4 and v3 too while deprecated (2025-10-01)', () => {
    const now = runnerVersions(scope, '2026-12-08');
    expect([now.inForce.version, ...now.others.map((v) => v.version)]).toEqual(['v5.1', 'next']);
    expect(now.states).toEqual({ next: 'draft', 'v5.1': 'effective' });
    const before = runnerVersions(scope, '2025-10-01');
    expect(before.inForce.version).toBe('v5.1');
    expect(before.others.map((v) => v.version)).toEqual(expect.arrayContaining(['next', 'v4', 'v3']));
  });

  it('the union of v5.1 and next is the 25 ids the runner asks for; each from the version in force where it has it', () => {
    const versions = [scope.versions.find((v) => v.version === 'v5.1')!, scope.versions.find((v) => v.version === 'next')!];
    const union = [...new Set(versions.flatMap((v) => versionTestcases(scope, v).map((t) => t.id)))];
    expect(union).toHaveLength(25);
    const run = selectTestcases(scope, { ids: union, day: '2026-12-08' });
    expect(run.unknown).toEqual([]);
    expect(run.version.version).toBe('v5.1');
    const byModule = Object.fromEntries(run.modules.map((m) => [m.module.id, m.testcases.map((t) => t.id)]));
    // scs-0102-v1 (v5.1) answers for its 14; scs-0102-v2 (next) only for the two ids v5.1 lacks
    expect(byModule['scs-0102-v1']).toHaveLength(14);
    expect(byModule['scs-0102-v2']).toEqual(['scs-0102-prop-os_purpose', 'scs-0102-os_purpose-uniqueness']);
  });

  it('runs exactly the ids asked for, in no version or a recommended module too, and names the unknown ones', () => {
    const run = selectTestcases(scope, { ids: ['scs-0104-image-debian-12', 'scs-0102-prop-architecture', 'scs-9999-nope'], day: '2026-12-08' });
    expect(run.unknown).toEqual(['scs-9999-nope']);
    const taken = run.modules.flatMap((m) => m.testcases.map((t) => t.id));
    expect(taken.sort()).toEqual(['scs-0102-prop-architecture', 'scs-0104-image-debian-12']);
    expect(run.modules.find((m) => m.testcases.some((t) => t.id === 'scs-0104-image-debian-12'))!.extra).toBe(true);
  });
});
