// The check when things go wrong or get big, against the real local cloud: pagination over more
// than 1,000 images, wrong password, an invalid token (re-auth), faults from a proxy, the
// openstack CLI's own JSON exports, and no secret in any output.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CheckReport } from '../../src/core/check/report.js';
import { memoryTokenStore } from '../../src/openstack/auth/session.js';
import { connect } from '../../src/openstack/client.js';
import type { TokenInfo } from '../../src/openstack/identity/v3/tokens/types.js';
import { loadCloudConfig } from '../../src/openstack/config/clouds.js';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { runCli, type CliRun } from '../harness/run-cli.js';
import { createImage, createImages, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const FILLERS = 1005;
const outputs: string[] = [];
let dir: string;
let debianId: string;

/** clouds.yaml with one cloud for the demo user, optionally through proxies or with another password. */
async function cloudsFile(name: string, opts: { password?: string; authUrl?: string; imageEndpoint?: string } = {}): Promise<string> {
  const demo = cloud.users.demo;
  const entry: Record<string, unknown> = {
    auth: {
      auth_url: opts.authUrl ?? cloud.authUrl,
      username: demo.name,
      password: opts.password ?? demo.password,
      project_name: demo.projectName,
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    },
    region_name: cloud.region,
  };
  if (opts.imageEndpoint) entry['image_endpoint_override'] = opts.imageEndpoint;
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, stringify({ clouds: { [name]: entry } }));
  return file;
}

async function check(cloudsYaml: string, cloudName: string, args: string[] = []): Promise<CliRun & { report?: CheckReport }> {
  const run = await runCli(['check', '--cloud', cloudName, '--spec', 'scs-0104-v1-images-v5', '--format', 'json', '--timeout', '10', ...args], {
    env: { OS_CLIENT_CONFIG_FILE: cloudsYaml },
  });
  outputs.push(run.stdout, run.stderr);
  let report: CheckReport | undefined;
  try {
    report = JSON.parse(run.stdout) as CheckReport;
  } catch {
    report = undefined;
  }
  return { ...run, report };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-robust-'));
  await deleteAllImages(cloud);
  // created first = listed last (Glance sorts newest first): this one ends up on the second page
  debianId = (await createImage(cloud, 'admin', { name: 'Debian 12', visibility: 'public', properties: { image_source: 'https://mirror.example/bookworm' } }))
    .id;
  await createImage(cloud, 'admin', {
    name: 'Ubuntu 24.04',
    visibility: 'public',
    properties: { image_source: 'https://cloud-images.ubuntu.com/noble/x.img' },
  });
  await createImages(cloud, 'admin', FILLERS, (i) => ({ name: `filler-${i}`, visibility: 'public', properties: { os_distro: 'cirros' } }));
}, 300_000);

afterAll(async () => {
  // secrets never appear in any output of any run in this file
  const secrets = [cloud.users.admin.password, cloud.users.demo.password, 'wrong-pw-Zq8!x', await cloud.tokenFor('demo')];
  const all = outputs.join('\n');
  for (const s of secrets) expect(all.includes(s), 'a secret leaked into CLI output').toBe(false);
});

describe('pagination over more than 1,000 images', () => {
  it('lists every page, finds the image on the last page, one token and two list requests', async () => {
    const yaml = await cloudsFile('paged');
    // serial paging (the partitioned listing has its own test): exactly one request per page of 1,000
    const run = await check(yaml, 'paged', ['--debug', '--list-streams', '1']);
    expect(run.code).toBe(1);
    expect(run.report!.subjects[0]!.images.listed).toBe(FILLERS + 2);
    const tc = run.report!.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-source-debian-12')!;
    expect(tc.findings.map((f) => f.image?.id)).toEqual([debianId]);
    const trace = run.stderr.split('\n');
    expect(trace.filter((l) => /identity POST .*auth\/tokens -> 201/.test(l))).toHaveLength(1);
    const lists = trace.filter((l) => /image GET .*\/v2\/images\?.* -> 200/.test(l));
    expect(lists).toHaveLength(2);
    expect(lists[1]).toContain('marker=');
  });
});

