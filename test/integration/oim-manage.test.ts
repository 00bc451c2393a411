// `scs-images manage`, OIM's command line, against the real local Keystone + Glance: OIM's own
// etc/images files through --check-only and --dry-run --filter, and OIM's lifetimes (last-N
// counts listed versions) on the bench scenario, where `apply` with the same flags changes nothing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, manage, managedByName } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const OIM_IMAGES = '/work/shared/data/oim-images';
const NOW = '2026-06-01T00:00:00Z';
let dir: string;
let clouds: string;
let server: ImageServer;
const disk: Record<string, DiskImage> = {};

const oim = (args: string[]) =>
  runCli(['manage', '--cloud', 'local-admin', '--progress', 'plain', '--now', NOW, ...args], { env: { OS_CLIENT_CONFIG_FILE: clouds }, timeoutMs: 180_000 });

const multi = (name: string, distro: string, osVersion: string, uuid: string, labels: string[]): TestDefinition => ({
  name,
  os_distro: distro,
  os_version: osVersion,
  uuid_validity: uuid,
  versions: labels.map((v, i) => ({
    version: v,
    url: `https://cloud.example.org/${distro}/${v}/disk.qcow2`,
    mirror_url: `${server.url}/${distro}-${v}.qcow2`,
    checksum: `sha512:${disk[`${distro}-${v}`]!.sha512}`,
    build_date: `2026-0${i + 1}-01`,
  })),
});
const DEBIAN = ['20260101', '20260201', '20260301'];
const UBUNTU = ['20260105', '20260205', '20260305', '20260405'];
const scenario = () => [multi('Debian 12', 'debian', '12', 'last-2', DEBIAN), multi('Ubuntu 24.04', 'ubuntu', '24.04', 'last-3', UBUNTU)];
const names = async () =>
  [...(await managedByName(cloud)).entries()]
    .flatMap(([n, imgs]) => imgs.map(() => n))
    .filter((n) => !n.startsWith('scs-images-lease'))
    .sort();

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-oim-manage-'));
  let mib = 16;
  for (const v of DEBIAN) disk[`debian-${v}`] = await makeDiskImage(dir, `debian-${v}`, { virtualMiB: mib++ });
  for (const v of UBUNTU) disk[`ubuntu-${v}`] = await makeDiskImage(dir, `ubuntu-${v}`, { virtualMiB: mib++ });
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("OIM's etc/images", () => {
  it('--check-only validates every file and exits 0 without a cloud', async () => {
    const r = await runCli(['manage', '--check-only', '--images', OIM_IMAGES]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^12 file\(s\), 29 image definition\(s\) \(17 disabled\), 36 version\(s\): valid$/m);
  });

  it('validate (and --check-only) warn about enabled definitions past their vendor end of support, by the --now clock', async () => {
    const warned = (stderr: string) =>
      [...stderr.matchAll(/\('([^']+)'\): .* reached the end of the vendor's .*? support(?: \(LTS\))? on (\S+) /g)].map((m) => `${m[1]} ${m[2]}`);
    const july = await runCli(['validate', '--images', OIM_IMAGES, '--now', '2026-07-01']);
    expect(july.code, july.stderr).toBe(0);
    // Debian's end is that of its (free) LTS, as OIM's own dates: Debian 11 2026-08-31, Debian 12 2028-06-30
    expect(warned(july.stderr)).toEqual(['openSUSE Leap 15.6 2026-04-30']);
    const september = await runCli(['manage', '--check-only', '--images', OIM_IMAGES, '--now', '2026-09-15']);
    expect(september.code).toBe(0);
    expect(warned(september.stderr)).toEqual(['Debian 11 2026-08-31', 'openSUSE Leap 15.6 2026-04-30']);
  });

  it("--dry-run --filter 'Cirros|Ubuntu 24.04' plans only those definitions and changes nothing", async () => {
    const r = await oim(['--images', OIM_IMAGES, '--dry-run', '--filter', 'Cirros|Ubuntu 24.04']);
    expect(r.code, r.stderr).toBe(0);
    const creates = [...r.stdout.matchAll(/^\s*\+ create\s+(.+)$/gm)].map((m) => m[1]);
    expect(creates.length).toBeGreaterThan(0);
    for (const c of creates) expect(c).toMatch(/^(Cirros|Ubuntu 24\.04)/);
    expect(r.stdout).not.toMatch(/Debian|AlmaLinux|Rocky/);
    expect(r.stdout).toMatch(/Dry run: nothing was changed/);
    expect(await names()).toEqual([]);
  });

  it('OIM flags with a bad value are usage errors (exit 2), not silently ignored as in OIM', async () => {
    expect((await oim(['--images', OIM_IMAGES, '--share-image', 'x', '--share-action', 'remove'])).code).toBe(2);
    expect((await oim(['--images', OIM_IMAGES, '--prefetch', 'sometimes'])).code).toBe(2);
    const r = await oim(['--images', OIM_IMAGES, '--filter', '(unclosed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--filter: '\(unclosed' is not a regular expression/);
  });
});

describe('lifetimes as in OIM (bench scenario: Debian 12 lists 3 versions with last-2, Ubuntu 24.04 4 with last-3)', () => {
  it("apply keeps every listed version; manage --delete --yes-i-really-know-what-i-do deletes the oldest beyond N and names OIM's rule", async () => {
    const defs = await writeDefinitions(path.join(dir, 'bench.yml'), scenario());
    const first = await manage('apply', clouds, ['--images', defs, '--now', NOW]);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(await names()).toHaveLength(7);

    const same = await manage('apply', clouds, ['--images', defs, '--now', NOW, '--delete', '--yes-i-really-know-what-i-do']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/Nothing to do/);

    // --delete alone deletes nothing, as in OIM, and says so
    const alone = await oim(['--images', defs, '--delete', '--dry-run']);
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stderr).toMatch(/--delete without --yes-i-really-know-what-i-do deletes nothing/);
    expect(alone.stdout).not.toMatch(/^\s*- delete/m);

    const r = await oim(['--images', defs, '--delete', '--yes-i-really-know-what-i-do']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/outdated though still listed: not among the 2 newest versions, listed or not \(uuid_validity last-2; OIM's lifetime rule\)/);
    expect(r.stdout).toMatch(/not among the 3 newest versions, listed or not \(uuid_validity last-3; OIM's lifetime rule\)/);
    expect(await names()).toEqual(['Debian 12', 'Debian 12 (20260201)', 'Ubuntu 24.04', 'Ubuntu 24.04 (20260205)', 'Ubuntu 24.04 (20260305)']);

    // a second run is a no-op: the deleted versions are outdated, so they are not imported again
    const again = await oim(['--images', defs, '--delete', '--yes-i-really-know-what-i-do']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Nothing to do/);
    expect(again.stdout).toMatch(/'Debian 12' version 20260101 is not imported: outdated/);
  });

  it('--check-age --max-age reports images built too long before their definition and changes nothing', async () => {
    const defs = path.join(dir, 'bench.yml');
    const r = await oim(['--images', defs, '--dry-run', '--check-age', '--max-age', '30']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /age: 'Ubuntu 24\.04 \(20260205\) \(version 20260205\)' .* built on 2026-02-01, 59 days before the definition's build of 2026-04-01/,
    );
    expect(r.stdout).not.toMatch(/age: 'Debian/); // 28 days
  });

  it('list --cloud: the managed images with definition, version, visibility, hidden, age and SCS verdicts, as text, Markdown and JSON', async () => {
    const defs = path.join(dir, 'bench.yml');
    const env = { env: { OS_CLIENT_CONFIG_FILE: clouds } };
    const json = await runCli(['list', '--cloud', 'local-admin', '--images', defs, '--now', NOW, '-f', 'json'], env);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { formatVersion: string; source: string; rows: Record<string, unknown>[] };
    expect(doc).toMatchObject({ formatVersion: '1.0', source: 'cloud' });
    const rows = doc.rows.filter((r) => r['definition'] !== '');
    expect(rows.map((r) => `${r['name']}|${r['definition']}|${r['version']}|${r['visibility']}|${r['hidden']}|${r['ageDays']}`)).toEqual([
      'Debian 12|Debian 12|20260301|public|false|92',
      'Debian 12 (20260201)|Debian 12|20260201|public|false|120',
      'Ubuntu 24.04|Ubuntu 24.04|20260405|public|false|61',
      'Ubuntu 24.04 (20260205)|Ubuntu 24.04|20260205|public|false|120',
      'Ubuntu 24.04 (20260305)|Ubuntu 24.04|20260305|public|false|92',
    ]);
    // the newest of each is a clean SCS image; the superseded ones manage left listed (no --hide) carry findings
    expect(rows.find((r) => r['name'] === 'Ubuntu 24.04')?.['scs']).toMatch(/^(PASS|WARN)$/);
    const text = await runCli(['list', '--cloud', 'local-admin', '--now', NOW], env);
    expect(text.stdout).toMatch(/^Name\s+Version\s+Visibility\s+Hidden\s+Status\s+Age \(days\)\s+SCS-0102\s+ID$/m);
    expect(text.stdout).toMatch(/^Debian 12 \(20260201\)\s+20260201\s+public\s+no\s+active\s+120\s/m);
    const md = await runCli(['list', '--cloud', 'local-admin', '--now', NOW, '-f', 'markdown'], env);
    expect(md.stdout).toMatch(/^\| Name \| Version \| Visibility \| Hidden \| Status \| Age \(days\) \| SCS-0102 \| ID \|$/m);
    expect(md.stdout).toMatch(/^\| Ubuntu 24\\\.04 \\\(20260305\\\) \| 20260305 \| public \| no \|/m);
    expect((await runCli(['list'], env)).code).toBe(2);
  });

  it("plan's own --filter and --latest: this tool's rule would re-import the deleted versions, only of the selected definitions", async () => {
    const defs = path.join(dir, 'bench.yml');
    const plan = async (extra: string[]) => {
      // manage ran without --hide/--use-os-hidden (OIM's default: superseded images stay listed), so does this plan
      const r = await manage('plan', clouds, ['--images', defs, '--now', NOW, '--format', 'json', '--no-hide', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { changes: { action: string; name: string }[] }).changes.map((c) => `${c.action} ${c.name}`);
    };
    expect(await plan([])).toEqual(['create Debian 12 (20260101)', 'create Ubuntu 24.04 (20260105)']);
    expect(await plan(['--filter', '^Debian'])).toEqual(['create Debian 12 (20260101)']);
    expect(await plan(['--latest'])).toEqual([]);
  });
});
