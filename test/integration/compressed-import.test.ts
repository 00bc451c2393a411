// Compressed upstream artefacts (Talos .raw.xz, OPNsense .img.bz2, Garden Linux .tar.xz) imported
// into the real local Glance: downloaded, decompressed, inspected, verified and staged in one pass,
// never by web-download (Glance would store the compressed bytes); the stored image is the
// decompressed content. Bad archives (a bomb, two disks, a link, a ../ path) leave nothing behind.
// Then `audit` verifies such an image against the manifest line of the compressed file.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions, type TestDefinition } from '../harness/definitions-yaml.js';
import { makeDiskImage, type DiskImage } from '../harness/disk-images.js';
import type { GlanceImage } from '../harness/glance-rest.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { adminCloudsYaml, everyImage, manage, managedByName } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const run = promisify(execFile);
const cloud = testCloud();
let dir: string;
let server: ImageServer;
let clouds: string;
let content: DiskImage;
const hashOf = async (file: string, alg = 'sha256'): Promise<string> =>
  createHash(alg)
    .update(await readFile(file))
    .digest('hex');
const sh = (cmd: string): Promise<unknown> => run('sh', ['-c', cmd], { cwd: dir });

const DEB_DIR = '/images/cloud/trixie/20261120-2300';
const DEB_FILE = 'debian-13-generic-amd64-20261120-2300.tar.xz';

const def = (name: string, file: string, checksum: string, extra: Partial<TestDefinition> = {}): TestDefinition => ({
  name,
  multi: false,
  os_distro: 'debian',
  versions: [{ version: '1', url: `${server.url}/${file}`, checksum }],
  ...extra,
});
const byName = async (name: string): Promise<GlanceImage[]> => (await everyImage(cloud)).filter((i) => i.name === name);

