import { describe, expect, it } from 'vitest';
import { upstreamFixture } from '../fixtures.test-util.js';
import { parseDirectoryListing } from '../listing.js';
import { parseChecksumManifest } from '../manifest.js';
import { UpstreamError } from '../types.js';
import { HANDLERS, handlerIds, selectHandler } from './registry.js';
import type { UpstreamHandler, UpstreamSource } from './types.js';

const handler = (id: string) => HANDLERS.find((h) => h.id === id) as UpstreamHandler;

/** The first candidate's manifest URL and the file picked from the given manifest. */
function firstPick(h: UpstreamHandler, src: UpstreamSource, listingHtml: string | undefined, manifest: string) {
  const listing = listingHtml === undefined ? undefined : parseDirectoryListing(listingHtml);
  const [first] = h.candidates(src, listing);
  return { manifestUrl: first?.manifestUrl, picked: first?.pick(parseChecksumManifest(manifest)) };
}

describe('selectHandler', () => {
  const url = 'https://example.org/x/current/x.img';
  it('by shortname prefix first, then latest_url host, then os_distro', () => {
    expect(selectHandler({ name: 'A', shortname: 'almalinux-9', osDistro: 'centos', latestUrl: url })?.id).toBe('almalinux');
    expect(selectHandler({ name: 'A', shortname: 'ubuntu-24.04-minimal', latestUrl: url })?.id).toBe('ubuntu');
    expect(selectHandler({ name: 'A', shortname: 'centos-stream-9', latestUrl: url })?.id).toBe('centos-stream');
    expect(selectHandler({ name: 'A', latestUrl: 'https://cdimage.debian.org/cdimage/cloud/trixie/latest/x.qcow2', osDistro: 'ubuntu' })?.id).toBe('debian');
    expect(selectHandler({ name: 'A', latestUrl: url, osDistro: 'Rocky' })?.id).toBe('rocky');
  });
  it('none for an unknown distribution; a shortname that only starts with a prefix does not count', () => {
    expect(selectHandler({ name: 'A', shortname: 'flatcar', latestUrl: url, osDistro: 'flatcar' })).toBeUndefined();
    expect(selectHandler({ name: 'A', shortname: 'ubuntulike-1', latestUrl: url })).toBeUndefined();
  });
  it('ids are unique', () => {
    expect(new Set(handlerIds()).size).toBe(HANDLERS.length);
  });
});

describe('ubuntu (dated folders)', () => {
  const src = {
    name: 'Ubuntu 24.04',
    latestUrl: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
    latestChecksumUrl: 'https://cloud-images.ubuntu.com/noble/current/SHA256SUMS',
  };
  it('reads the tree listing, then the newest folder’s SHA256SUMS; the url is the dated one', () => {
    const h = handler('ubuntu');
    expect(h.listingUrl(src)).toBe('https://cloud-images.ubuntu.com/noble/');
    expect(firstPick(h, src, upstreamFixture('ubuntu2404/index.html'), upstreamFixture('ubuntu2404/SHA256SUMS'))).toEqual({
      manifestUrl: 'https://cloud-images.ubuntu.com/noble/20260705/SHA256SUMS',
      picked: {
        url: 'https://cloud-images.ubuntu.com/noble/20260705/noble-server-cloudimg-amd64.img',
        checksum: { algorithm: 'sha256', hex: 'ffe6203da54deeb6db5d2a98a83f9ec8e55f149d3f7ba622e1abe5fa966ee3d6' },
        date: '20260705',
      },
    });
  });
  it('offers the three newest builds, newest first', () => {
    const c = handler('ubuntu').candidates(src, parseDirectoryListing(upstreamFixture('ubuntu2404/index.html')));
    expect(c.map((x) => x.label)).toEqual(['20260705/', '20260615/', '20260518/']);
  });
  it('a listing without dated folders is an UpstreamError', () => {
    expect(() => handler('ubuntu').candidates(src, [{ name: 'current', isDir: true }])).toThrow(UpstreamError);
  });
});

