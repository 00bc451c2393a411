// From a bare cloud to SCS-compliant, end to end on the real local Glance: check fails, init writes
// definitions (tiny local disk images stand in for upstream, served on loopback as mirror_url),
// ensure validates, applies and checks; check passes; a second ensure changes nothing.
import { mkdir, mkdtemp, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import { makeDiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
// the upstream paths init writes below --base-url (see docs/init.md)
const FILES = {
  ubuntu: 'ubuntu/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img',
  debian: 'debian/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
  capi: 'capi/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.35/ubuntu-2404-kube-v1.35.5.qcow2',
};

let server: ImageServer;
let defs: string;

beforeAll(async () => {
  await deleteAllImages(cloud);
  const root = await mkdtemp(path.join(tmpdir(), 'scs-ensure-'));
  const www = path.join(root, 'www');
  let size = 16;
  for (const rel of Object.values(FILES)) {
    await mkdir(path.dirname(path.join(www, rel)), { recursive: true });
    const img = await makeDiskImage(root, `img${size}`, { virtualMiB: size++ });
    await rename(img.file, path.join(www, rel));
  }
  server = await startImageServer(www);
  defs = path.join(root, 'images');
  const init = await runCli([
    'init',
    '--spec',
    'scs-0104-v1-images-v5',
    '--out',
    defs,
    ...Object.keys(FILES).flatMap((f) => ['--base-url', `${f}=${server.url}/${f}`]),
  ]);
  expect(init.code, init.stderr).toBe(0);
}, 120_000);

afterAll(async () => server?.close());

const check = async (cloudName: string, args: string[]) => {
  const run = await runCli(['check', '--cloud', cloudName, '--format', 'json', ...args], { env });
  return { ...run, report: JSON.parse(run.stdout) as CheckReport };
};

describe('ensure: a bare cloud becomes compliant', () => {
  it('the bare cloud fails the check', async () => {
    const r = await check('local-demo', ['--spec', 'scs-0104-v1-images-v5']);
    expect(r.code).toBe(1);
    expect(r.report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.verdict).toBe('FAIL');
  });

  it('ensure validates, applies and checks: exit 0, the cloud is compliant', async () => {
    const run = await runCli(['ensure', '--cloud', 'local-admin', '--images', defs, '--spec', 'scs-0104-v1-images-v5', '--progress', 'plain'], {
      env,
      timeoutMs: 300_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('ensure: 1/3');
    expect(run.stderr).toContain('ensure: the cloud is compliant');
    expect(run.stdout).toContain('COMPLIANT');
    // the images really came from the local server
    expect(
      server.requests
        .filter((r) => r.status === 200)
        .map((r) => r.path)
        .sort(),
    ).toEqual(expect.arrayContaining(Object.values(FILES).map((f) => `/${f}`)));
  });

  it('a member then sees a compliant cloud: the spec and the whole v5.1 scope (scs-0102 too)', async () => {
    const spec = await check('local-demo', ['--spec', 'scs-0104-v1-images-v5']);
    expect(spec.code).toBe(0);
    const names = spec.report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.images.map((i) => i.name);
    expect(names).toEqual(['Ubuntu 24.04']);
    const scope = await check('local-demo', []);
    const failing = scope.report.subjects[0]!.testcases.filter((t) => t.verdict !== 'PASS').map((t) => `${t.id}: ${t.findings[0]?.message}`);
    expect(failing).toEqual([]);
    expect(scope.code).toBe(0);
  });

  it('a second ensure changes nothing', async () => {
    const run = await runCli(['ensure', '--cloud', 'local-admin', '--images', defs, '--spec', 'scs-0104-v1-images-v5', '--progress', 'plain'], {
      env,
      timeoutMs: 300_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Nothing to do; \d+ API requests \(/);
    const requests = /Nothing to do; \d+ API requests \(([^)]*)\)/.exec(run.stderr)![1]!;
    expect(requests).not.toMatch(/image (POST|PUT|PATCH|DELETE)/);
  });

  it('definitions that cannot comply are refused before the cloud is touched', async () => {
    const run = await runCli(['ensure', '--cloud', 'local-admin', '--images', path.join(defs, 'debian.yml'), '--spec', 'scs-0104-v1-images-v5'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the definitions cannot make the cloud comply');
    expect(run.stderr).toContain('Missing mandatory image');
    expect(run.stderr).not.toContain('ensure: 2/3');
  });
});
