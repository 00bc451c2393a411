// Fidelity with the official SCS test, through the real CLI against the real local
// Glance: duplicates collapsed only for scs-0104, inputs on which the official test raises never
// PASS, Unicode digits in dates read as Python does, scope v6 with the v2 modules, a local --spec
// with --scope, a scope file in an unknown layout, and the reference revision in every report.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import type { TestcaseResult } from '../../src/core/check/result.js';
import { glanceFetch, glanceJson } from '../harness/glance-rest.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
const NOW = '2026-11-28T12:00:00Z';
const V6_SCOPE = path.resolve('test/fixtures/scopes/scs-compatible-iaas-v6.yaml');

const GOOD: Record<string, string> = {
  architecture: 'x86_64',
  os_distro: 'ubuntu',
  os_version: '24.04',
  os_purpose: 'generic',
  hw_disk_bus: 'scsi',
  image_build_date: '2026-11-01',
  image_original_user: 'ubuntu',
  image_source: 'https://cloud-images.ubuntu.com/noble/20261101/noble-server-cloudimg-amd64.img',
  image_description: 'https://ubuntu.com/server',
  replace_frequency: 'monthly',
  provided_until: 'none',
  uuid_validity: 'last-3',
};

const ids: Record<string, string> = {};
let dir: string;

async function image(key: string, name: string | null, properties: Record<string, string>, upload = true): Promise<void> {
  const body: Record<string, unknown> = { ...properties, name, visibility: 'public', min_disk: 1, min_ram: 512, disk_format: 'raw', container_format: 'bare' };
  const created = await glanceJson<{ id: string }>(cloud, 'admin', 'POST', '/v2/images', { body });
  ids[key] = created.id;
  if (upload)
    await glanceFetch(cloud, 'admin', 'PUT', `/v2/images/${created.id}/file`, { body: 'tiny disk image', contentType: 'application/octet-stream', ok: [204] });
}

async function check(args: string[]) {
  const run = await runCli(['check', '--cloud', 'local-demo', '--format', 'json', '--now', NOW, ...args], { env });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return { ...run, report: JSON.parse(run.stdout) as CheckReport };
}

const testcase = (report: CheckReport, id: string): TestcaseResult => {
  const tc = report.subjects[0]!.testcases.find((t) => t.id === id);
  if (!tc) throw new Error(`no testcase ${id} in ${report.subjects[0]!.testcases.map((t) => t.id).join(', ')}`);
  return tc;
};
const namesIn = (tc: TestcaseResult, level: string) => [...new Set(tc.findings.filter((f) => f.level === level && f.image).map((f) => f.image!.id))].sort();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-fidelity-'));
  await deleteAllImages(cloud);
  // two public images of one name: the official test's scs-0104 lookup sees one of them, scs-0102 both
  await image('dupBad', 'Ubuntu 24.04', { ...GOOD, architecture: 'amd64', image_source: 'https://example.com/noble.img' });
  await image('dupGood', 'Ubuntu 24.04', GOOD);
  await image('bare', 'bare image', {});
  await image('queued', 'queued image', { ...GOOD, os_purpose: 'custom' }, false);
  await image('unicode', 'unicode dates', { ...GOOD, os_purpose: 'custom', image_build_date: '２０２６-11-01', uuid_validity: '٢٠٢٧-01-01' });
  await image('unnamed', null, { ...GOOD, os_purpose: 'custom' });
}, 120_000);