describe('debian (dated folders, folder name in the file name)', () => {
  it('20260717-2542 and its SHA512 digest', () => {
    const src = { name: 'Debian 13', latestUrl: 'https://cdimage.debian.org/cdimage/cloud/trixie/daily/latest/debian-13-genericcloud-amd64-daily.qcow2' };
    const r = firstPick(handler('debian'), src, upstreamFixture('debian13/index.html'), upstreamFixture('debian13/SHA512SUMS'));
    expect(r.manifestUrl).toBe('https://cdimage.debian.org/cdimage/cloud/trixie/daily/20260717-2542/SHA512SUMS');
    expect(r.picked?.url).toBe('https://cdimage.debian.org/cdimage/cloud/trixie/daily/20260717-2542/debian-13-genericcloud-amd64-daily-20260717-2542.qcow2');
    expect(r.picked?.checksum.algorithm).toBe('sha512');
    expect(r.picked?.date).toBe('20260717');
  });
});

describe('almalinux (manifest, latest pointer with a dated twin)', () => {
  it('writes the dated file, dated from its name', () => {
    const src = {
      name: 'AlmaLinux 9',
      latestUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2',
      latestChecksumUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM',
    };
    const h = handler('almalinux');
    expect(h.listingUrl(src)).toBeUndefined();
    expect(firstPick(h, src, undefined, upstreamFixture('almalinux9/CHECKSUM'))).toEqual({
      manifestUrl: src.latestChecksumUrl,
      picked: {
        url: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-9.8-20260526.x86_64.qcow2',
        checksum: { algorithm: 'sha256', hex: 'c397eed7023e92c841155831b1f47e26300e5bef0f0256c129322307c897a251' },
        date: '20260526',
      },
    });
  });
});

describe('rocky (manifest lists only the pointer)', () => {
  it('keeps the pointer url and leaves the date to Last-Modified', () => {
    const latestUrl = 'https://download.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud.latest.x86_64.qcow2';
    const r = firstPick(
      handler('rocky'),
      { name: 'Rocky 9', latestUrl, latestChecksumUrl: `${latestUrl}.CHECKSUM` },
      undefined,
      upstreamFixture('rocky9/CHECKSUM'),
    );
    expect(r.picked).toEqual({ url: latestUrl, checksum: { algorithm: 'sha256', hex: '92c206cc6f790c61583247eefe87890f8828420662c17cacf247cec78ab4eec8' } });
  });
  it('defaults the manifest to CHECKSUM in the image directory', () => {
    const [c] = handler('rocky').candidates({ name: 'R', latestUrl: 'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/R.qcow2' }, undefined);
    expect(c?.manifestUrl).toBe('https://dl.rockylinux.org/pub/rocky/9/images/x86_64/CHECKSUM');
  });
});

describe('centos-stream (HEREBE<regex>DRAGONS pattern)', () => {
  it('CentOS Stream 9: the newest GenericCloud build, not Vagrant or Container files', () => {
    const src = {
      name: 'CentOS Stream 9',
      latestUrl: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-HEREBE\\d+\\.\\dDRAGONS.x86_64.qcow2',
      latestChecksumUrl: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CHECKSUM',
    };
    const r = firstPick(handler('centos-stream'), src, undefined, upstreamFixture('centos_stream9/CHECKSUM'));
    expect(r.picked?.url).toBe('https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-20260714.1.x86_64.qcow2');
    expect(r.picked?.date).toBe('20260714');
  });
  it('CentOS 7: the pattern may end in $; no date in 2211, so Last-Modified decides', () => {
    const src = {
      name: 'CentOS 7',
      latestUrl: 'https://cloud.centos.org/centos/7/images/CentOS-7-x86_64-GenericCloud-HEREBE\\d+\\.qcow2$DRAGONS',
      latestChecksumUrl: 'https://cloud.centos.org/centos/7/images/sha256sum.txt',
    };
    const r = firstPick(handler('centos-stream'), src, undefined, upstreamFixture('centos7/sha256sum.txt'));
    expect(r.picked?.url).toBe('https://cloud.centos.org/centos/7/images/CentOS-7-x86_64-GenericCloud-2211.qcow2');
    expect(r.picked?.date).toBeUndefined();
  });
  it('a pattern that RE2 cannot compile is an UpstreamError', () => {
    expect(() => handler('centos-stream').candidates({ name: 'C', latestUrl: 'https://cloud.centos.org/c/x-HEREBE(?=a)DRAGONS.qcow2' }, undefined)).toThrow(
      UpstreamError,
    );
  });
  it('no match: nothing picked', () => {
    const [c] = handler('centos-stream').candidates({ name: 'C', latestUrl: 'https://cloud.centos.org/c/none-HEREBE\\d+DRAGONS.qcow2' }, undefined);
    expect(c?.pick(parseChecksumManifest(upstreamFixture('centos_stream9/CHECKSUM')))).toBeUndefined();
  });
});
