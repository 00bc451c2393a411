import { describe, expect, it } from 'vitest';
import { upstreamFixture } from '../../core/update/fixtures.test-util.js';
import { HANDLERS } from '../../core/update/handlers/registry.js';
import type { UpstreamHandler } from '../../core/update/handlers/types.js';
import { UpstreamError } from '../../core/update/types.js';
import { FetchError } from '../../inputs/fetch-text.js';
import { resolveUpstream, type UpstreamFetcher } from './resolve-upstream.js';

const handler = (id: string) => HANDLERS.find((h) => h.id === id) as UpstreamHandler;

/** Serves documents from a table; anything else is a 404 FetchError. Records what was read. */
function fakeFetcher(docs: Record<string, string>, lastModified?: string): UpstreamFetcher & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async text(url) {
      log.push(`GET ${url}`);
      const doc = docs[url];
      if (doc === undefined) throw new FetchError(url, `GET ${url}: HTTP 404 Not Found`, 404);
      return doc;
    },
    async lastModified(url) {
      log.push(`HEAD ${url}`);
      return lastModified;
    },
  };
}

const noble = {
  name: 'Ubuntu 24.04',
  latestUrl: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
  latestChecksumUrl: 'https://cloud-images.ubuntu.com/noble/current/SHA256SUMS',
};
const LISTING = 'https://cloud-images.ubuntu.com/noble/';

describe('resolveUpstream', () => {
  it('Ubuntu: listing, newest manifest, dated url; no HEAD needed', async () => {
    const f = fakeFetcher({ [LISTING]: upstreamFixture('ubuntu2404/index.html'), [`${LISTING}20260705/SHA256SUMS`]: upstreamFixture('ubuntu2404/SHA256SUMS') });
    const r = await resolveUpstream(noble, handler('ubuntu'), f);
    expect(r.build).toEqual({
      version: '20260705',
      url: `${LISTING}20260705/noble-server-cloudimg-amd64.img`,
      checksum: { algorithm: 'sha256', hex: 'ffe6203da54deeb6db5d2a98a83f9ec8e55f149d3f7ba622e1abe5fa966ee3d6' },
      buildDate: '2026-07-05',
    });
    expect(f.log).toEqual([`GET ${LISTING}`, `GET ${LISTING}20260705/SHA256SUMS`]);
  });

  it('a build dated after the clock of the run (--now) is passed over for the newest one before it', async () => {
    const f = fakeFetcher({
      [LISTING]: upstreamFixture('ubuntu2404/index.html'),
      [`${LISTING}20260705/SHA256SUMS`]: upstreamFixture('ubuntu2404/SHA256SUMS'),
      [`${LISTING}20260615/SHA256SUMS`]: `${'c'.repeat(64)} *noble-server-cloudimg-amd64.img\n`,
    });
    const r = await resolveUpstream(noble, handler('ubuntu'), f, '20260701');
    expect(r.build.version).toBe('20260615');
    expect(r.notes).toEqual(['20260705/: built 20260705, after the clock of this run (20260701); trying an older build']);
    // on the build's own day it counts
    expect((await resolveUpstream(noble, handler('ubuntu'), f, '20260705')).build.version).toBe('20260705');
  });

  it('falls back to the previous build when the newest has no manifest yet or does not list the image', async () => {
    const f = fakeFetcher({
      [LISTING]: upstreamFixture('ubuntu2404/index.html'),
      [`${LISTING}20260615/SHA256SUMS`]: `${'d'.repeat(64)} *something-else.img\n`,
      [`${LISTING}20260518/SHA256SUMS`]: `${'c'.repeat(64)} *noble-server-cloudimg-amd64.img\n`,
    });
    const r = await resolveUpstream(noble, handler('ubuntu'), f);
    expect(r.build.version).toBe('20260518');
    expect(r.notes).toEqual([
      '20260705/: no SHA256SUMS (yet); trying an older build',
      '20260615/: the manifest does not list the image (yet); trying an older build',
    ]);
  });

  it('gives up after the newest three builds', async () => {
    const f = fakeFetcher({ [LISTING]: upstreamFixture('ubuntu2404/index.html') });
    await expect(resolveUpstream(noble, handler('ubuntu'), f)).rejects.toThrow(
      /no usable build among the newest ones in https:\/\/cloud-images.ubuntu.com\/noble\//,
    );
  });

  it('an HTML page served as the manifest is an error naming the URL, not "not listed"', async () => {
    const f = fakeFetcher({
      [LISTING]: upstreamFixture('ubuntu2404/index.html'),
      [`${LISTING}20260705/SHA256SUMS`]: '<!DOCTYPE html><html><body>Login</body></html>',
    });
    const e = await resolveUpstream(noble, handler('ubuntu'), f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as Error).message).toBe(`${LISTING}20260705/SHA256SUMS: got an HTML page, not a checksum manifest`);
  });

  it('a failing listing fails the image', async () => {
    await expect(resolveUpstream(noble, handler('ubuntu'), fakeFetcher({}))).rejects.toThrow(`GET ${LISTING}: HTTP 404 Not Found`);
  });

  it('Rocky: the build date comes from Last-Modified of the image', async () => {
    const latestUrl = 'https://download.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud.latest.x86_64.qcow2';
    const src = { name: 'Rocky 9', latestUrl, latestChecksumUrl: `${latestUrl}.CHECKSUM` };
    const f = fakeFetcher({ [`${latestUrl}.CHECKSUM`]: upstreamFixture('rocky9/CHECKSUM') }, 'Mon, 20 Jul 2026 06:12:00 GMT');
    const r = await resolveUpstream(src, handler('rocky'), f);
    expect(r.build).toMatchObject({ version: '20260720', buildDate: '2026-07-20', url: latestUrl });
    expect(f.log).toEqual([`GET ${latestUrl}.CHECKSUM`, `HEAD ${latestUrl}`]);
    await expect(resolveUpstream(src, handler('rocky'), fakeFetcher({ [`${latestUrl}.CHECKSUM`]: upstreamFixture('rocky9/CHECKSUM') }))).rejects.toThrow(
      /no build date in the file name and no usable Last-Modified header/,
    );
  });

  it('a manifest handler whose manifest does not list the file', async () => {
    const src = { name: 'A', latestUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/Nope-latest.qcow2' };
    const f = fakeFetcher({ 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM': upstreamFixture('almalinux9/CHECKSUM') });
    await expect(resolveUpstream(src, handler('almalinux'), f)).rejects.toThrow(
      'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM does not list Nope-latest.qcow2',
    );
  });
});
