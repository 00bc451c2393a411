// `scs-images check` against the real local Keystone + Glance: every scs-0104 rule with real images,
// both users, the offline mode on a real export, and the deliberate difference with its flag.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import { glanceJson } from '../harness/glance-rest.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages, shareImage } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };

const NOBLE = 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img';
const BOOKWORM_BAD = 'https://mirror.example.com/debian/bookworm/debian-12-genericcloud-amd64.qcow2';
const CAPI_OK = 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.30/x.qcow2';

const ids: Record<string, string> = {};

/** scs-0104 only (the scope runs are tested in check-scope.test.ts); one subject per report. */
async function check(args: string[], extraEnv: Record<string, string> = {}) {
  const spec = args.includes('--spec') ? [] : ['--spec', 'scs-0104-v1-images-v5'];
  const run = await runCli(['check', '--format', 'json', ...spec, ...args], { env: { ...env, ...extraEnv } });
  const report = run.stdout ? (JSON.parse(run.stdout) as CheckReport) : undefined;
  const subject = report?.subjects[0];
  const verdicts = Object.fromEntries((subject?.testcases ?? []).map((t) => [t.id, t.verdict]));
  return { ...run, report, subject: subject!, verdicts, tc: (id: string) => subject!.testcases.find((t) => t.id === id)! };
}

