// Fleet runs against two real local clouds (two Keystone + Glance pairs) and one that is down:
// one plan per cloud in one plan file, applied per cloud; the cloud that is down is its own
// outcome in the summary and the JSON, never stops the others, and the exit code is the worst.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeDefinitions } from '../harness/definitions-yaml.js';
import { makeDiskImage } from '../harness/disk-images.js';
import { startImageServer, type ImageServer } from '../harness/image-server.js';
import { startLocalCloud, type LocalCloud } from '../harness/local-cloud.js';
import { managedByName } from '../harness/manager.js';
import { addImageRegion } from '../harness/keystone-rest.js';
import { freePorts } from '../harness/ports.js';
import { runCli } from '../harness/run-cli.js';
import { deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const first = testCloud();
let second: LocalCloud;
let server: ImageServer;
let dir: string;
let env: Record<string, string>;
let defs: string;

const entry = (cloud: LocalCloud) => ({
  auth: {
    auth_url: cloud.authUrl,
    username: 'admin',
    password: cloud.users.admin.password,
    project_name: 'admin',
    user_domain_name: 'Default',
    project_domain_name: 'Default',
  },
  region_name: cloud.region,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-fleet-'));
  second = await startLocalCloud({ verbose: false });
  // cloud two gets a second region (its endpoint the same Glance): what --region/--all-regions expand
  await addImageRegion(second.keystoneUrl, second.users.admin.password, 'RegionTwo', second.glanceUrl);
  await deleteAllImages(first);
  const [closed] = await freePorts(1, '127.0.0.1');
  const clouds = {
    one: entry(first),
    // RegionTwo is in two's catalogue (added below), RegionThree only in clouds.yaml: no Glance there
    two: { ...entry(second), regions: [second.region, 'RegionTwo', 'RegionThree'] },
    down: { ...entry(first), auth: { ...entry(first).auth, auth_url: `http://127.0.0.1:${closed}/v3` } },
  };
  await writeFile(path.join(dir, 'clouds.yaml'), stringify({ clouds }), { mode: 0o600 });
  env = { OS_CLIENT_CONFIG_FILE: path.join(dir, 'clouds.yaml') };
  const disk = await makeDiskImage(dir, 'fleet-1', { virtualMiB: 1 });
  server = await startImageServer(dir);
  defs = await writeDefinitions(path.join(dir, 'defs.yml'), [
    { name: 'Fleet Linux', os_version: '1', versions: [{ version: '1', url: `${server.url}/fleet-1.qcow2`, checksum: `sha512:${disk.sha512}` }] },
  ]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await second?.stop({ purge: true });
});

const cli = (args: string[]) => runCli(args, { env, timeoutMs: 240_000 });

describe('fleet runs over two clouds and one that is down', () => {
  it('plan: one plan per reachable cloud in one file; the cloud that is down is its outcome, exit 3', { timeout: 240_000 }, async () => {
    const out = path.join(dir, 'fleet-plan.json');
    const r = await cli(['plan', '--images', defs, '--cloud', 'one', '--cloud', 'two', '--cloud', 'down', '--out', out, '-f', 'json']);
    expect(r.code, r.stderr).toBe(3);
    const doc = JSON.parse(r.stdout) as {
      fleet: Array<{ cloud: string; outcome: string; exitCode: number; document?: { changes: unknown[] }; errors?: string[] }>;
      exitCode: number;
    };
    expect(doc.exitCode).toBe(3);
    expect(doc.fleet.map((f) => [f.cloud, f.outcome, f.exitCode])).toEqual([
      ['one', 'ok', 0],
      ['two', 'ok', 0],
      ['down', 'could not finish (unreachable?)', 3],
    ]);
    expect(doc.fleet[0]!.document!.changes).toHaveLength(1);
    // the cloud that failed before its plan existed has no document; its errors say why
    expect(doc.fleet[2]).not.toHaveProperty('document');
    expect(doc.fleet[2]!.errors?.join('\n')).toMatch(/127\.0\.0\.1/);
    expect(r.stderr).toMatch(/\[down\] scs-images: error: .*127\.0\.0\.1/);
    const file = JSON.parse(await readFile(out, 'utf8')) as { fleet: Array<{ cloud: { name: string } }> };
    expect(file.fleet.map((p) => p.cloud.name)).toEqual(['one', 'two']);
  });

  it('apply of the fleet plan file changes each cloud; apply --images with the down cloud: the others still apply, exit 3, text summary', {
    timeout: 240_000,
  }, async () => {
    const applied = await cli(['apply', path.join(dir, 'fleet-plan.json'), '--progress', 'plain']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    // a plan file names the cloud and region each plan was made on
    expect(applied.stdout).toMatch(/== one\/RegionOne ==/);
    expect(applied.stdout).toMatch(/Summary \(2 clouds\/regions, exit 0\):\n {2}one\/RegionOne: ok \(exit 0\)\n {2}two\/RegionOne: ok \(exit 0\)/);
    for (const c of [first, second]) expect([...(await managedByName(c)).keys()]).toContain('Fleet Linux');

    // now everything is in place: the reachable clouds have nothing to do, the down one fails alone
    const again = await cli(['apply', '--images', defs, '--cloud', 'down', '--cloud', 'one', '--cloud', 'two', '--auto-approve', '--progress', 'plain']);
    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/ {2}down: could not finish \(unreachable\?\) \(exit 3\)\n {2}one: ok \(exit 0\)\n {2}two: ok \(exit 0\)/);
    expect(again.stdout).toMatch(/Nothing to do/);
  });

  it('--fail-fast: after the down cloud fails, no other cloud starts', { timeout: 120_000 }, async () => {
    const r = await cli(['plan', '--images', defs, '--cloud', 'down', '--cloud', 'one', '--concurrency', '1', '--fail-fast']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ {2}down: could not finish \(unreachable\?\) \(exit 3\)\n {2}one: skipped \(--fail-fast\)/);
  });

  it('--all-clouds lists every cloud of clouds.yaml; --all-regions reads the regions from the catalogue', { timeout: 240_000 }, async () => {
    const all = await cli(['plan', '--images', defs, '--all-clouds', '-f', 'json']);
    expect((JSON.parse(all.stdout) as { fleet: Array<{ cloud: string }> }).fleet.map((f) => f.cloud)).toEqual(['one', 'two', 'down']);
    const regions = await cli(['plan', '--images', defs, '--cloud', 'one', '--cloud', 'down', '--all-regions', '-f', 'json']);
    const doc = JSON.parse(regions.stdout) as { fleet: Array<{ cloud: string; region: string | null; outcome: string }> };
    expect(doc.fleet.map((f) => [f.cloud, f.region, f.outcome])).toEqual([
      ['one', first.region, 'ok'],
      ['down', null, 'could not finish (unreachable?)'],
    ]);
    expect(regions.code).toBe(3);
  });

  it('check and audit over clouds × regions: --all-regions from the catalogue, --region repeated, a region without Glance is its own ABORT', {
    timeout: 240_000,
  }, async () => {
    const NOW = ['--now', '2026-11-28T12:00:00Z'];
    type Doc = { subjects: Array<{ subject: { name: string; region?: string; connection?: { imageEndpoint: string } }; error?: string }> };
    const checked = await cli(['check', '--cloud', 'two', '--all-regions', '--spec', 'scs-0104-v1-images-v5', ...NOW, '-f', 'json']);
    expect(checked.stdout, checked.stderr).not.toBe('');
    const doc = JSON.parse(checked.stdout) as Doc;
    expect(doc.subjects.map((s) => [s.subject.name, s.subject.region, s.error])).toEqual([
      ['two', second.region, undefined],
      ['two', 'RegionTwo', undefined],
    ]);
    expect(doc.subjects.every((s) => s.subject.connection?.imageEndpoint.startsWith(second.glanceUrl))).toBe(true);
    // Ubuntu 24.04 is missing on both: each region fails on its own, nothing is ABORT
    expect(checked.code, checked.stderr).toBe(1);

    const audited = await cli(['audit', '--cloud', 'two', '--region', 'RegionThree', '--region', 'RegionTwo', ...NOW, '-f', 'json']);
    expect(audited.stdout, audited.stderr).not.toBe('');
    const adoc = JSON.parse(audited.stdout) as Doc;
    expect(adoc.subjects.map((s) => [s.subject.name, s.subject.region])).toEqual([
      ['two', 'RegionThree'],
      ['two', 'RegionTwo'],
    ]);
    expect(adoc.subjects[0]?.error).toMatch(/^could not audit the cloud's images: .*RegionThree/);
    expect(adoc.subjects[1]?.error).toBeUndefined();
    expect(audited.code).toBe(3);

    const both = await cli(['check', '--images-file', defs, '--all-regions']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--images-file excludes --cloud, --all-clouds, --region and --all-regions/);
  });

  it('ensure over a reachable and a down cloud: each outcome in the JSON fleet document, exit the worst', { timeout: 240_000 }, async () => {
    // a spec of one mandatory image, Fleet Linux, from the local server: the definitions can comply
    const spec = path.join(dir, 'fleet-spec.yaml');
    await writeFile(spec, `images:\n- name: "Fleet Linux"\n  source:\n  - ${server.url}/\n  status: mandatory\n`);
    const r = await cli(['ensure', '--images', defs, '--cloud', 'one', '--cloud', 'down', '--spec', spec, '--progress', 'plain', '-f', 'json']);
    const doc = JSON.parse(r.stdout) as {
      fleet: Array<{ cloud: string; exitCode: number; document?: { subjects: Array<{ images: { listed: number } }> } }>;
      exitCode: number;
    };
    expect(
      doc.fleet.map((f) => [f.cloud, f.exitCode]),
      r.stderr,
    ).toEqual([
      ['one', 0],
      ['down', 3],
    ]);
    // cloud one's final check report is its document: Fleet Linux (applied above) is listed
    expect(doc.fleet[0]!.document!.subjects[0]!.images.listed).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^\[down\] scs-images: error: /m);
    expect(r.code).toBe(3);
    expect(doc.exitCode).toBe(3);
  });
});
