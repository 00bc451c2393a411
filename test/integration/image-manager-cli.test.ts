// The manager's command line as users meet it: validate on OIM's real definition files, exit
// codes of plan (--detailed-exitcode turns every failure into 1), and input errors before any
// cloud call.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminCloudsYaml, manage } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const OIM_IMAGES = path.resolve('src/core/definitions/testdata');
let dir: string;
let clouds: string;

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-manager-cli-'));
  clouds = await adminCloudsYaml(cloud, dir);
  await writeFile(path.join(dir, 'bad.yml'), 'images:\n  - name: Broken\n    enable: true\n    format: qcow3\n');
});

describe('validate', () => {
  it("accepts OIM's real definition files (exit 0)", async () => {
    const r = await runCli(['validate', '--images', OIM_IMAGES]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/image definition\(s\) .*: valid/);
  });

  it('reports every problem with file:line:column (exit 2)', async () => {
    const r = await runCli(['validate', '--images', path.join(dir, 'bad.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yml:4:13 \(images\[0\]\.format\): 'qcow3' is not one of .* \(did you mean 'qcow2'\?\)/);
    expect(r.stderr).toMatch(/bad\.yml:2:\d+ \(images\[0\]\.versions\): required key is missing/);
  });
});

describe('plan', () => {
  it('a plan of every OIM definition against an empty cloud: creates only, in JSON too', async () => {
    const r = await manage('plan', clouds, ['--images', OIM_IMAGES, '--format', 'json', '--detailed-exitcode']);
    expect(r.code, r.stderr).toBe(2);
    const plan = JSON.parse(r.stdout) as { changes: { action: string; name: string }[]; formatVersion: string };
    expect(plan.formatVersion).toBe('1.1');
    expect(new Set(plan.changes.map((c) => c.action))).toEqual(new Set(['create']));
    expect(plan.changes.map((c) => c.name)).toContain('Cirros 0.6.3');
  });

  it('bad definitions: exit 2, or 1 with --detailed-exitcode (2 means "changes" there)', async () => {
    expect((await manage('plan', clouds, ['--images', path.join(dir, 'bad.yml')])).code).toBe(2);
    expect((await manage('plan', clouds, ['--images', path.join(dir, 'bad.yml'), '--detailed-exitcode'])).code).toBe(1);
  });

  it('an unreachable cloud: exit 3, or 1 with --detailed-exitcode', async () => {
    const yaml = path.join(dir, 'down.yaml');
    await writeFile(
      yaml,
      `clouds:\n  local-admin:\n    auth:\n      auth_url: http://127.0.0.1:9/v3\n      username: a\n      password: b\n      project_name: c\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    const args = ['--images', OIM_IMAGES, '--timeout', '2'];
    expect((await manage('plan', yaml, args)).code).toBe(3);
    expect((await manage('plan', yaml, [...args, '--detailed-exitcode'])).code).toBe(1);
  });

  it("an explicit --hide warns once that OIM's --hide is --hide-community here; the plan is the default one", async () => {
    const warning = /^scs-images: warning: --hide here hides superseded and outdated versions with os_hidden .*OIM's --hide .* is --hide-community here$/m;
    const plain = await manage('plan', clouds, ['--images', OIM_IMAGES, '--format', 'json']);
    const hide = await manage('plan', clouds, ['--images', OIM_IMAGES, '--format', 'json', '--hide']);
    expect(hide.code, hide.stderr).toBe(0);
    expect(hide.stderr.match(new RegExp(warning, 'gm'))).toHaveLength(1);
    expect(plain.stderr).not.toMatch(/--hide/);
    const policy = (r: { stdout: string }) => (JSON.parse(r.stdout) as { policy: unknown }).policy;
    expect(policy(hide)).toEqual(policy(plain));
    expect(policy(hide)).toMatchObject({ hide: 'os_hidden' });
    // whoever types both knows there are two meanings; a failing run still warns first
    expect((await manage('plan', clouds, ['--images', OIM_IMAGES, '--hide', '--hide-community'])).stderr).not.toMatch(/warning: --hide/);
    for (const cmd of ['apply', 'ensure'] as const) {
      const r = await runCli([cmd, '--images', path.join(dir, 'bad.yml'), '--hide'], { env: { OS_CLIENT_CONFIG_FILE: clouds } });
      expect(r.code, cmd).toBe(2);
      expect(r.stderr.split('\n')[0], cmd).toMatch(warning);
    }
  });

  it('apply needs either a plan file or --images', async () => {
    const r = await manage('apply', clouds, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apply needs --images PATH or a plan file/);
  });
});
