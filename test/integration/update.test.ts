// `scs-images update` as users run it: the built CLI, copies of OIM's real definition files
// (with comments added) in a temp dir, and the recorded upstream documents served from
// 127.0.0.1 (test/fixtures/upstream). No cloud is involved.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diffLines } from '../../src/core/update/line-diff.js';
import { loadDefinitions } from '../../src/inputs/load-definitions.js';
import { serveUpstream, type UpstreamServer } from '../../src/usecases/update/upstream-server.test-util.js';
import { runCli } from '../harness/run-cli.js';

const OIM_IMAGES = path.resolve('src/core/definitions/testdata');
const FILES = ['almalinux.yml', 'centos.yml', 'debian.yml', 'rockylinux.yml', 'ubuntu.yml'];
/** The definitions the recorded fixtures cover. */
const COVERED = ['Ubuntu 24.04', 'Debian 13', 'AlmaLinux 9', 'rocky-9', 'CentOS Stream 9'].flatMap((n) => ['--name', n]);
const HEADER = '# Managed by the platform team; run `scs-images update` weekly.\n';

let srv: UpstreamServer;
let dir: string;
const original = new Map<string, string>();

beforeAll(async () => {
  srv = await serveUpstream();
});
afterAll(() => srv.close());

/** Fresh copies with comments: a header, and a trailing comment on a line next to the edits. */
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-update-cli-'));
  for (const f of FILES) {
    const text = HEADER + (await readFile(path.join(OIM_IMAGES, f), 'utf8')).replace(/^( {4}versions:)$/gm, '$1  # newest last');
    await writeFile(path.join(dir, f), text);
    original.set(f, text);
  }
});

const read = (f: string) => readFile(path.join(dir, f), 'utf8');
const update = (...args: string[]) => runCli(['update', '--images', dir, ...srv.baseUrlArgs(), ...args]);

