// adopt, plan/apply of adopted definitions, and fix, on the real local Keystone + Glance with a
// catalogue uploaded the way people do it by hand: odd names, no or partial properties, one
// image of another project and one shared with us. Each path brings check to PASS where values
// can be inferred; the FAILs left are the images nothing could infer (and the other project's),
// nothing is re-imported, nothing outside the project changes, and a second run changes nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { glanceFetch, JSON_PATCH, type GlanceImage } from '../harness/glance-rest.js';
import { adminCloudsYaml, everyImage, TAG } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages, shareImage } from '../harness/seed.js';
import type { CloudUserName } from '../harness/local-cloud.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let clouds: string;
let disk: DiskImage;

interface Seed {
  name: string;
  owner?: CloudUserName;
  visibility?: 'public' | 'shared';
  properties?: Record<string, string>;
}

const CATALOGUE: Seed[] = [
  { name: 'Ubuntu 24.04 LTS' }, // no architecture, no origin: needs values
  { name: 'ubuntu-noble-20240423', properties: { hw_architecture: 'x86_64' } },
  { name: 'ubuntu-jammy-amd64-20240301' },
  { name: 'Debian12' }, // needs values
  {
    name: 'Debian 12 (20240211)',
    properties: { image_source: 'https://cloud.debian.org/images/cloud/bookworm/20240211-1654/debian-12-genericcloud-amd64.qcow2' },
  },
  {
    name: 'Debian 12',
    properties: {
      image_source: 'https://cloud.debian.org/images/cloud/bookworm/20240611-1773/debian-12-genericcloud-amd64.qcow2',
      internal_version: '20240611',
      architecture: 'x86_64',
    },
  },
  {
    name: 'CentOS Stream 9',
    properties: {
      hw_architecture: 'x86_64',
      image_source: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-20240101.0.x86_64.qcow2',
    },
  },
  {
    name: 'cirros-0.6.2',
    properties: { architecture: 'x86_64', image_source: 'https://github.com/cirros-dev/cirros/releases/download/0.6.2/cirros-0.6.2-x86_64-disk.img' },
  },
  { name: 'my-app-image' }, // needs values
  { name: 'Windows Server 2022', properties: { os_distro: 'windows', os_version: '2022', architecture: 'x86_64', image_source: 'private' } },
  { name: 'Other Ubuntu 22.04', owner: 'other' },
  { name: 'Shared Debian 11', owner: 'other', visibility: 'shared' },
];
const NEEDS_VALUES = ['Debian12', 'Ubuntu 24.04 LTS', 'my-app-image'];
const FOREIGN = ['Other Ubuntu 22.04', 'Shared Debian 11'];

