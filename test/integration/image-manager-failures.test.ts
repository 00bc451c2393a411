// The image manager when things go wrong, against the real local Glance: a download that 404s, a
// checksum that does not match, an error that must stop cleanup, and the process killed in the
// middle of an import (SIGKILL), after which a second run converges without twins or leftovers.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../harness/run-cli.js';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import type { GlanceImage } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage, managedByName } from '../harness/manager.js';
import { pollUntil } from '../harness/poll.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));
let dir: string;
let server: ImageServer;
let clouds: string;
const disk: Record<string, DiskImage> = {};

const def = (name: string, versions: { v: string; file: string; checksum?: string }[], extra: Partial<TestDefinition> = {}): TestDefinition => ({
  name,
  multi: false,
  os_distro: 'debian',
  uuid_validity: 'none',
  ...extra,
  versions: versions.map(({ v, file, checksum }) => ({
    version: v,
    url: `https://cloud.debian.org/images/cloud/bookworm/${v}/debian-12-genericcloud-amd64.qcow2`,
    mirror_url: `${server.url}/${file}`,
    ...(checksum ? { checksum } : {}),
  })),
});
const sha512 = (name: string) => `sha512:${disk[name]!.sha512}`;
/** Images a run left unfinished; a killed run's lease (src/apply/lease.ts) is counted apart, by leases(). */
const leftovers = async (): Promise<GlanceImage[]> =>
  (await everyImage(cloud)).filter((i) => i.status !== 'active' && i.status !== 'deactivated' && !i.tags.includes('scs-images-lease'));
