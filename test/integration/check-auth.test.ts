// `check` with credentials the real local Keystone refuses. Keystone answers a
// wrong password, an unknown project and a project without a role alike (401, one text); the
// tool tells credentials and scope apart with one unscoped login, names the cloud, its file and
// the settings to check, and says it before a report whose ABORTs are one line in text.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CheckReport } from '../../src/core/check/report.js';
import { runCli, type CliRun } from '../harness/run-cli.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const WRONG_PASSWORD = 'wrong-pw-Kx3!q';
const outputs: string[] = [];
let file: string;

const demo = cloud.users.demo;
const entry = (auth: Record<string, string>) => ({
  auth: {
    auth_url: cloud.authUrl,
    username: demo.name,
    password: demo.password,
    project_name: demo.projectName,
    user_domain_name: 'Default',
    project_domain_name: 'Default',
    ...auth,
  },
  region_name: cloud.region,
});

beforeAll(async () => {
  file = path.join(await mkdtemp(path.join(tmpdir(), 'scs-auth-')), 'clouds.yaml');
  const clouds = {
    'wrong-password': entry({ password: WRONG_PASSWORD }),
    'wrong-user-domain': entry({ user_domain_name: 'Nowhere' }),
    'wrong-project': entry({ project_name: 'no-such-project' }),
    'no-role': entry({ project_name: cloud.users.admin.projectName }),
    fine: entry({}),
  };
  await writeFile(file, stringify({ clouds }), { mode: 0o600 });
});

afterAll(() => {
  const all = outputs.join('\n');
  for (const secret of [demo.password, WRONG_PASSWORD]) expect(all.includes(secret), 'a password leaked into CLI output').toBe(false);
});

async function check(args: string[], env: Record<string, string> = { OS_CLIENT_CONFIG_FILE: file }): Promise<CliRun> {
  const run = await runCli(['check', '--spec', 'scs-0104-v1-images-v5', '--no-color', ...args], { env });
  outputs.push(run.stdout, run.stderr);
  return run;
}

const firstLine = (s: string): string => s.split('\n')[0] ?? '';

describe('a login Keystone refuses', () => {
  it('wrong password: says first which cloud, which file and which settings, then one ABORT line (exit 3)', async () => {
    const run = await check(['--cloud', 'wrong-password', '--debug']);
    expect(run.code).toBe(3);
    const error = run.stderr.split('\n').find((l) => l.startsWith('scs-images: error:'))!;
    expect(error).toContain('scs-images: error: cloud wrong-password: ');
    expect(error).toContain(`Keystone at ${cloud.authUrl} refused the login of user demo (domain Default) (HTTP 401)`);
    expect(error).toContain(`check username, password and user_domain_name of clouds.wrong-password.auth in ${file}`);
    expect(error).toContain('auth_url');
    // the error comes before the report's own lines and the closing "no verdict"
    const lines = run.stderr.split('\n').filter((l) => !l.startsWith('debug:'));
    expect(firstLine(lines.join('\n'))).toBe(error);
    // the scoped login, then the unscoped probe: both refused, nothing else asked
    expect(run.stderr.match(/identity POST .*auth\/tokens -> 401/g)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/auth\/projects/);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('ABORT'))).toEqual(['ABORT  10 testcases not run: the images could not be listed (Error above)']);
    expect(run.stdout).toContain('Testcases   10: 0 passed, 0 failed, 8 aborted, 2 warnings');
  });

  it('a wrong user domain is a credentials problem too (Keystone cannot find the user)', async () => {
    const run = await check(['--cloud', 'wrong-user-domain']);
    expect(run.code).toBe(3);
    expect(firstLine(run.stderr)).toContain('refused the login of user demo (domain Nowhere) (HTTP 401): check username, password and user_domain_name');
  });

  it('unknown project: the credentials work, the project is named, with the projects the user may use', async () => {
    const run = await check(['--cloud', 'wrong-project', '--debug']);
    expect(run.code).toBe(3);
    const error = run.stderr.split('\n').find((l) => l.startsWith('scs-images: error:'))!;
    expect(error).toContain('cloud wrong-project: ');
    expect(error).toContain('user demo (domain Default) can log in to Keystone');
    expect(error).toContain('but gets no token for project no-such-project (domain Default) (HTTP 401): it does not exist or the user has no role on it');
    expect(error).toContain(`check project_name and project_domain_name of clouds.wrong-project.auth in ${file}; projects this user may use: demo`);
    expect(error).not.toContain('password');
    expect(run.stderr.match(/identity POST .*auth\/tokens -> (\d+)/g)?.map((l) => l.slice(-3))).toEqual(['401', '201']);
    expect(run.stderr.match(/identity GET .*\/auth\/projects -> 200/g)).toHaveLength(1);
  });

  it('a project the user has no role on reads the same as an unknown one (Keystone does not say which)', async () => {
    const run = await check(['--cloud', 'no-role']);
    expect(firstLine(run.stderr)).toContain(`gets no token for project ${cloud.users.admin.projectName} (domain Default)`);
    expect(firstLine(run.stderr)).toContain('projects this user may use: demo');
  });

  it('a cloud from OS_* variables names the variables, not a clouds.yaml', async () => {
    const run = await check([], {
      OS_CLIENT_CONFIG_FILE: path.join(path.dirname(file), 'none.yaml'),
      OS_AUTH_URL: cloud.authUrl,
      OS_USERNAME: demo.name,
      OS_PASSWORD: WRONG_PASSWORD,
      OS_PROJECT_NAME: demo.projectName,
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    });
    expect(run.code).toBe(3);
    expect(firstLine(run.stderr)).toContain(
      'check OS_USERNAME, OS_PASSWORD and OS_USER_DOMAIN_NAME (the cloud comes from the OS_* environment variables), and that OS_AUTH_URL is',
    );
  });

  it('JSON, JUnit and YAML keep every ABORT testcase; the working cloud is checked as usual', async () => {
    const json = await check(['--cloud', 'wrong-password', '--cloud', 'fine', '--format', 'json']);
    const report = JSON.parse(json.stdout) as CheckReport;
    const [bad, good] = report.subjects;
    expect(bad!.testcases).toHaveLength(10);
    expect(bad!.testcases.every((t) => t.verdict === 'ABORT' && t.findings[0]!.message === bad!.error)).toBe(true);
    expect(bad!.error).toContain('refused the login of user demo');
    expect(good!.error).toBeUndefined();
    const junit = await check(['--cloud', 'wrong-password', '--format', 'junit']);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(10);
    const yaml = await check(['--cloud', 'wrong-password', '--format', 'yaml']);
    expect(yaml.stdout.match(/^ +- "scs-0104-[a-z0-9-]+: ABORT"$/gm)).toHaveLength(10);
  });
});