describe('authentication', () => {
  it('a wrong password ends with exit 3 and a clear message, every testcase ABORT', async () => {
    const yaml = await cloudsFile('wrongpw', { password: 'wrong-pw-Zq8!x' });
    const run = await check(yaml, 'wrongpw');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/authentication|401|credentials/i);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.report!.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    expect(run.report!.compliant).toBe(false);
  });

  it('an unknown cloud name still gives a report: every testcase ABORT, the reason as CRITICAL, exit 3 (as the official script)', async () => {
    const yaml = await cloudsFile('known');
    const run = await check(yaml, 'unknown');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Cloud "unknown" was not found');
    expect(run.report!.subjects[0]!.subject.name).toBe('unknown');
    expect(run.report!.subjects[0]!.testcases.length).toBeGreaterThan(0);
    expect(run.report!.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    expect(run.report!.verdict).toBe('no-verdict');
  });

  it('an invalid token is answered by Glance with 401; the client re-authenticates once and goes on', async () => {
    const config = await loadCloudConfig({ cloud: 'local-demo', env: { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml } });
    const events: string[] = [];
    // a token Keystone never issued (as after a revocation), with a catalog that points at the real Glance
    const stale = {
      token: 'gAAAAABinvalidinvalidinvalidinvalidinvalidinvalid',
      expiresAt: new Date(Date.now() + 3600_000),
      methods: ['password'],
      roles: [],
      catalog: [{ type: 'image', name: 'glance', endpoints: [{ interface: 'public', region: cloud.region, region_id: cloud.region, url: cloud.glanceUrl }] }],
    } as unknown as TokenInfo;
    const client = await connect(config, {
      onEvent: (e) => {
        if (e.type === 'response') events.push(`${e.service} ${e.method} ${e.status}`);
      },
      tokenStore: memoryTokenStore(stale),
    });
    const images = await client.image.listAllImages({ memberStatus: 'all' });
    await client.close();
    expect(images.length).toBe(FILLERS + 2);
    expect(events.slice(0, 3)).toEqual(['image GET 401', 'identity POST 201', 'image GET 200']);
  });
});