const leases = async (): Promise<GlanceImage[]> => (await everyImage(cloud)).filter((i) => i.tags.includes('scs-images-lease'));

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-manager-fail-'));
  disk['good'] = await makeDiskImage(dir, 'good', { virtualMiB: 80 });
  disk['other'] = await makeDiskImage(dir, 'other', { virtualMiB: 81 });
  disk['big'] = await makeDiskImage(dir, 'big', { dataMiB: 6 });
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('failed imports leave nothing behind', () => {
  it('a download that 404s fails the run before any image is created (the head inspection reads it first)', async () => {
    const file = await writeDefinitions(path.join(dir, '404.yml'), [def('Debian 404', [{ v: '1', file: 'missing.qcow2' }])]);
    const r = await manage('apply', clouds, ['--images', file, '--stuck-timeout', '20']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/web-download from/);
    expect(r.stdout).toMatch(/ {2}FAILED +create +Debian 404 1 \(version 1\): download of http:\/\/127\.0\.0\.1:\d+\/missing\.qcow2 failed: HTTP 404/);
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('a checksum mismatch after web-download: the image is never made visible and is deleted', async () => {
    const file = await writeDefinitions(path.join(dir, 'mismatch.yml'), [def('Debian Bad', [{ v: '1', file: 'good.qcow2', checksum: sha512('other') }])]);
    const r = await manage('apply', clouds, ['--images', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /checksum mismatch: the definition says sha512:[0-9a-f]{128}, Glance's os_hash_value has [0-9a-f]{128}; the image was not made visible and is deleted/,
    );
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('a checksum mismatch on the streamed path is caught before Glance imports the bytes', async () => {
    const file = await writeDefinitions(path.join(dir, 'mismatch256.yml'), [
      def('Debian Bad', [{ v: '1', file: 'good.qcow2', checksum: `sha256:${disk['other']!.sha256}` }]),
    ]);
    const r = await manage('apply', clouds, ['--images', file, '--no-web-download']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/checksum mismatch: .* the downloaded bytes have/);
    expect(r.stderr).not.toMatch(/status importing/);
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('a sha512 mismatch on the streamed path is caught by os_hash_value (sha512 is not hashed twice)', async () => {
    const r = await manage('apply', clouds, ['--images', path.join(dir, 'mismatch.yml'), '--no-web-download']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/checksum mismatch: .* Glance's os_hash_value has .* not made visible and is deleted/);
    expect(await everyImage(cloud)).toEqual([]);
  });

  it('no cleanup in a run that had an error', async () => {
    const good = def('Debian 12', [
      { v: '1', file: 'good.qcow2', checksum: sha512('good') },
      { v: '2', file: 'other.qcow2', checksum: sha512('other') },
    ]);
    const first = await writeDefinitions(path.join(dir, 'two.yml'), [good]);
    expect((await manage('apply', clouds, ['--images', first])).code).toBe(0);
    // version 1 is dropped (outdated, would be deleted) while another definition fails
    const broken = def('Debian 404', [{ v: '1', file: 'missing.qcow2' }]);
    const next = await writeDefinitions(path.join(dir, 'two.yml'), [{ ...good, versions: good.versions.slice(1) }, broken]);
    const r = await manage('apply', clouds, ['--images', next, '--delete', '--yes-i-really-know-what-i-do', '--no-web-download']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/skipped: Debian 12 1 \(version 1\) \[[0-9a-f-]{36}\]: not run: the run had errors/);
    expect((await managedByName(cloud)).get('Debian 12 1')).toHaveLength(1);
    expect(await leftovers()).toEqual([]);
    // once the error is gone, the cleanup happens
    const fixed = await writeDefinitions(path.join(dir, 'two.yml'), [{ ...good, versions: good.versions.slice(1) }]);
    expect((await manage('apply', clouds, ['--images', fixed, '--delete', '--yes-i-really-know-what-i-do'])).code).toBe(0);
    expect((await managedByName(cloud)).get('Debian 12 1')).toBeUndefined();
  });
});

/** Start apply, wait until `ready` sees the import under way, then SIGKILL the process. */
async function killDuringImport(args: string[], ready: (images: GlanceImage[]) => boolean): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'apply', '--cloud', 'local-admin', '--progress', 'plain', ...args], {
    env: cliEnv({ OS_CLIENT_CONFIG_FILE: clouds }),
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await pollUntil(async () => (ready(await everyImage(cloud)) ? true : undefined), { timeoutMs: 60_000, what: 'an import under way' });
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

describe('killed mid-apply, then run again', () => {
  const bigDef = () => def('Debian Big', [{ v: '1', file: 'big.qcow2', checksum: sha512('big') }]);
  const marked = (images: GlanceImage[], status: string) => images.some((i) => i.name === 'Debian Big 1' && i.status === status && 'scs_images_importing' in i);

  it('during a web-download: the re-run finishes the interrupted import instead of creating a twin', async () => {
    await deleteAllImages(cloud);
    const file = await writeDefinitions(path.join(dir, 'big.yml'), [bigDef()]);
    server.set('/big.qcow2', { bytesPerSecond: 2 * 1024 * 1024 }); // ~3 s for Glance to fetch it
    await killDuringImport(['--images', file], (images) => marked(images, 'importing'));
    server.set('/big.qcow2', undefined);
    expect(await leases()).toHaveLength(1); // the killed run's, taken over by the re-run
    const [left] = (await everyImage(cloud)).filter((i) => !i.tags.includes('scs-images-lease'));
    expect(left).toMatchObject({ visibility: 'private', scs_images_importing: '1' }); // never published unverified

    const r = await manage('apply', clouds, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ resume\s+Debian Big 1/);
    const all = await everyImage(cloud);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: left!.id, name: 'Debian Big 1', status: 'active', visibility: 'public', os_hash_value: disk['big']!.sha512 });
    expect(all[0]).not.toHaveProperty('scs_images_importing');
  });

  it('during a streamed upload: the re-run discards the half-staged image and imports again', async () => {
    await deleteAllImages(cloud);
    const file = path.join(dir, 'big.yml');
    server.set('/big.qcow2', { bytesPerSecond: 2 * 1024 * 1024 });
    await killDuringImport(['--images', file, '--no-web-download'], (images) => images.some((i) => i.name === 'Debian Big 1'));
    server.set('/big.qcow2', undefined);
    expect(await leftovers()).toHaveLength(1);
    expect(await leases()).toHaveLength(1);

    const r = await manage('apply', clouds, ['--images', file, '--no-web-download']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const all = await everyImage(cloud);
    expect(all.map((i) => [i.name, i.status, i.visibility])).toEqual([['Debian Big 1', 'active', 'public']]);
    expect(all[0]!.os_hash_value).toBe(disk['big']!.sha512);
    expect((await manage('plan', clouds, ['--images', file, '--detailed-exitcode'])).code).toBe(0);
  });
});