describe('verdicts where the official test and this tool used to differ', () => {
  it('--collapse-duplicates collapses the scs-0104 lookup only; scs-0102 checks every image', async () => {
    const plain = await check([]);
    const collapsed = await check(['--collapse-duplicates']);
    // scs-0102 sees the amd64 image either way
    for (const r of [plain, collapsed]) {
      expect(testcase(r.report, 'scs-0102-prop-architecture').verdict).toBe('FAIL');
      expect(namesIn(testcase(r.report, 'scs-0102-prop-architecture'), 'error')).toContain(ids.dupBad);
    }
    // scs-0104 sees both without the flag, one (the last listed) with it
    expect(
      testcase(plain.report, 'scs-0104-source-ubuntu-2404')
        .images.map((i) => i.id)
        .sort(),
    ).toEqual([ids.dupBad, ids.dupGood].sort());
    expect(testcase(collapsed.report, 'scs-0104-source-ubuntu-2404').images).toHaveLength(1);
    expect(collapsed.report.subjects[0]!.images.considered).toBe(plain.report.subjects[0]!.images.considered);
  });

  it("an image without any custom property ABORTs (never passes) the testcases whose official code aborts on it, with the standard's reading; --strict-reading FAILs them", async () => {
    const r = await check(['--scope-version', 'next', '--with-recommended']);
    const strict = await check(['--scope-version', 'next', '--with-recommended', '--strict-reading']);
    for (const id of ['scs-0102-prop-uuid_validity', 'scs-0102-prop-hotfix_hours', 'scs-0102-image-recency', 'scs-0102-prop-image_source']) {
      const tc = testcase(r.report, id);
      expect(tc, id).toMatchObject({ verdict: 'ABORT', officialAbort: true });
      const mine = tc.findings.filter((f) => f.image?.id === ids.bare).map((f) => f.message);
      expect(mine, id).toEqual([
        expect.stringContaining('has no custom property at all: the official test aborts this testcase here'),
        expect.stringMatching(/^advisory \(standard text\): .*--strict-reading fails this testcase/),
      ]);
      expect(testcase(strict.report, id).verdict, id).toBe('FAIL');
    }
    expect(strict.report.options.strictReading).toBe(true);
    // the testcases that read only openstacksdk's attributes decide on their own
    expect(testcase(r.report, 'scs-0102-prop-hw_disk_bus').findings.some((f) => f.image?.id === ids.bare && f.level === 'error')).toBe(false);
  });

  it('min_disk on an image without data ABORTs, as the official test does comparing with the missing size (FAIL with --strict-reading)', async () => {
    const tc = testcase((await check([])).report, 'scs-0102-prop-min_disk');
    expect(tc).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(tc.findings.find((f) => f.image?.id === ids.queued)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('no image data size (no data uploaded yet): the official test aborts this testcase here'),
    });
    const strict = testcase((await check(['--strict-reading'])).report, 'scs-0102-prop-min_disk');
    expect(strict.verdict).toBe('FAIL');
    expect(strict.findings.find((f) => f.image?.id === ids.queued)).toMatchObject({ level: 'error', property: 'min_disk' });
  });

  it('an unnamed image ABORTs the name-scheme testcases (CAPI), as the official test does', async () => {
    const r = await check([]);
    for (const id of ['scs-0104-source-capi-1', 'scs-0104-source-capi-2']) {
      const tc = testcase(r.report, id);
      expect(tc, id).toMatchObject({ verdict: 'ABORT', officialAbort: true });
      expect(tc.findings.find((f) => f.image?.id === ids.unnamed)?.message, id).toContain('has no name: the official test aborts this testcase here');
    }
    // other testcases FAIL on this cloud (the amd64 image), so the run is not compliant: a FAIL decides
    expect([r.report.verdict, r.code]).toEqual(['not-compliant', 1]);
    expect(r.report.subjects[0]!.dashboard).toMatchObject({ version: 'v5.1', images: { result: 'fail', symbol: '🛑' }, fullScope: { result: 'fail' } });
  });

  it('dates with Unicode digits are read as Python does (PASS), with the standard-text reading as an advisory', async () => {
    const r = await check(['--explain']);
    for (const id of ['scs-0102-prop-image_build_date', 'scs-0102-prop-uuid_validity']) {
      const tc = testcase(r.report, id);
      const mine = tc.findings.filter((f) => f.image?.id === ids.unicode);
      expect(
        mine.filter((f) => f.level === 'error'),
        id,
      ).toEqual([]);
      expect(
        mine.some((f) => f.level === 'info' && f.message.startsWith('advisory (standard text)')),
        id,
      ).toBe(true);
    }
  });
});