/** Upload the catalogue as admin: active qcow2 images with min_ram (what most uploads set), no min_disk. */
async function seedCatalogue(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of CATALOGUE) {
    const img = await createImage(cloud, 'admin', {
      name: s.name,
      visibility: s.visibility ?? 'public',
      diskFormat: 'qcow2',
      containerFormat: 'bare',
      minRam: 512,
      properties: s.properties ?? {},
    });
    await glanceFetch(cloud, 'admin', 'PUT', `/v2/images/${img.id}/file`, {
      body: new Uint8Array(await readFile(disk.file)),
      contentType: 'application/octet-stream',
    });
    if (s.owner) {
      await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${img.id}`, {
        body: [{ op: 'replace', path: '/owner', value: cloud.projectIds[s.owner] }],
        contentType: JSON_PATCH,
      });
    }
    ids.set(s.name, img.id);
  }
  const shared = ids.get('Shared Debian 11') as string;
  await shareImage(cloud, 'other', shared, 'admin');
  return ids;
}

const cli = (args: string[]) => runCli(args, { env: { OS_CLIENT_CONFIG_FILE: clouds }, timeoutMs: 180_000 });

/** A comparable snapshot: everything but updated_at and Glance's own bookkeeping. */
const snapshot = (i: GlanceImage) => {
  const { updated_at: _u, ...rest } = i;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
};

/** The images check reports a FAIL for (scs-0102 v1, mandatory testcases), and why (for the assertion message). */
async function failing(now: string): Promise<{ names: string[]; why: string }> {
  const r = await cli(['check', '--cloud', 'local-admin', '--standard', 'scs-0102-v1', '--now', now, '-f', 'json']);
  const report = JSON.parse(r.stdout) as {
    subjects: { testcases: { verdict: string; requirement: string; findings: { level: string; message: string; image?: { name: string } }[] }[] }[];
  };
  const names = new Set<string>();
  const why: string[] = [];
  for (const t of report.subjects[0]?.testcases ?? []) {
    if (t.verdict !== 'FAIL' || t.requirement !== 'mandatory') continue;
    for (const f of t.findings) {
      if (!f.image || f.level !== 'error') continue;
      names.add(f.image.name);
      why.push(f.message);
    }
  }
  return { names: [...names].sort(), why: why.join('\n') };
}

async function expectFailing(now: string, names: string[]): Promise<void> {
  const r = await failing(now);
  expect(r.names, r.why).toEqual([...names].sort());
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-adopt-'));
  clouds = await adminCloudsYaml(cloud, dir);
  disk = await makeDiskImage(dir, 'tiny', { virtualMiB: 16 });
});

describe('adopt, plan and apply, fix', () => {
  let ids: Map<string, string>;
  let now: string;
  beforeEach(async () => {
    await deleteAllImages(cloud);
    ids = await seedCatalogue();
    // the clock of the check: a day after the uploads, by the cloud's own clock (faketime-safe)
    const created = (await everyImage(cloud)).map((i) => String(i['created_at'])).sort();
    now = new Date(Date.parse(created[created.length - 1] as string) + 86_400_000).toISOString();
  });

  it('adopt writes valid definitions, plan adopts without importing, apply brings check to PASS where values could be inferred', async () => {
    const before = new Map((await everyImage(cloud)).map((i) => [i.id, snapshot(i)]));
    // the check's findings point at fix
    const checked = await cli(['check', '--cloud', 'local-admin', '--standard', 'scs-0102-v1', '--now', now]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('scs-images fix --cloud local-admin --out fix.json');

    // with a standard, adopt predicts the adopted images against it (here: all compliant once applied)
    const predictedDir = path.join(dir, `predicted-${Date.now()}`);
    const predicted = await cli(['adopt', '--cloud', 'local-admin', '--out', predictedDir, '--now', now, '--standard', 'scs-0102-v1']);
    expect(predicted.stdout).toContain('(predicted after apply)');
    expect(predicted.stdout).toMatch(/Verdict\s+COMPLIANT/);

    const out = path.join(dir, `adopted-${Date.now()}`);
    const adopted = await cli(['adopt', '--cloud', 'local-admin', '--out', out, '--now', now]);
    expect(adopted.code, adopted.stderr).toBe(1); // some images need values
    for (const name of NEEDS_VALUES) expect(adopted.stderr).toContain(`needs values: '${name}'`);
    for (const name of FOREIGN) expect(adopted.stderr + adopted.stdout).not.toContain(name);
    const text = await readFile(path.join(out, 'adopted.yml'), 'utf8');
    expect(text).toContain('inferred: from the name');
    expect(text).toContain('https://cloud-images.ubuntu.com/noble/20240423/noble-server-cloudimg-amd64.img');
    // nothing on the cloud changed
    expect(new Map((await everyImage(cloud)).map((i) => [i.id, snapshot(i)]))).toEqual(before);

    const valid = await cli(['validate', '--images', out]);
    expect(valid.code, valid.stderr + valid.stdout).toBe(0);

    const planFile = path.join(out, '..', `plan-${Date.now()}.json`);
    const planned = await cli(['plan', '--cloud', 'local-admin', '--images', out, '--now', now, '--out', planFile, '-f', 'json']);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { changes: { action: string; name: string; imageId?: string }[] };
    expect(
      plan.changes.every((c) => c.action === 'adopt'),
      JSON.stringify(plan.changes.map((c) => c.action)),
    ).toBe(true);
    const adoptedNames = plan.changes.map((c) => c.name).sort();
    expect(adoptedNames).toEqual(
      [
        'CentOS Stream 9',
        'Debian 12',
        'Debian 12 (20240211)',
        'Windows Server 2022',
        'cirros-0.6.2',
        'ubuntu-jammy-amd64-20240301',
        'ubuntu-noble-20240423',
      ].sort(),
    );

    // the saved plan covers the unmanaged images it adopts: one changed by hand makes it stale
    const cirros = ids.get('cirros-0.6.2') as string;
    await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${cirros}`, {
      body: [{ op: 'add', path: '/hw_rng_model', value: 'virtio' }],
      contentType: JSON_PATCH,
    });
    const stale = await cli(['apply', planFile, '--cloud', 'local-admin', '--auto-approve', '--progress', 'plain']);
    expect(stale.code, stale.stderr).toBe(1);
    expect(stale.stderr).toContain('changed since');
    await glanceFetch(cloud, 'admin', 'PATCH', `/v2/images/${cirros}`, { body: [{ op: 'remove', path: '/hw_rng_model' }], contentType: JSON_PATCH });
    before.set(cirros, snapshot((await everyImage(cloud)).find((i) => i.id === cirros) as GlanceImage));

    const applied = await cli(['apply', planFile, '--cloud', 'local-admin', '--auto-approve', '--progress', 'plain']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(applied.stdout + applied.stderr).toContain('adopted');

    const after = await everyImage(cloud);
    expect(after).toHaveLength(CATALOGUE.length); // nothing imported, nothing deleted
    for (const img of after) {
      const name = img.name ?? '';
      if (adoptedNames.includes(name)) {
        expect(img.tags, name).toContain(TAG);
        expect(img.id).toBe(ids.get(name)); // the same image, renamed never
      } else {
        expect(snapshot(img), name).toBe(before.get(img.id)); // the rest untouched, other projects' included
      }
    }
    await expectFailing(now, [...NEEDS_VALUES, 'Other Ubuntu 22.04']);

    const again = await cli(['plan', '--cloud', 'local-admin', '--images', out, '--now', now, '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });

  it('fix repairs the inferable images and refuses to guess the rest; with values the rest passes too', async () => {
    const before = new Map((await everyImage(cloud)).map((i) => [i.id, snapshot(i)]));
    const planFile = path.join(dir, `fix-${Date.now()}.json`);
    const planned = await cli(['fix', '--cloud', 'local-admin', '--now', now, '--out', planFile]);
    expect(planned.code, planned.stderr).toBe(1);
    for (const name of NEEDS_VALUES) expect(planned.stderr).toContain(`needs values: '${name}'`);
    expect(new Map((await everyImage(cloud)).map((i) => [i.id, snapshot(i)]))).toEqual(before);

    const applied = await cli(['apply', planFile, '--cloud', 'local-admin', '--auto-approve', '--progress', 'plain']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    await expectFailing(now, [...NEEDS_VALUES, 'Other Ubuntu 22.04']);
    const after = await everyImage(cloud);
    expect(after).toHaveLength(CATALOGUE.length);
    for (const img of after) {
      if (img.owner !== cloud.projectIds.admin) expect(snapshot(img), img.name ?? '').toBe(before.get(img.id));
      expect(img.tags).not.toContain(TAG); // repaired, not managed
    }

    // the values nothing could infer, from a file and --set
    const values = path.join(dir, 'values.yml');
    await writeFile(
      values,
      [
        "'Ubuntu 24.04 LTS':",
        '  architecture: x86_64',
        '  image_source: https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img',
        'Debian12:',
        '  architecture: x86_64',
        '  image_source: https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
        '',
      ].join('\n'),
    );
    const second = path.join(dir, `fix2-${Date.now()}.json`);
    const withValues = await cli([
      'fix',
      '--cloud',
      'local-admin',
      '--now',
      now,
      '--image',
      'my-app-image',
      '--set',
      'os_distro=debian',
      '--set',
      'os_version=12',
      '--set',
      'architecture=x86_64',
      '--set',
      'image_source=private',
      '--out',
      second,
    ]);
    expect(withValues.code, withValues.stderr).toBe(0);
    expect(withValues.stdout).toContain('my-app-image');
    const applied2 = await cli(['apply', second, '--cloud', 'local-admin', '--auto-approve', '--progress', 'plain']);
    expect(applied2.code, applied2.stderr + applied2.stdout).toBe(0);

    const third = path.join(dir, `fix3-${Date.now()}.json`);
    const rest = await cli(['fix', '--cloud', 'local-admin', '--now', now, '--values', values, '--out', third]);
    expect(rest.code, rest.stderr).toBe(0);
    const applied3 = await cli(['apply', third, '--cloud', 'local-admin', '--auto-approve', '--progress', 'plain']);
    expect(applied3.code, applied3.stderr + applied3.stdout).toBe(0);
    await expectFailing(now, ['Other Ubuntu 22.04']);

    const again = await cli(['fix', '--cloud', 'local-admin', '--now', now, '--values', values]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Plan: no changes.');
  });
});
