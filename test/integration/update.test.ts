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
});
