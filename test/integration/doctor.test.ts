// doctor against the real local Keystone + Glance: the facts it reads (version, import methods,
// stores, usage, token roles, clock skew), --probe creating and deleting its image (also when the
// cloud refuses a step: the demo user may not publicise by Glance's default policy), and the
// leases of killed runs: doctor lists and removes them, and so does an apply with nothing to do.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, LEASE_TAG, type LeaseApi } from '../../src/apply/lease.js';
import type { DoctorReport } from '../../src/core/doctor/types.js';
import { openProjectCloud, type ProjectCloud } from '../../src/openstack/open-cloud.js';
import { PROBE_TAG } from '../../src/usecases/doctor/probe.js';
import { writeDefinitions } from '../harness/definitions-yaml.js';
import { everyImage, manage } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
let dir: string;
let publicDefs: string;

const doctor = (args: string[]) => runCli(['doctor', ...args], { env });
const json = (stdout: string): DoctorReport => JSON.parse(stdout) as DoctorReport;
/** Images a run may leave behind: probes, leases, anything not active. */
const leftovers = async () =>
  (await everyImage(cloud))
    .filter((i) => i.tags.includes(PROBE_TAG) || i.tags.includes(LEASE_TAG) || i.status !== 'active')
    .map((i) => `${i.name} ${i.status}`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-doctor-'));
  publicDefs = await writeDefinitions(path.join(dir, 'public.yml'), [
    { name: 'Probe Linux 1', visibility: 'public', versions: [{ version: '1', url: 'http://127.0.0.1:9/none.qcow2' }] },
  ]);
  await deleteAllImages(cloud);
});

afterAll(async () => {
  await deleteAllImages(cloud);
});