describe('faults between the tool and Glance', () => {
  let proxy: FaultProxy;
  let yaml: string;
  beforeAll(async () => {
    proxy = await startFaultProxy(cloud.glanceUrl);
    yaml = await cloudsFile('proxied', { imageEndpoint: proxy.url });
  });
  afterAll(async () => proxy.close());

  it('a 503, a reset connection and a 429 with Retry-After are retried; the verdicts are unchanged', async () => {
    proxy.setRules([
      { method: 'GET', path: /^\/v2\/images/, sequence: [{ kind: 'status', status: 503 }, { kind: 'reset' }, { kind: 'rate-limit', retryAfter: 1 }] },
    ]);
    proxy.requests.length = 0;
    const run = await check(yaml, 'proxied');
    expect(run.code).toBe(1);
    expect(run.report!.subjects[0]!.images.listed).toBe(FILLERS + 2);
    const statuses = proxy.requests.map((r) => r.status);
    expect(statuses.slice(0, 4)).toEqual([503, 0, 429, 200]);
    // Retry-After: 1 was honoured before the fourth attempt
    const the429 = proxy.requests[2]!;
    const next = proxy.requests[3]!;
    expect(next.at - (the429.at + the429.ms)).toBeGreaterThanOrEqual(950);
  });

  it('a truncated page is retried, not taken as the whole listing', async () => {
    proxy.setRules([{ method: 'GET', path: /^\/v2\/images/, sequence: [{ kind: 'truncate' }] }]);
    proxy.requests.length = 0;
    const run = await check(yaml, 'proxied');
    // the cut body fails to parse; the GET is retried and the listing completes
    expect(run.code).toBe(1);
    expect(proxy.requests.map((r) => r.action).slice(0, 2)).toEqual(['truncate', 'pass']);
    expect(run.report!.subjects[0]!.images.listed).toBe(FILLERS + 2);
  });

  it('a second page that keeps failing: exit 3, ABORT everywhere, never a PASS', async () => {
    proxy.setRules([{ method: 'GET', path: /marker=/, action: { kind: 'status', status: 500 } }]);
    proxy.requests.length = 0;
    const run = await check(yaml, 'proxied');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('could not finish');
    expect(run.report!.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    expect(proxy.requests.filter((r) => r.path.includes('marker=')).length).toBe(5); // 1 + 4 retries
  });

  it('an answer later than --timeout is retried; the verdicts are unchanged', async () => {
    // the first page (1,000 images) needs about a second; its first answer comes 8 s late
    proxy.setRules([{ method: 'GET', path: /^\/v2\/images/, sequence: [{ kind: 'delay', ms: 8000 }] }]);
    proxy.requests.length = 0;
    const run = await check(yaml, 'proxied', ['--timeout', '4']);
    await proxy.settled();
    expect(run.code, run.stderr).toBe(1);
    expect(proxy.requests[0]).toMatchObject({ action: 'delay', status: 0 }); // the tool gave up after 4 s and asked again
    expect(run.report!.subjects[0]!.images.listed).toBe(FILLERS + 2);
  });

  it('a page that keeps trickling in slower than --timeout: exit 3, the slow request named, ABORT everywhere', async () => {
    // every page after a marker trickles in at 20 bytes a second: even an empty one (about 130
    // bytes, which a created_at range of the partitioned listing may get) takes longer than 3 s
    proxy.setRules([{ method: 'GET', path: /marker=/, action: { kind: 'trickle', chunkBytes: 10, intervalMs: 500 } }]);
    proxy.requests.length = 0;
    const run = await check(yaml, 'proxied', ['--timeout', '3']);
    proxy.setRules([]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/GET \S*\/v2\/images\?\S*marker=\S* failed: the answer began but did not complete within 3 s \(--timeout\)/);
    expect(run.report!.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    expect(run.report!.subjects[0]!.testcases.some((t) => t.verdict === 'PASS')).toBe(false);
  });

  it('an unreachable Glance: exit 3', async () => {
    const dead = await cloudsFile('dead', { imageEndpoint: 'http://127.0.0.1:9' });
    const run = await check(dead, 'dead', ['--timeout', '2']);
    expect(run.code).toBe(3);
    expect(run.report!.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
  });
});

describe('faults between the tool and Keystone', () => {
  it('a reset on the token request is retried', async () => {
    const proxy = await startFaultProxy(cloud.keystoneUrl);
    try {
      proxy.setRules([{ method: 'POST', path: /auth\/tokens/, sequence: [{ kind: 'reset' }, { kind: 'status', status: 502 }] }]);
      const yaml = await cloudsFile('ksproxy', { authUrl: `${proxy.url}/v3` });
      const run = await check(yaml, 'ksproxy');
      expect(run.code).toBe(1);
      expect(proxy.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([0, 502, 201]);
    } finally {
      await proxy.close();
    }
  });
});

describe('exports of the openstack CLI (python-openstackclient)', () => {
  const osc = (...args: string[]) =>
    promisify(execFile)('openstack', args, {
      env: { PATH: process.env['PATH'] ?? '', OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml, OS_CLOUD: 'local-demo' },
      maxBuffer: 64 * 1024 * 1024,
    });

  it('`image show -f json` of single images and of an array', async () => {
    const { stdout } = await osc('image', 'show', '-f', 'json', debianId);
    const one = path.join(dir, 'show.json');
    await writeFile(one, stdout);
    const run = await runCli(['check', '--spec', 'scs-0104-v1-images-v5', '--images-file', one, '--format', 'json']);
    const report = (JSON.parse(run.stdout) as CheckReport).subjects[0]!;
    expect(report.images.listed).toBe(1);
    expect(report.testcases.find((t) => t.id === 'scs-0104-source-debian-12')!.verdict).toBe('FAIL');
    const arr = path.join(dir, 'show-array.json');
    await writeFile(arr, `[${stdout}]`);
    expect((JSON.parse((await runCli(['check', '--images-file', arr, '--format', 'json'])).stdout) as CheckReport).subjects[0]!.images.listed).toBe(1);
  });

  it('`image list --long -f json` (no properties): presence is decided, source testcases ABORT, exit 3', async () => {
    const { stdout } = await osc('image', 'list', '--long', '-f', 'json');
    const file = path.join(dir, 'list.json');
    await writeFile(file, stdout);
    const run = await runCli(['check', '--spec', 'scs-0104-v1-images-v5', '--images-file', file, '--format', 'json']);
    const report = (JSON.parse(run.stdout) as CheckReport).subjects[0]!;
    expect(report.images.listed).toBe(FILLERS + 2);
    const byId = Object.fromEntries(report.testcases.map((t) => [t.id, t]));
    expect(byId['scs-0104-image-ubuntu-2404']!.verdict).toBe('PASS');
    expect(byId['scs-0104-source-ubuntu-2404']!.verdict).toBe('ABORT');
    expect(byId['scs-0104-source-ubuntu-2404']!.findings[0]!.message).toContain('no image properties');
    expect(run.code).toBe(3);
  });
});
