// apply's preflight against the real local cloud: before the first change, apply reads what doctor
// would (the token's roles, and Glance's usage and limits when the plan imports) and stops when the
// cloud would refuse the plan midway. The local Glance enforces no Keystone unified limits, so a
// fault proxy in front of it answers GET /v2/info/usage as a Glance with image_count_total would
// (everything else reaches the real Glance untouched).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { startLocalCloud, type LocalCloud } from '../harness/local-cloud.js';
import { adminCloudsYaml, everyImage, manage, managedByName } from '../harness/manager.js';

let dir: string;
let server: ImageServer;
let cloud: LocalCloud;
let proxy: FaultProxy;
let yaml: string;
let defsFile: string;
let disk: DiskImage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-apply-preflight-'));
  disk = await makeDiskImage(dir, 'p1', { dataMiB: 1 });
  server = await startImageServer(dir);
  cloud = await startLocalCloud({ verbose: false });
  proxy = await startFaultProxy(cloud.glanceUrl, { seed: 1 });
  yaml = await adminCloudsYaml(cloud, dir, { name: 'proxied', imageEndpoint: proxy.url });
  defsFile = await writeDefinitions(path.join(dir, 'defs.yml'), [
    {
      name: 'Preflight',
      multi: false,
      os_distro: 'cirros',
      versions: [{ version: '1', url: `${server.url}/p1.qcow2`, checksum: `sha256:${disk.sha256}` }],
    },
  ]);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await cloud?.stop({ purge: true });
});

/** Glance's answer with unified limits enforced: the project has used its one image already. */
const countLimitReached = () =>
  proxy.setRules([
    {
      method: 'GET',
      path: /^\/v2\/info\/usage/,
      action: {
        kind: 'status',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ usage: { image_count_total: { limit: 1, usage: 1 }, image_size_total: { limit: 1000, usage: 1 } } }),
      },
    },
  ]);

describe('apply preflight', () => {
  it('a plan the cloud would refuse (image_count_total used up): exit 1, BLOCK as doctor prints it, the limit to raise, nothing created', async () => {
    countLimitReached();
    const r = await manage('apply', yaml, ['--images', defsFile]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/would refuse this plan midway; nothing was changed/);
    expect(r.stderr).toMatch(/BLOCK +the imports add 1 image\(s\); image_count_total allows 0 more/);
    expect(r.stderr).toMatch(/change: raise image_count_total in Keystone unified limits/);
    expect(r.stderr).toMatch(/--skip-preflight/);
    expect(proxy.requests.filter((q) => q.path.startsWith('/v2/info/usage'))).toHaveLength(1);
    // not even the lease: the cloud is as it was
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('--skip-preflight goes past it (the real Glance here enforces no limit)', async () => {
    proxy.reset();
    countLimitReached();
    const r = await manage('apply', yaml, ['--images', defsFile, '--skip-preflight']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(proxy.requests.filter((q) => q.path.startsWith('/v2/info/usage'))).toEqual([]);
    expect((await managedByName(cloud)).get('Preflight 1')?.[0]).toMatchObject({ status: 'active' });
  });

  it('a plan with nothing to do costs no preflight request', async () => {
    proxy.reset();
    const r = await manage('apply', yaml, ['--images', defsFile]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Nothing to do/);
    expect(proxy.requests.filter((q) => q.path.startsWith('/v2/info/usage'))).toEqual([]);
  });
});