beforeAll(async () => {
  await deleteAllImages(cloud);
  dir = await mkdtemp(path.join(tmpdir(), 'scs-compressed-'));
  content = await makeDiskImage(dir, 'content', { dataMiB: 3 });
  await sh('xz -T1 -kc content.qcow2 > content.qcow2.xz');
  await sh('bzip2 -kc content.qcow2 > content.qcow2.bz2');
  await sh('gzip -kc content.qcow2 > content.qcow2.gz');
  await sh('zstd -qkc content.qcow2 > content.qcow2.zst');
  await writeFile(path.join(dir, 'README.txt'), 'not a disk\n');
  await sh('tar -cJf bundle.tar.xz README.txt content.qcow2');
  // bad input
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < 128; i++) yield Buffer.alloc(1024 * 1024);
      })(),
    ),
    createWriteStream(path.join(dir, 'zeros.raw')),
  );
  await sh('xz -T1 -kc zeros.raw > bomb.raw.xz');
  await copyFile(path.join(dir, 'content.qcow2'), path.join(dir, 'second.qcow2'));
  await sh('tar -cJf two.tar.xz content.qcow2 second.qcow2');
  await symlink('content.qcow2', path.join(dir, 'alias.qcow2'));
  await sh('tar -cJf link.tar.xz alias.qcow2 content.qcow2');
  await sh("tar -cJf dotdot.tar.xz -P --transform 's,^,../,' content.qcow2");
  // Debian's layout for audit: the manifest lists the compressed file
  await mkdir(path.join(dir, DEB_DIR), { recursive: true });
  await copyFile(path.join(dir, 'bundle.tar.xz'), path.join(dir, DEB_DIR, DEB_FILE));
  await writeFile(path.join(dir, DEB_DIR, 'SHA512SUMS'), `${await hashOf(path.join(dir, 'bundle.tar.xz'), 'sha512')}  ${DEB_FILE}\n`);
  server = await startImageServer(dir);
  clouds = await adminCloudsYaml(cloud, dir);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('apply: compressed upstream artefacts', () => {
  it('imports xz, bz2, gz, zst and tar.xz as the decompressed image, streamed through the tool, never by web-download', async () => {
    const bz2 = await hashOf(path.join(dir, 'content.qcow2.bz2'));
    const file = await writeDefinitions(path.join(dir, 'good.yml'), [
      def('Packed xz', 'content.qcow2.xz', `sha256:${content.sha256}`),
      // a checksum of the compressed file (as upstream's manifest lists it) is accepted too
      def('Packed bz2', 'content.qcow2.bz2', `sha256:${bz2}`),
      def('Packed gz', 'content.qcow2.gz', `sha512:${content.sha512}`),
      def('Packed zst', 'content.qcow2.zst', `sha256:${content.sha256}`),
      {
        ...def('Packed tar', 'x', `sha256:${content.sha256}`),
        versions: [
          {
            version: '1',
            url: `https://cloud.debian.org${DEB_DIR}/${DEB_FILE}`,
            mirror_url: `${server.url}/bundle.tar.xz`,
            checksum: `sha256:${content.sha256}`,
          },
        ],
      },
    ]);
    const r = await manage('apply', clouds, ['--images', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Apply: 5 done, 0 failed, 0 skipped/);
    expect(r.stderr).not.toMatch(/web-download from/);
    expect(r.stderr).toMatch(/content\.qcow2\.xz is a xz file: downloading, decompressing and streaming it through this tool/);
    expect(r.stderr).toMatch(/sha256 of the downloaded bz2 file matches the definition/);
    expect(r.stderr).toMatch(/sha256 of the decompressed image \(from tar\.xz\) matches the definition/);

    const images = await managedByName(cloud);
    for (const [name, from] of [
      ['Packed xz 1', 'xz'],
      ['Packed bz2 1', 'bz2'],
      ['Packed gz 1', 'gz'],
      ['Packed zst 1', 'zst'],
      ['Packed tar 1', 'tar.xz'],
    ] as const) {
      const [img] = images.get(name) ?? [];
      expect(img, name).toBeDefined();
      // the stored bytes are the uncompressed content
      expect(img, name).toMatchObject({
        status: 'active',
        size: content.size,
        os_hash_algo: 'sha512',
        os_hash_value: content.sha512,
        scs_images_unpacked_from: from,
        scs_images_content_sha256: content.sha256,
        scs_images_content_sha512: content.sha512,
      });
    }
    const tar = images.get('Packed tar 1')![0]!;
    expect(tar).toMatchObject({
      image_source: `https://cloud.debian.org${DEB_DIR}/${DEB_FILE}`,
      scs_images_unpacked_entry: 'content.qcow2',
      scs_images_source_sha256: await hashOf(path.join(dir, 'bundle.tar.xz')),
    });
    expect(images.get('Packed bz2 1')![0]).toMatchObject({ scs_images_source_sha256: bz2 });
  }, 240_000);

  it('audit verifies the tar.xz image against the manifest line of the compressed file', async () => {
    const r = await runCli(['audit', '--cloud', 'local-admin', '--format', 'json', '--base-url', `debian=${server.url}`], {
      env: { OS_CLIENT_CONFIG_FILE: clouds },
    });
    const report = JSON.parse(r.stdout) as { subjects: Array<{ testcases: Array<{ entry: string; verdict: string; findings: Array<{ message: string }> }> }> };
    const tc = report.subjects[0]!.testcases.find((t) => t.entry === 'Packed tar 1')!;
    expect(tc.verdict, JSON.stringify(tc)).toBe('PASS');
    expect(tc.findings[0]!.message).toMatch(
      /tar\.xz file's sha512 recorded at import .* matches the manifest, and Glance's os_hash_value is the sha512 of what it decompressed to/,
    );
    // no image is called a mismatch
    expect(report.subjects[0]!.testcases.filter((t) => t.verdict === 'FAIL' && /does not hold/.test(t.findings[0]?.message ?? ''))).toEqual([]);
  }, 120_000);

  it.each([
    ['a decompression bomb', 'bomb.raw.xz', 'raw', /decompression bomb/],
    ['a tarball with two disk images', 'two.tar.xz', 'qcow2', /more than one disk image \(content\.qcow2, second\.qcow2\)/],
    ['a tarball with a symbolic link', 'link.tar.xz', 'qcow2', /a symbolic link \("alias\.qcow2"\)/],
    ['a tarball with a ../ path', 'dotdot.tar.xz', 'qcow2', /a path with \.\. \("\.\.\/content\.qcow2"/],
  ])(
    'refuses %s with a clear error, and nothing is left in Glance',
    async (what, file, format, message) => {
      const name = `Bad ${file}`;
      const d = def(name, file, `sha256:${content.sha256}`, { format });
      const defs = await writeDefinitions(path.join(dir, `${file}.yml`), [d]);
      const r = await manage('apply', clouds, ['--images', defs]);
      expect(r.code, what).toBe(1);
      expect(r.stderr + r.stdout).toMatch(message);
      expect(r.stderr + r.stdout).toMatch(/nothing was created|nothing was made visible/);
      expect(await byName(`${name} 1`)).toEqual([]);
    },
    120_000,
  );
});
