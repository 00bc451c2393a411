// check says what it counted: a server snapshot among the counted images and another project's
// community image (listed with --all-community) get advisory findings, in every format and with
// --explain, and never change a verdict; --owner self adds a view of the project's own images,
// said to be not the official one, while the verdict and the exit code stay the official ones.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { isAdvisory } from '../../src/core/check/advisory.js';
import type { CheckReport } from '../../src/core/check/report.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
const check = (args: string[]) => runCli(['check', '--cloud', 'local-demo', '--all-community', ...args], { env });
let snapshotId: string;
let communityId: string;

beforeAll(async () => {
  await deleteAllImages(cloud);
  const source = { image_source: 'https://cloud-images.ubuntu.com/noble/' };
  snapshotId = (
    await createImage(cloud, 'admin', {
      name: 'Ubuntu 24.04',
      visibility: 'public',
      properties: { ...source, image_type: 'snapshot', instance_uuid: '1b7e0d4e-0000-4000-8000-000000000001' },
    })
  ).id;
  communityId = (
    await createImage(cloud, 'other', { name: 'Debian 12', visibility: 'community', properties: { image_source: 'https://cloud.debian.org/images/cloud/' } })
  ).id;
});

afterAll(async () => deleteAllImages(cloud));

const advisories = (r: CheckReport) => r.subjects.flatMap((s) => s.testcases.flatMap((t) => t.findings.filter(isAdvisory).map((f) => ({ tc: t.id, ...f }))));

describe('what check counted', () => {
  it("JSON: advisories for the snapshot and the other project's community image; all of level info, the exit code that of the verdict", async () => {
    const r = await check(['-f', 'json']);
    const report = JSON.parse(r.stdout) as CheckReport;
    const notes = advisories(report);
    expect(notes.filter((n) => n.image?.id === snapshotId && /is a server snapshot \(image_type=snapshot\)/.test(n.message)).length).toBeGreaterThan(0);
    expect(notes.filter((n) => n.image?.id === communityId && /community image of another project/.test(n.message)).length).toBeGreaterThan(0);
    expect(notes.every((n) => n.level === 'info')).toBe(true);
    // an advisory never changes a verdict: the exit code follows the verdict, which the findings of level info do not move
    expect(r.code).toBe(report.verdict === 'compliant' ? 0 : 1);
  });

  it('text: counted as advisory notes; --explain shows them with both readings', async () => {
    const plain = await check([]);
    expect(plain.stdout).toMatch(/advisory note/);
    const explained = await check(['--explain']);
    expect(explained.stdout).toMatch(/advisory \(standard text\): Image 'Ubuntu 24\.04' .* is a server snapshot/);
    expect(explained.stdout).toMatch(/reading of the official test \(decides the verdict\): every listed image counts, server snapshots included/);
    expect(explained.stdout).toMatch(/advisory \(official test\): Image 'Debian 12' .* community image of another project/);
    expect(plain.code).toBe(explained.code);
  });

  it.each(['markdown', 'html', 'junit'])('%s: the advisories are there too', async (format) => {
    const r = await check(['-f', format, ...(format === 'html' ? ['--explain'] : [])]);
    if (format === 'markdown') expect(r.stdout).toMatch(/advisory note/);
    else if (format === 'html') expect(r.stdout).toMatch(/is a server snapshot/);
    else expect(r.stdout).toMatch(/server snapshot|advisory/);
  });

  it('--owner self: a view of only the own images, said not to be the official verdict; the exit code stays the official one', async () => {
    const official = await check(['-f', 'json']);
    const r = await check(['--owner', 'self', '-f', 'json']);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(r.code).toBe(official.code);
    expect(report.verdict).toBe((JSON.parse(official.stdout) as CheckReport).verdict);
    expect(report.ownerView?.note).toMatch(/^NOT the official verdict/);
    // demo owns none of the two images
    expect(report.ownerView?.subjects[0]?.images).toEqual({ listed: 0, considered: 0 });
    const text = await check(['--owner', 'self']);
    expect(text.stdout).toMatch(/Owner view \(--owner self\): NOT the official verdict/);
    const yaml = await check(['--owner', 'self', '-f', 'yaml']);
    expect(yaml.stderr).toMatch(/the --owner view is written in text and JSON only/);
  });
});
