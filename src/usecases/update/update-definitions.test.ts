// The orchestration in-process, against the recorded upstream served on 127.0.0.1.
import { chmod, copyFile, lstat, mkdir, mkdtemp, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveUpstream, type UpstreamServer } from './upstream-server.test-util.js';
import { handlerIds } from '../../core/update/handlers/registry.js';
import { parseBaseUrls } from './base-urls.js';
import { UpdateInputError, updateDefinitions, type UpdateOptions } from './update-definitions.js';

const testdata = (f: string) => fileURLToPath(new URL(`../../core/definitions/testdata/${f}`, import.meta.url));
let srv: UpstreamServer;
let dir: string;

beforeAll(async () => {
  srv = await serveUpstream();
});
afterAll(() => srv.close());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-update-'));
  for (const f of ['ubuntu.yml', 'rockylinux.yml']) await copyFile(testdata(f), path.join(dir, f));
});

function options(extra: Partial<UpdateOptions> = {}): UpdateOptions {
  const args = ['ubuntu', 'rocky'].map((d) => `${d}=${srv.url}/${d}`);
  return {
    images: dir,
    dryRun: false,
    names: [],
    includeDisabled: false,
    baseUrls: parseBaseUrls(args, {}, handlerIds()),
    fetch: { timeoutMs: 5000 },
    now: new Date('2026-11-28T12:00:00Z'),
    ...extra,
  };
}

describe('updateDefinitions', () => {
  it('one failing definition does not stop the others; outcomes in definition order (files by name)', async () => {
    const report = await updateDefinitions(options());
    expect(report.outcomes.map((o) => `${o.name}: ${o.status}`)).toEqual([
      'Rocky 8: skipped',
      'Rocky 9: updated',
      ...['14.04', '16.04', '16.04 Minimal', '18.04', '18.04 Minimal', '20.04', '20.04 Minimal'].map((v) => `Ubuntu ${v}: skipped`),
      'Ubuntu 22.04: failed',
      'Ubuntu 22.04 Minimal: failed',
      'Ubuntu 24.04: updated',
      'Ubuntu 24.04 Minimal: failed',
    ]);
    expect(report.changed.map((c) => path.basename(c.file))).toEqual(['rockylinux.yml', 'ubuntu.yml']);
    expect(await readFile(path.join(dir, 'ubuntu.yml'), 'utf8')).toContain("      - version: '20260705'\n");
  });

  it('a dry run reads upstream but writes nothing', async () => {
    const before = await readFile(path.join(dir, 'ubuntu.yml'), 'utf8');
    const report = await updateDefinitions(options({ dryRun: true, names: ['Ubuntu 24.04'] }));
    expect(report.changed).toHaveLength(1);
    expect(await readFile(path.join(dir, 'ubuntu.yml'), 'utf8')).toBe(before);
  });

  it('--name takes names and shortnames; an unknown one is bad input before any request', async () => {
    const seen = srv.requests.length;
    await expect(updateDefinitions(options({ names: ['Ubuntu 99.04'] }))).rejects.toThrow(UpdateInputError);
    expect(srv.requests.length).toBe(seen);
    const report = await updateDefinitions(options({ names: ['rocky-9'] }));
    expect(report.outcomes.map((o) => o.status)).toEqual(['updated']);
  });

  it('keeps the file mode and a byte order mark', async () => {
    const file = path.join(dir, 'rockylinux.yml');
    await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    await chmod(file, 0o640);
    await updateDefinitions(options({ names: ['Rocky 9'] }));
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF---\n')).toBe(true);
    expect(text).toContain('sha256:92c206cc6f790c61583247eefe87890f8828420662c17cacf247cec78ab4eec8');
  });

  it('mirror_url in OIM layout on request', async () => {
    await updateDefinitions(options({ names: ['Ubuntu 24.04'], mirrorBaseUrl: 'https://mirror.example/images' }));
    expect(await readFile(path.join(dir, 'ubuntu.yml'), 'utf8')).toContain(
      '        mirror_url: \n          https://mirror.example/images/ubuntu-24.04/20260705-ubuntu-24.04.qcow2\n',
    );
  });

  it('writes through a symlink, keeping the link', async () => {
    const real = path.join(dir, 'real-rocky.yaml.txt');
    await rename(path.join(dir, 'rockylinux.yml'), real);
    await symlink(real, path.join(dir, 'rockylinux.yml'));
    await updateDefinitions(options({ names: ['Rocky 9'] }));
    expect((await lstat(path.join(dir, 'rockylinux.yml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toContain('20260720');
  });

  it('a file that cannot be written fails its definitions, not the run', async () => {
    await mkdir(path.join(dir, `.rockylinux.yml.${process.pid}.update.tmp`)); // the temporary file's name, taken
    const report = await updateDefinitions(options({ names: ['Rocky 9', 'Ubuntu 24.04'] }));
    expect(report.outcomes.map((o) => [o.name, o.status, o.status === 'failed' ? o.error : ''])).toEqual([
      ['Rocky 9', 'failed', `cannot write ${path.join(dir, 'rockylinux.yml')}: EISDIR`],
      ['Ubuntu 24.04', 'updated', ''],
    ]);
    expect(report.changed.map((c) => path.basename(c.file))).toEqual(['ubuntu.yml']);
  });
});
