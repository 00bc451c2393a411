// The image manager against the real local Keystone + Glance, with real qcow2 images served from
// 127.0.0.1: first sync, a no-change run without a single write, drift repair, new versions with
// rotation, outdated versions per flags, saved plans, and the SCS checks afterwards.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageMetadata } from '../../src/core/check/scs-0102/index.js';
import { imageFromGlance } from '../../src/openstack/image/v2/images/results.js';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { glanceFetch, JSON_PATCH, type GlanceImage } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage, managedByName, TAG } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let server: ImageServer;
let proxy: FaultProxy;
let direct: string; // clouds.yaml straight to Glance
let proxied: string; // clouds.yaml with Glance behind the counting proxy
const disk: Record<string, DiskImage> = {};
const UPSTREAM = 'https://cloud-images.ubuntu.com/noble';

const ubuntu = (versions: string[]): TestDefinition => ({
  name: 'Ubuntu 24.04',
  os_version: '24.04',
  versions: versions.map((v) => ({
    version: v,
    url: `${UPSTREAM}/${v}/noble-server-cloudimg-amd64.img`,
    mirror_url: `${server.url}/u${v}.qcow2`,
    checksum: `sha256:${disk[`u${v}`]!.sha256}`, // Glance hashes sha512: verified by reading the image back
    build_date: `2026-0${v}-01`,
  })),
});
const cirros = (versions: string[], uuid = 'none'): TestDefinition => ({
  name: 'Cirros',
  multi: false,
  os_distro: 'cirros',
  os_purpose: 'minimal',
  uuid_validity: uuid,
  versions: versions.map((v) => ({
    version: v,
    url: `${server.url}/cirros-${v}.qcow2`,
    checksum: `sha512:${disk[`cirros-${v}`]!.sha512}`, // compared with Glance's os_hash_value
  })),
});
const defsFile = (defs: TestDefinition[], name = 'defs.yml') => writeDefinitions(path.join(dir, name), defs);
const named = async (name: string): Promise<GlanceImage[]> => (await managedByName(cloud)).get(name) ?? [];
const one = async (name: string): Promise<GlanceImage> => {
  const found = await named(name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const writes = () => proxy.requests.filter((r) => r.method !== 'GET');

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-manager-'));
  let mib = 64;
  for (const name of ['u1', 'u2', 'u3', 'cirros-0.6.1', 'cirros-0.6.2', 'cirros-0.6.3']) disk[name] = await makeDiskImage(dir, name, { virtualMiB: mib++ });
  server = await startImageServer(dir);
  proxy = await startFaultProxy(cloud.glanceUrl);
  direct = await adminCloudsYaml(cloud, dir);
  proxied = await adminCloudsYaml(cloud, dir, { imageEndpoint: proxy.url, name: 'proxied' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await proxy?.close();
});

describe('apply: first sync and idempotence', () => {
  it('imports every version, verified, private until published, with every SCS-0102 property', async () => {
    const file = await defsFile([ubuntu(['1']), cirros(['0.6.1', '0.6.2'])]);
    const r = await manage('apply', direct, ['--images', file]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Apply: 3 done, 0 failed, 0 skipped/);
    expect(r.stderr).toMatch(/read back from Glance matches the definition/);
    expect(r.stderr).toMatch(/Glance's os_hash_value matches the definition/);

    const u = await one('Ubuntu 24.04');
    expect(u).toMatchObject({
      status: 'active',
      visibility: 'public',
      os_hidden: false,
      disk_format: 'qcow2',
      min_ram: 512,
      image_source: `${UPSTREAM}/1/noble-server-cloudimg-amd64.img`, // the url, never the mirror
      image_build_date: '2026-01-01',
      image_original_user: 'ubuntu',
      internal_version: '1',
      os_version: '24.04',
      os_distro: 'ubuntu',
      os_purpose: 'generic',
      image_description: 'Ubuntu 24.04',
      replace_frequency: 'never',
      uuid_validity: 'last-3',
      provided_until: 'none',
      hw_disk_bus: 'scsi',
      architecture: 'x86_64',
      os_hash_algo: 'sha512',
      os_hash_value: disk['u1']!.sha512,
    });
    expect([...u.tags].sort()).toEqual([TAG, 'os:ubuntu']);
    expect(u.min_disk).toBe(1);
    expect(u).not.toHaveProperty('scs_images_importing');
    const c = await one('Cirros 0.6.2');
    expect(c).toMatchObject({ os_version: '0.6.2', internal_version: '0.6.2', os_purpose: 'minimal', visibility: 'public' });
    expect((await everyImage(cloud)).filter((i) => i.status !== 'active')).toEqual([]);
    // the tool reads the head once (disk image inspection, cut after 64 KiB), Glance fetches it once
    expect(server.requests.filter((q) => q.path === '/u1.qcow2')).toHaveLength(2);
  });

  it('a second apply with unchanged definitions makes zero write requests', async () => {
    proxy.requests.length = 0;
    const r = await manage('apply', proxied, ['--images', path.join(dir, 'defs.yml')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Plan: no changes\./);
    // the token, the visible and the hidden listing, and one listing of leases (a killed run's is removed)
    expect(r.stdout).toMatch(/Nothing to do; 4 API requests \(identity POST 1, image GET 3\)/);
    expect(writes()).toEqual([]);
    expect(proxy.requests).toHaveLength(3); // visible + hidden listing + leases
  });

  it('plan --detailed-exitcode: 0 without changes', async () => {
    const r = await manage('plan', direct, ['--images', path.join(dir, 'defs.yml'), '--detailed-exitcode']);
    expect(r.code).toBe(0);
  });

  it('repairs drift on an existing image with one PATCH, then converges', async () => {
    const c = await one('Cirros 0.6.2');
    await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${c.id}`, {
      contentType: JSON_PATCH,
      body: [
        { op: 'replace', path: '/os_version', value: '9.9' },
        { op: 'remove', path: '/hw_rng_model' },
        { op: 'replace', path: '/tags', value: [TAG, 'junk'] },
        { op: 'replace', path: '/min_ram', value: 64 },
        { op: 'add', path: '/foreign_note', value: 'set by someone else' },
      ],
    });
    const planned = await manage('plan', direct, ['--images', path.join(dir, 'defs.yml'), '--detailed-exitcode']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/~ update\s+Cirros 0\.6\.2/);
    expect(planned.stdout).toContain('os_version: "9.9" → "0.6.2"');
    expect(planned.stdout).toContain('+ hw_rng_model: "virtio"');

    proxy.requests.length = 0;
    const r = await manage('apply', proxied, ['--images', path.join(dir, 'defs.yml')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // one PATCH of the image; the other writes are the lease's: create, mark held, delete
    const all = writes().map((w) => `${w.method} ${w.path}`);
    expect(all.filter((w) => w.endsWith(c.id))).toEqual([`PATCH /v2/images/${c.id}`]);
    const lease = all.filter((w) => !w.endsWith(c.id));
    expect(lease).toEqual([
      'POST /v2/images',
      expect.stringMatching(/^PATCH \/v2\/images\/[0-9a-f-]{36}$/),
      expect.stringMatching(/^DELETE \/v2\/images\/[0-9a-f-]{36}$/),
    ]);
    expect(lease[1]!.slice(6)).toBe(lease[2]!.slice(7));
    const fixed = await one('Cirros 0.6.2');
    expect(fixed).toMatchObject({ os_version: '0.6.2', hw_rng_model: 'virtio', min_ram: 512, foreign_note: 'set by someone else' });
    expect([...fixed.tags].sort()).toEqual([TAG, 'os:cirros']);
    expect((await manage('plan', direct, ['--images', path.join(dir, 'defs.yml'), '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('apply: new versions and rotation', () => {
  it('two new versions in one run: the newest gets the bare name, the others keep their own version', async () => {
    const oldBare = await one('Ubuntu 24.04');
    const file = await defsFile([ubuntu(['1', '2', '3']), cirros(['0.6.1', '0.6.2'])]);
    const r = await manage('apply', direct, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const bare = await one('Ubuntu 24.04');
    expect(bare).toMatchObject({ internal_version: '3', os_hash_value: disk['u3']!.sha512, os_hidden: false, os_purpose: 'generic', visibility: 'public' });
    expect(await one('Ubuntu 24.04 (2)')).toMatchObject({
      internal_version: '2',
      os_hash_value: disk['u2']!.sha512,
      os_hidden: true,
      os_purpose: 'oldgeneric',
    });
    const rotated = await one('Ubuntu 24.04 (1)');
    expect(rotated).toMatchObject({ id: oldBare.id, internal_version: '1', os_hidden: true, os_purpose: 'oldgeneric' });
  });

  it('at most one public, visible generic image per distro/version/arch (scs-0102 uniqueness)', async () => {
    const images = (await everyImage(cloud)).map(imageFromGlance);
    const results = checkImageMetadata(
      images.filter((i) => i.visibility === 'public' || i.visibility === 'community').filter((i) => !i.hidden),
      { now: new Date(), version: 'v2' },
    );
    const failed = results.filter((t) => t.verdict !== 'PASS' && t.requirement === 'mandatory');
    expect(failed.map((t) => `${t.id}: ${JSON.stringify(t.findings)}`)).toEqual([]);
  });

  it('scs-images check passes on the managed images', async () => {
    const r = await runCli(['check', '--cloud', 'local-admin'], { env: { OS_CLIENT_CONFIG_FILE: direct } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('apply: versions that are no longer defined', () => {
  it('are hidden by default (uuid_validity none: outdated at once)', async () => {
    const file = await defsFile([ubuntu(['1', '2', '3']), cirros(['0.6.2'])]);
    const r = await manage('apply', direct, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await one('Cirros 0.6.1')).toMatchObject({ os_hidden: true, status: 'active' });
  });

  it('--deactivate deactivates them', async () => {
    const r = await manage('apply', direct, ['--images', path.join(dir, 'defs.yml'), '--deactivate']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await one('Cirros 0.6.1')).toMatchObject({ os_hidden: true, status: 'deactivated' });
  });

  it('--delete needs --yes-i-really-know-what-i-do, then deletes them', async () => {
    const refused = await manage('apply', direct, ['--images', path.join(dir, 'defs.yml'), '--delete']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes-i-really-know-what-i-do/);
    const r = await manage('apply', direct, ['--images', path.join(dir, 'defs.yml'), '--delete', '--yes-i-really-know-what-i-do']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await named('Cirros 0.6.1')).toEqual([]);
    expect(await named('Cirros 0.6.2')).toHaveLength(1);
  });

  it('a removed definition is left alone unless --prune, which hides its images', async () => {
    const file = await defsFile([cirros(['0.6.2'])], 'only-cirros.yml');
    const plan = await manage('plan', direct, ['--images', file]);
    expect(plan.stdout).toMatch(/Plan: no changes/);
    expect(plan.stdout).toMatch(/no definition claims it/);
    const r = await manage('apply', direct, ['--images', file, '--prune']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const name of ['Ubuntu 24.04', 'Ubuntu 24.04 (1)', 'Ubuntu 24.04 (2)']) expect(await one(name)).toMatchObject({ os_hidden: true, status: 'active' });
    // the definition comes back: the newest version is listed again
    const back = await manage('apply', direct, ['--images', path.join(dir, 'defs.yml')]);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(await one('Ubuntu 24.04')).toMatchObject({ os_hidden: false, internal_version: '3' });
  });
});

describe('saved plans', () => {
  it('apply plan.json performs the plan; a plan of a cloud that changed since is refused', async () => {
    const file = await defsFile([ubuntu(['1', '2', '3']), cirros(['0.6.2', '0.6.3'])]);
    const planFile = path.join(dir, 'plan.json');
    const planned = await manage('plan', direct, ['--images', file, '--out', planFile, '--format', 'json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({ formatVersion: '1.1', changes: [{ action: 'create', name: 'Cirros 0.6.3' }] });

    // someone renames a managed image: the saved plan no longer describes the cloud
    const c = await one('Cirros 0.6.2');
    await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${c.id}`, {
      contentType: JSON_PATCH,
      body: [
        { op: 'replace', path: '/name', value: 'Cirros 0.6.2' },
        { op: 'add', path: '/touched', value: 'yes' },
      ],
    });
    const stale = await runCli(['apply', planFile, '--progress', 'plain'], { env: { OS_CLIENT_CONFIG_FILE: direct } });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/changed since .*plan\.json was made/);
    expect(await named('Cirros 0.6.3')).toEqual([]);

    await manage('plan', direct, ['--images', file, '--out', planFile]);
    const r = await runCli(['apply', planFile, '--progress', 'plain'], { env: { OS_CLIENT_CONFIG_FILE: direct } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await one('Cirros 0.6.3')).toMatchObject({ status: 'active', visibility: 'public' });
  });
});