describe('scope version 6 and scope files', () => {
  it('a scope file with version 6 runs scs-0102 v2 and scs-0104 v2: by date once effective, by --scope-version before', async () => {
    const byDate = await check(['--scope', V6_SCOPE, '--now', '2027-02-01T00:00:00Z']);
    expect(byDate.report.scope).toMatchObject({ version: 'v6' });
    // v6 is the version in force; the runner also checks the other versions its timeline names
    // that day, so their extra modules come after v6's
    expect(byDate.report.scope?.versions?.[0]).toMatchObject({ version: 'v6', inForce: true });
    expect(byDate.report.modules.map((m) => m.id).slice(0, 2)).toEqual(['scs-0102-v2', 'scs-0104-v2']);
    expect(byDate.report.subjects[0]!.testcases.filter((t) => t.module === 'scs-0104-v2').map((t) => t.id)).toEqual([
      'scs-0104-v2-source-generic',
      'scs-0104-v2-capi-properties',
      'scs-0104-v2-ubuntu-lts-latest',
    ]);
    // 2027: the current LTS is 26.04, which this cloud lacks
    expect(testcase(byDate.report, 'scs-0104-v2-ubuntu-lts-latest').verdict).toBe('FAIL');
    const named = await check(['--scope', V6_SCOPE, '--scope-version', 'v6', '--now', '2026-12-03T00:00:00Z']);
    expect(named.report.scope).toMatchObject({ version: 'v6' });
    expect(named.report.warnings.join('\n')).toMatch(/version v6 is draft/);
    expect((await check(['--scope', V6_SCOPE])).report.scope).toMatchObject({ version: 'v5.1' });
  });

  it('every report names the official revision its verdicts follow', async () => {
    const r = await check(['--scope', V6_SCOPE, '--scope-version', 'v6']);
    expect(Object.fromEntries(r.report.modules.map((m) => [m.id, m.reference]))).toEqual({
      'scs-0102-v2': expect.stringMatching(/^standards main of 2026-08-21/),
      'scs-0104-v2': 'standards main of 2026-09-11 (pull request #1276)',
    });
    // who checked what: ids and names, never a secret
    expect(r.report.subjects[0]!.subject.connection).toMatchObject({
      authUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/),
      user: { id: expect.any(String), name: cloud.users.demo.name },
      project: { id: cloud.users.demo.projectId },
      imageEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/),
    });
    expect(JSON.stringify(r.report)).not.toContain(cloud.users.demo.password);
    const text = await runCli(['check', '--cloud', 'local-demo', '--now', NOW], { env });
    expect(text.stdout).toMatch(/scs-0104-v1-2 \(Standard images\) from .*verdicts as the official test of standards main of 2026-08-21/);
    expect(text.stdout).toMatch(new RegExp(`Checked as\\s+user ${cloud.users.demo.name} \\(`));
  });

  it('with --scope, --spec names exactly the local file given, never the bundled spec of that name', async () => {
    const edited = path.join(dir, 'edited');
    await mkdir(edited, { recursive: true });
    // the same file name as the bundled spec, with Ubuntu 24.04 allowed only from example.com
    const bundled = await readFile('data/standards/scs-0104-v1-images-v5.yaml', 'utf8');
    const file = path.join(edited, 'scs-0104-v1-images-v5.yaml');
    await writeFile(
      file,
      bundled.replace('  - https://cloud-images.ubuntu.com/releases/noble/\n  - https://cloud-images.ubuntu.com/noble/\n', '  - https://example.com/\n'),
    );
    const r = await check(['--scope', 'scs-compatible-iaas', '--spec', file]);
    expect(r.report.modules.find((m) => m.id.startsWith('scs-0104'))?.source).toBe(file);
    const tc = testcase(r.report, 'scs-0104-source-ubuntu-2404');
    expect(namesIn(tc, 'error')).toEqual([ids.dupGood]);
    const scopeOwn = testcase((await check(['--scope', 'scs-compatible-iaas'])).report, 'scs-0104-source-ubuntu-2404');
    expect(namesIn(scopeOwn, 'error')).toEqual([ids.dupBad]);
  });

  it('a scope file in the proposed groups layout is refused whole: exit 2, file and line, no stack', async () => {
    const file = path.join(dir, 'groups.yaml');
    await writeFile(file, 'name: S\nuuid: u\nurl: https://example.org\ngroups:\n  - id: g\n    include: [scs-0104-source-ubuntu-2404]\nversions: []\n');
    const run = await runCli(['check', '--cloud', 'local-demo', '--scope', file, '--now', NOW], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:4`);
    expect(run.stderr).toMatch(/`groups`\/`include` layout/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});
