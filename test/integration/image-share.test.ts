// `scs-images share` against the real local Keystone + Glance: a project by name, every project
// of a domain, acceptance, and unsharing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { glanceJson, listAllImages } from '../harness/glance-rest.js';
import { adminCloudsYaml } from '../harness/manager.js';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let clouds: string;
let imageId: string;

const share = (args: string[]) => runCli(['share', '--cloud', 'local-admin', ...args], { env: { OS_CLIENT_CONFIG_FILE: clouds } });
const members = async () =>
  (await glanceJson<{ members: { member_id: string; status: string }[] }>(cloud, 'admin', 'GET', `/v2/images/${imageId}/members`)).members
    .map((m) => [m.member_id, m.status])
    .sort();

beforeAll(async () => {
  await deleteAllImages(cloud);
  clouds = await adminCloudsYaml(cloud, await mkdtemp(path.join(tmpdir(), 'scs-share-')));
  imageId = (await createImage(cloud, 'admin', { name: 'Shared Thing', visibility: 'private' })).id;
});

describe('share', () => {
  it('shares a private image with a project by name: visibility becomes shared, the member is pending', async () => {
    const r = await share(['--image', 'Shared Thing', '--project', 'demo', '--domain', 'Default']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/visibility private → shared/);
    expect(r.stdout).toMatch(/shared with demo \([0-9a-f]{32}\): pending/);
    expect(await members()).toEqual([[cloud.projectIds.demo, 'pending']]);
    // pending shares are not in the member's default listing
    expect((await listAllImages(cloud, 'demo')).map((i) => i.id)).not.toContain(imageId);
  });

  it('--accept sets the membership to accepted (admin may), and the project sees the image', async () => {
    const r = await share(['--image', imageId, '--project', cloud.projectIds.demo, '--accept']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/already: accepted/);
    expect((await listAllImages(cloud, 'demo')).map((i) => i.id)).toContain(imageId);
  });

  it('--domain-projects shares with every other project of the domain; --remove unshares', async () => {
    const r = await share(['--image', imageId, '--domain-projects', 'Default']);
    expect(r.code, r.stderr).toBe(0);
    const ids = (await members()).map(([id]) => id);
    expect(ids).toEqual(expect.arrayContaining([cloud.projectIds.demo, cloud.projectIds.other]));
    expect(ids).not.toContain(cloud.projectIds.admin);

    const removed = await share(['--image', imageId, '--project', 'other', '--remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await members()).map(([id]) => id)).not.toContain(cloud.projectIds.other);
    const again = await share(['--image', imageId, '--project', 'other', '--remove']);
    expect(again.stdout).toMatch(/was not shared/);
  });

  it('refuses unknown images and projects, and public images, with exit 2', async () => {
    expect((await share(['--image', 'No Such Image', '--project', 'demo'])).code).toBe(2);
    expect((await share(['--image', imageId, '--project', 'nobody'])).stderr).toMatch(/no project 'nobody'/);
    const pub = await createImage(cloud, 'admin', { name: 'Public Thing', visibility: 'public' });
    const r = await share(['--image', pub.id, '--project', 'demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is public: every project sees it already/);
  });
});