describe('doctor on the default local cloud', () => {
  it('reads the version, import methods, stores, usage, token roles and a small clock skew; exit 0', async () => {
    const r = await doctor(['--cloud', 'local-demo', '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = json(r.stdout).subjects;
    const f = s!.facts!;
    expect(f.glance.version).toMatch(/^v2\.\d+$/);
    expect(f.glance.importMethods).toEqual(cloud.enabledImportMethods);
    expect(f.glance.stores?.map((x) => `${x.id}${x.isDefault ? '*' : ''}${x.readOnly ? ' ro' : ''}`)).toEqual(['store1*', 'store2']);
    // the local Glance enforces no unified limits: the usage document is empty, and doctor says so
    expect(f.glance.usage).toEqual({});
    expect(s!.findings.map((x) => x.id)).toContain('usage.no-limits');
    expect(f.login.roles).toEqual(expect.arrayContaining(['member']));
    expect(f.login.roles).not.toContain('admin');
    expect(f.login.project?.id).toBe(cloud.projectIds.demo);
    for (const c of [f.clocks.keystone, f.clocks.glance]) {
      expect(c).toBeDefined();
      expect(Math.abs(c!.skewMs)).toBeLessThanOrEqual(c!.uncertaintyMs + 2000);
    }
    expect(f.endpoints.find((e) => e.service === 'image')).toMatchObject({
      url: cloud.glanceUrl,
      source: 'catalog',
      interface: 'public',
      region: cloud.region,
    });
  });

  it('text: admin credentials are a warning (the official pre-flight refuses them), named with what to change', async () => {
    const r = await doctor(['--cloud', 'local-admin']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Glance +image API v2\.\d+/m);
    expect(r.stdout).toMatch(/^Import +glance-direct, web-download, copy-image$/m);
    expect(r.stdout).toMatch(/WARN +the token has the role admin.*pre-flight refuses/);
    expect(r.stdout).toMatch(/change: check compliance with credentials that have only the member/);
  });

  it('a cloud that cannot be reached: exit 3, named', async () => {
    const r = await runCli(['doctor', '--cloud', 'broken', '--timeout', '3'], {
      env: { OS_AUTH_URL: 'http://127.0.0.1:9/v3', OS_USERNAME: 'x', OS_PASSWORD: 'y', OS_PROJECT_NAME: 'p', OS_CLOUD_NAME: 'broken' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stderr).toMatch(/error: cloud broken: could not reach the cloud/);
  });
});

describe('doctor --probe', () => {
  it('as admin: creates, stages, imports, sets a property, publicises, deletes; nothing left', async () => {
    const r = await doctor(['--cloud', 'local-admin', '--probe', '--images', publicDefs, '-f', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/probe: creating a private, hidden 1 KiB image tagged scs-images-doctor-probe .*making it public.*then deleting it/);
    const probe = json(r.stdout).subjects[0]!.facts!.probe!;
    expect(probe.steps.map((s) => `${s.step}: ${s.outcome}`)).toEqual([
      'create: ok',
      'stage: ok',
      'import glance-direct: ok',
      'set property: ok',
      'publicize: ok',
      'delete: ok',
    ]);
    expect(await leftovers()).toEqual([]);
  });

  it('as a member whose definitions need public: the publicize step is refused (HTTP 403), exit 1, and still nothing is left', async () => {
    const r = await doctor(['--cloud', 'local-demo', '--probe', '--images', publicDefs]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/publicize: refused \(HTTP 403\)/);
    expect(r.stdout).toMatch(/BLOCK +--probe: publicize was refused \(HTTP 403\)/);
    expect(r.stdout).toMatch(/change: Glance policy publicize_image \(default: role:admin\)/);
    expect(r.stdout).toMatch(/delete: ok/);
    expect(await leftovers()).toEqual([]);
  });

  it('web-download by --probe-url is tried only when asked; a URL Glance cannot fetch is reported, and nothing is left', async () => {
    const r = await doctor(['--cloud', 'local-demo', '--probe', '--probe-url', 'http://127.0.0.1:9/nothing.img', '-f', 'json', '--timeout', '10']);
    const steps = json(r.stdout).subjects[0]!.facts!.probe!.steps;
    expect(steps.find((s) => s.step === 'import web-download')?.outcome).toMatch(/refused|failed/);
    expect(steps.at(-1)).toEqual({ step: 'delete', outcome: 'ok' });
    expect(await leftovers()).toEqual([]);
  });
});

/** The lease API of a killed run: its lease is taken and then never renewed nor released. */
const frozen = (pc: ProjectCloud): LeaseApi => {
  const api = pc.client.image;
  return {
    createImage: (o) => api.createImage(o),
    listAllImages: (o) => api.listAllImages(o),
    deleteImage: (id, o) => api.deleteImage(id, o),
    updateImage: async (id, ops) => (ops.some((op) => op.path.endsWith('_renewals')) ? api.getImage(id) : api.updateImage(id, ops)),
  };
};

/** A pid that existed on this host and does not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

async function staleLeases(pc: ProjectCloud, tag: string): Promise<void> {
  const base = { tag, projectId: pc.projectId, waitMs: 0, now: Date.now, sleep: (ms: number) => sleep(ms) };
  // a run on this host killed with SIGKILL, and one on another host whose lease time has passed
  await acquireLease(frozen(pc), { ...base, pid: deadPid() });
  await acquireLease(frozen(pc), { ...base, tag: `${tag}-elsewhere`, host: 'another-host', pid: 1, ttlMs: 1000 });
  await sleep(2500);
}

describe('no lease left behind', () => {
  let pc: ProjectCloud;
  beforeAll(async () => {
    pc = await openProjectCloud({ cloud: 'local-admin', env, timeoutMs: 30_000, insecure: false });
  });
  afterAll(async () => pc?.client.close());

  it('an apply with nothing to do removes the leases of runs that are provably gone, and says so', async () => {
    await deleteAllImages(cloud);
    await staleLeases(pc, 'managed_by_osism');
    expect((await leftovers()).filter((l) => l.startsWith('scs-images lease'))).toHaveLength(2);
    const r = await manage('apply', cloud.cloudsYaml, ['--images', publicDefs, '--filter', '^no such image$']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Nothing to do/);
    expect(r.stderr).toMatch(/removed the lease of scs-images on .*, pid \d+.*: process \d+ on .* no longer exists/);
    expect(r.stderr).toMatch(/removed the lease of scs-images on another-host, pid 1.*: not renewed for \d+ s \(lease time 1 s\)/);
    expect(await leftovers()).toEqual([]);
  });

  it('doctor lists the leases it finds and removes those of gone runs; --no-clean-up only lists them', async () => {
    await staleLeases(pc, 'managed_by_osism');
    const listed = await runCli(['doctor', '--cloud', 'local-admin', '--no-clean-up', '-f', 'json'], { env });
    const leases = json(listed.stdout).subjects[0]!.facts!.leases;
    expect(leases.map((l) => [l.tag, l.removed, Boolean(l.gone)]).sort()).toEqual([
      ['managed_by_osism', false, true],
      ['managed_by_osism-elsewhere', false, true],
    ]);
    expect(await leftovers()).toHaveLength(2);
    const cleaned = await runCli(['doctor', '--cloud', 'local-admin'], { env });
    expect(cleaned.stdout).toMatch(/^(Leases)? +\S+ tag managed_by_osism by scs-images on .* \(removed: process \d+ on .* no longer exists\)/m);
    expect(cleaned.stderr).toMatch(/removed the lease of/);
    expect(await leftovers()).toEqual([]);
  });
});