describe('update', () => {
  it('brings the covered definitions to the newest build; comments and everything else stay', async () => {
    const r = await update(...COVERED);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('updated  Ubuntu 24.04: added 20260705 (https://cloud-images.ubuntu.com/noble/20260705/noble-server-cloudimg-amd64.img)');
    expect(r.stdout).toContain('updated  Rocky 9: 20251123 replaced by 20260720 (the url is a moving pointer;');
    expect(r.stdout).toMatch(/^update: 5 updated, 0 up to date, 0 failed, 0 skipped; wrote /m);

    const set = await loadDefinitions(dir); // the written files validate
    const versions = (name: string) => set.images.find((d) => d.name === name)?.versions.map((v) => v.version);
    expect(versions('Ubuntu 24.04')).toEqual(['20260108', '20260705']);
    expect(versions('Debian 13')).toEqual(['20260124', '20260717']);
    expect(versions('AlmaLinux 9')).toEqual(['20251118', '20260526']);
    expect(versions('CentOS Stream 9')).toEqual(['20260120', '20260714']);
    expect(versions('Rocky 9')).toEqual(['20260720']);
    const debian = set.images.find((d) => d.name === 'Debian 13')?.versions[1];
    expect(debian?.checksum?.algorithm).toBe('sha512');
    expect(debian?.buildDate).toBe('2026-07-17');

    for (const f of FILES) {
      const after = await read(f);
      expect(after.startsWith(HEADER)).toBe(true);
      expect(after.match(/# newest last/g)?.length).toBe((original.get(f) as string).match(/# newest last/g)?.length);
      // appends only add lines; the one replace (Rocky 9) swaps value lines and drops its stale mirror_url
      const ops = diffLines((original.get(f) as string).split('\n'), after.split('\n'));
      const removed = ops.filter((o) => o.kind === '-').map((o) => o.line.trim());
      if (f === 'rockylinux.yml') {
        expect(removed).toEqual([
          "- version: '20251123'",
          'mirror_url:',
          'https://nbg1.your-objectstorage.com/osism/openstack-images/rocky-9/20251123-rocky-9.qcow2',
          'sha256:15d81d3434b298142b2fdd8fb54aef2662684db5c082cc191c3c79762ed6360c',
          'build_date: 2025-11-23',
        ]);
      } else {
        expect(removed).toEqual([]);
        expect(ops.filter((o) => o.kind === '+')).toHaveLength(6);
      }
    }
  });

  it('is idempotent: a second run finds everything current and changes nothing', async () => {
    expect((await update(...COVERED)).code).toBe(0);
    const first = await Promise.all(FILES.map(read));
    const r = await update(...COVERED);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('update: 0 updated, 5 up to date, 0 failed, 0 skipped; no file changed');
    expect(await Promise.all(FILES.map(read))).toEqual(first);
  });

  it('--dry-run prints a unified diff per file and writes nothing', async () => {
    const r = await update('--dry-run', ...COVERED);
    expect(r.code, r.stderr).toBe(0);
    for (const f of FILES) {
      expect(r.stdout).toContain(`--- a/${path.join(dir, f)}\n+++ b/${path.join(dir, f)}\n@@ `);
      expect(await read(f)).toBe(original.get(f));
    }
    expect(r.stdout).toContain(
      `+      - version: '20260705'\n+        url: \n+          https://cloud-images.ubuntu.com/noble/20260705/noble-server-cloudimg-amd64.img\n`,
    );
    expect(r.stdout).toMatch(/update: 5 updated, .*; dry run, would change /);
  });

  it('an upstream 404 or 500: exit 1, the failure named, the other definitions still updated', async () => {
    srv.fail('/debian/cdimage/cloud/trixie/daily/20260717-2542/SHA512SUMS', 500);
    try {
      const r = await runCli(['update', '--images', dir, ...srv.baseUrlArgs()]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/error: Ubuntu 22\.04 \(.*ubuntu\.yml\): GET http:\/\/127\.0\.0\.1:\d+\/ubuntu\/jammy\/: HTTP 404 Not Found/);
      expect(r.stderr).toMatch(/error: Debian 13 \(.*debian\.yml\): GET .*\/20260717-2542\/SHA512SUMS: HTTP 500 Internal Server Error/);
      expect(r.stdout).toContain('updated  Ubuntu 24.04: added 20260705');
      expect(r.stdout).toMatch(/update: 4 updated, 0 up to date, 6 failed, \d+ skipped/);
      expect(await read('ubuntu.yml')).toContain("      - version: '20260705'\n");
      expect(await read('debian.yml')).not.toContain('20260717');
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    } finally {
      srv.heal();
    }
  });

  it('the base URL can come from the environment', async () => {
    const r = await runCli(['update', '--images', path.join(dir, 'ubuntu.yml'), '--name', 'ubuntu-24.04'], {
      env: { SCS_IMAGES_UPSTREAM_UBUNTU: `${srv.url}/ubuntu` },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(await read('ubuntu.yml')).toContain('20260705');
  });

  it('bad input is exit 2 before any request', async () => {
    const seen = srv.requests.length;
    await writeFile(path.join(dir, 'broken.yml'), 'images:\n  - name: Broken\n    format: qcow3\n');
    const broken = await update();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yml:3:13 \(images\[0\]\.format\)/);
    const unknown = await runCli(['update', '--images', path.join(dir, 'ubuntu.yml'), '--base-url', 'fedora=http://127.0.0.1:9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown distribution 'fedora' (known: osism-capi, ubuntu, debian, almalinux, rocky, centos-stream, opensuse)");
    const name = await runCli(['update', '--images', path.join(dir, 'ubuntu.yml'), '--name', 'Ubuntu 99.04']);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("--name: no definition named 'Ubuntu 99.04'");
    expect(srv.requests.length).toBe(seen);
  });
  it("init --distro writes the releases OIM added (AlmaLinux 10, Rocky 10, CentOS Stream 10, openSUSE Leap 16.0), and update pins each to its vendor's manifest", async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'scs-init-distro-'));
    const distros = ['almalinux-10', 'rocky-10', 'centos-stream-10', 'opensuse-leap-16.0'].flatMap((d) => ['--distro', d]);
    const init = await runCli(['init', ...distros, '--now', '2026-08-01T00:00:00Z', '--out', out]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote ');
    for (const f of ['almalinux.yml', 'rocky.yml', 'centos.yml', 'opensuse.yml']) expect(init.stdout).toContain(path.join(out, f));
    expect(init.stdout).not.toMatch(/ubuntu\.yml|debian\.yml|capi\.yml/); // alone, --distro writes only what it names

    const r = await runCli(['update', '--images', out, '--now', '2026-08-01T00:00:00Z', ...srv.baseUrlArgs()]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^update: 4 updated, 0 up to date, 0 failed, 0 skipped; wrote /m);
    // init's label is the day it ran, after the vendor's build: the placeholder still gives way
    expect(r.stdout).toContain('updated  AlmaLinux 10: 20260801 replaced by 20260527 (it named the moving pointer without a checksum');
    const set = await loadDefinitions(out);
    const newest = (name: string) => set.images.find((d) => d.name === name)?.versions.at(-1);
    const alma = newest('AlmaLinux 10');
    expect(alma?.url).toBe('https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-10.1-20260527.0.x86_64.qcow2');
    expect(alma?.version).toBe('20260527');
    const centos = newest('CentOS Stream 10');
    expect(centos?.url).toMatch(/^https:\/\/cloud\.centos\.org\/centos\/10-stream\/x86_64\/images\/CentOS-Stream-GenericCloud-10-\d{8}\.\d\.x86_64\.qcow2$/);
    // the pinned checksums are the manifests' own lines (served from test/fixtures/upstream)
    const fixture = (rel: string) => readFile(path.resolve('test/fixtures/upstream', rel), 'utf8');
    for (const [name, rel] of [
      ['AlmaLinux 10', 'almalinux10/CHECKSUM'],
      ['Rocky 10', 'rocky10/CHECKSUM'],
      ['CentOS Stream 10', 'centos_stream10/CHECKSUM'],
      ['openSUSE Leap 16.0', 'opensuse_leap16/Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2.sha256'],
    ] as const) {
      const v = newest(name);
      expect(v?.checksum?.algorithm, name).toBe('sha256');
      expect(await fixture(rel), name).toContain(v?.checksum?.hex as string);
      expect(v?.url.startsWith('http://127.0.0.1'), name).toBe(false); // image_source names the vendor, not the stand-in
    }
    expect(set.images.find((d) => d.name === 'AlmaLinux 10')?.meta['provided_until']).toBe('2035-05-31');
  });
  it("init's definitions for the standard (Ubuntu 24.04 under releases/noble/release/) are pinned by update to a dated release build", async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'scs-init-update-'));
    const init = await runCli(['init', '--spec', 'scs-0104-v1-images-v5', '--now', '2026-08-01T00:00:00Z', '--out', out]);
    expect(init.code, init.stderr).toBe(0);
    const r = await runCli(['update', '--images', out, '--name', 'Ubuntu 24.04', '--now', '2026-08-01T00:00:00Z', ...srv.baseUrlArgs()]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('updated  Ubuntu 24.04: 20260801 replaced by 20260705 (it named the moving pointer without a checksum');
    const v = (await loadDefinitions(out)).images.find((d) => d.name === 'Ubuntu 24.04')?.versions;
    expect(v).toHaveLength(1);
    expect(v?.[0]).toMatchObject({
      version: '20260705',
      url: 'https://cloud-images.ubuntu.com/releases/noble/release-20260705/ubuntu-24.04-server-cloudimg-amd64.img',
      checksum: { algorithm: 'sha256', hex: 'ffe6203da54deeb6db5d2a98a83f9ec8e55f149d3f7ba622e1abe5fa966ee3d6' },
      buildDate: '2026-07-05',
    });
    // and it still satisfies the spec it was written for
    const predicted = await runCli(['validate', '--images', out, '--spec', 'scs-0104-v1-images-v5', '--now', '2026-08-01T00:00:00Z']);
    expect(predicted.code, predicted.stdout + predicted.stderr).toBe(0);
  });
});