beforeAll(async () => {
  await deleteAllImages(cloud);
  // Glance lists newest first, so of the two 'Ubuntu 24.04' images the good one is listed last
  ids.ubuntuGood = (await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', properties: { image_source: NOBLE } })).id;
  ids.ubuntuDup = (
    await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', properties: { image_source: 'https://evil.example/noble.img' } })
  ).id;
  ids.debianBad = (await createImage(cloud, 'admin', { name: 'Debian 12', visibility: 'public', properties: { image_source: BOOKWORM_BAD } })).id;
  ids.capiNoSource = (await createImage(cloud, 'admin', { name: 'ubuntu-capi-image-v1.30.2', visibility: 'community' })).id;
  ids.capiOk = (await createImage(cloud, 'admin', { name: 'ubuntu-capi-image-v1.31.4', visibility: 'public', properties: { image_source: CAPI_OK } })).id;
  // not counted: private, shared (even when accepted), hidden
  ids.privateBad = (await createImage(cloud, 'demo', { name: 'Ubuntu 22.04', visibility: 'private', properties: { image_source: 'bad' } })).id;
  ids.sharedBad = (await createImage(cloud, 'admin', { name: 'Debian 11', visibility: 'shared', properties: { image_source: 'bad' } })).id;
  await shareImage(cloud, 'admin', ids.sharedBad, 'demo');
  ids.hiddenBad = (await createImage(cloud, 'admin', { name: 'Ubuntu 20.04', visibility: 'public', hidden: true, properties: { image_source: 'bad' } })).id;
  // a member's own community image counts (it is in the member's listing)
  ids.demoCommunity = (
    await createImage(cloud, 'demo', {
      name: 'Debian 10',
      visibility: 'community',
      properties: { image_source: 'https://cloud.debian.org/images/cloud/buster/x' },
    })
  ).id;
}, 120_000);

describe('check against a real Glance (scs-0104-v1-images-v5)', () => {
  it('reports each rule with the offending images and exits 1', async () => {
    const r = await check(['--cloud', 'local-demo', '--spec', 'scs-0104-v1-images-v5', '--now', '2026-11-28T12:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({
      'scs-0104-image-ubuntu-2404': 'PASS',
      'scs-0104-source-ubuntu-2404': 'FAIL', // the duplicate with a wrong source
      'scs-0104-image-debian-12': 'PASS',
      'scs-0104-source-debian-12': 'FAIL',
      'scs-0104-image-capi-2': 'PASS',
      'scs-0104-source-capi-2': 'PASS', // the admin's community image is not in demo's listing
      'scs-0104-source-ubuntu-2204': 'PASS', // only a private image: not counted
      'scs-0104-source-ubuntu-2004': 'PASS', // only a hidden image: not seen
      'scs-0104-source-debian-11': 'PASS', // only a shared image: not counted
      'scs-0104-source-debian-10': 'PASS', // demo's own community image, right source
    });
    const src = r.tc('scs-0104-source-ubuntu-2404');
    expect(src.findings.map((f) => f.image?.id)).toEqual([ids.ubuntuDup]);
    expect(src.findings[0]).toMatchObject({
      property: 'image_source',
      value: 'https://evil.example/noble.img',
      expected: ['https://cloud-images.ubuntu.com/releases/noble/', 'https://cloud-images.ubuntu.com/noble/'],
    });
    expect(r.tc('scs-0104-source-capi-2').images.map((i) => i.id)).toEqual([ids.capiOk]);
    expect(r.tc('scs-0104-source-debian-10').images.map((i) => i.id)).toEqual([ids.demoCommunity]);
    expect(r.subject.subject).toEqual({
      kind: 'cloud',
      name: 'local-demo',
      region: 'RegionOne',
      // who checked what: ids and names, no secret
      connection: {
        authUrl: `${cloud.keystoneUrl}/v3`,
        user: { id: expect.any(String), name: 'demo' },
        project: { id: cloud.users.demo.projectId, name: 'demo' },
        imageEndpoint: cloud.glanceUrl,
        // the token's roles, for the official pre-flight (it refuses admin and manager)
        roles: expect.arrayContaining(['member']),
      },
    });
    expect(r.subject.images).toEqual({ listed: 7, considered: 5 }); // + demo's private and the accepted shared image
    expect(r.report!.compliant).toBe(false);
  });

  it('--collapse-duplicates restores the reference behaviour (only the last listed of a name is checked)', async () => {
    const r = await check(['--cloud', 'local-demo', '--collapse-duplicates']);
    expect(r.verdicts['scs-0104-source-ubuntu-2404']).toBe('PASS');
    expect(r.tc('scs-0104-source-ubuntu-2404').images.map((i) => i.id)).toEqual([ids.ubuntuGood]);
  });

  it('--include-hidden and --visibility widen what is checked', async () => {
    const hidden = await check(['--cloud', 'local-demo', '--include-hidden']);
    expect(hidden.verdicts['scs-0104-source-ubuntu-2004']).toBe('FAIL');
    expect(hidden.tc('scs-0104-source-ubuntu-2004').findings[0]!.image?.id).toBe(ids.hiddenBad);
    const all = await check(['--cloud', 'local-demo', '--visibility', 'all']);
    expect(all.verdicts['scs-0104-source-ubuntu-2204']).toBe('FAIL'); // demo's private image
    expect(all.verdicts['scs-0104-source-debian-11']).toBe('FAIL'); // shared with demo
  });

  it('a missing mandatory image fails; a missing recommended one only warns unless --strict', async () => {
    const spec = path.join(await mkdtemp(path.join(tmpdir(), 'scs-spec-')), 'spec.yaml');
    await writeFile(
      spec,
      [
        'images:',
        '- name: "Ubuntu 24.04"',
        '  source: https://cloud-images.ubuntu.com/noble/',
        '  status: recommended',
        '- name: "Debian 13"',
        '  source: https://cloud.debian.org/images/cloud/trixie/',
        '  status: recommended',
        '',
      ].join('\n'),
    );
    // Ubuntu 24.04 has a bad duplicate; only look at the presence testcases here
    const r = await check(['--cloud', 'local-demo', '--spec', spec]);
    expect(r.verdicts['scs-0104-image-debian-13']).toBe('FAIL');
    expect(r.tc('scs-0104-image-debian-13').requirement).toBe('recommended');
    expect(r.subject.summary.warnings).toBe(1);
    const strict = await check(['--cloud', 'local-demo', '--spec', spec, '--strict']);
    expect(strict.subject.summary.failed).toBe(r.subject.summary.failed + 1);

    await writeFile(spec, 'images:\n- name: "Debian 13"\n  source: https://cloud.debian.org/images/cloud/trixie/\n  status: mandatory\n');
    const missing = await check(['--cloud', 'local-demo', '--spec', spec]);
    expect(missing.code).toBe(1);
    expect(missing.tc('scs-0104-image-debian-13').findings[0]!.message).toContain('Missing mandatory image');

    await writeFile(spec, `images:\n- name: "Ubuntu 24.04"\n  source: https://cloud-images.ubuntu.com/noble/\n  status: mandatory\n`);
    const ok = await check(['--cloud', 'local-demo', '--spec', spec, '--collapse-duplicates']);
    expect(ok.code).toBe(0);
    expect(ok.report!.compliant).toBe(true);
  });

  it("other projects' community images are only checked with --all-community", async () => {
    const r = await check(['--cloud', 'local-demo', '--all-community']);
    // the image has no custom property at all: the official test aborts on it, and so does the check
    expect(r.verdicts['scs-0104-source-capi-2']).toBe('ABORT');
    const f = r.tc('scs-0104-source-capi-2').findings;
    expect([...new Set(f.map((x) => x.image?.id))]).toEqual([ids.capiNoSource]);
    expect(f.some((x) => x.message.includes('the official test aborts this testcase here'))).toBe(true);
  });

  it('the admin sees the same verdicts for public images, plus its own community image', async () => {
    const demo = await check(['--cloud', 'local-demo']);
    const admin = await check(['--cloud', 'local-admin']);
    expect(admin.code).toBe(1);
    expect(admin.verdicts['scs-0104-source-capi-2']).toBe('ABORT'); // the admin owns the community image (no custom property)
    for (const id of ['scs-0104-image-ubuntu-2404', 'scs-0104-source-ubuntu-2404', 'scs-0104-source-debian-12']) {
      expect(admin.verdicts[id], id).toBe(demo.verdicts[id]);
    }
    expect([...new Set(admin.tc('scs-0104-source-capi-2').findings.map((f) => f.image?.id))]).toEqual([ids.capiNoSource]);
  });

  it('offline: a real Glance export gives the same verdicts as the online check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scs-export-'));
    const page = await glanceJson<{ images: unknown[] }>(cloud, 'demo', 'GET', '/v2/images?limit=1000&member_status=all');
    const file = path.join(dir, 'images.json');
    await writeFile(file, JSON.stringify(page));
    const offline = await check(['--images-file', file]);
    const online = await check(['--cloud', 'local-demo']);
    expect(offline.code).toBe(1);
    expect(offline.verdicts).toEqual(online.verdicts);
    expect(offline.subject.subject).toEqual({ kind: 'file', name: file });

    // several pages concatenated as a JSON array
    const pages = path.join(dir, 'pages.json');
    const half = Math.ceil(page.images.length / 2);
    await writeFile(pages, JSON.stringify([{ images: page.images.slice(0, half) }, { images: page.images.slice(half) }]));
    expect((await check(['--images-file', pages])).verdicts).toEqual(online.verdicts);
  });
});
