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

describe("osism-capi (a checksum file beside each image: OSISM's CAPI bucket)", () => {
  const dir = 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.33/';
  const hex = 'ab'.repeat(32);
  it('takes ubuntu-capi-image shortnames and the bucket hosts before Ubuntu', () => {
    expect(selectHandler({ name: 'ubuntu-capi-image', shortname: 'ubuntu-capi-image', latestUrl: `${dir}x.qcow2`, osDistro: 'ubuntu' })?.id).toBe('osism-capi');
    expect(selectHandler({ name: 'k8s', latestUrl: `${dir}ubuntu-2404-kube-v1.33.qcow2` })?.id).toBe('osism-capi');
  });
  it('reads <file>.CHECKSUM; its only line counts even when it names the build path (sha256sum output/<file>)', () => {
    const latestUrl = `${dir}ubuntu-2404-kube-v1.33.qcow2`;
    const r = firstPick(handler('osism-capi'), { name: 'k8s', latestUrl }, undefined, `${hex}  output/ubuntu-2404-kube-v1.33.9.qcow2\n`);
    expect(r).toEqual({ manifestUrl: `${latestUrl}.CHECKSUM`, picked: { url: latestUrl, checksum: { algorithm: 'sha256', hex } } });
  });
  it('of several lines, the one naming the file; none naming it is an UpstreamError', () => {
    const latestUrl = `${dir}a.qcow2`;
    const two = `${'cd'.repeat(32)}  b.qcow2\n${hex}  a.qcow2\n`;
    expect(firstPick(handler('osism-capi'), { name: 'k8s', latestUrl }, undefined, two).picked?.checksum.hex).toBe(hex);
    expect(() => firstPick(handler('osism-capi'), { name: 'k8s', latestUrl: `${dir}c.qcow2` }, undefined, two)).toThrow(UpstreamError);
  });
});

describe("the releases OIM added since (fixtures shaped like the vendors' documents)", () => {
  const digest = (fixture: string, file: string) => {
    const line = upstreamFixture(fixture)
      .split('\n')
      .find((l) => l.includes(file) && !l.startsWith('#'));
    return /[0-9a-f]{64}/.exec(line ?? '')?.[0];
  };

  it('Ubuntu 26.04 (resolute): the newest dated folder of the listing and its SHA256SUMS', () => {
    const src = { name: 'Ubuntu 26.04', latestUrl: 'https://cloud-images.ubuntu.com/resolute/current/resolute-server-cloudimg-amd64.img' };
    const r = firstPick(handler('ubuntu'), src, upstreamFixture('ubuntu2604/index.html'), upstreamFixture('ubuntu2604/SHA256SUMS'));
    expect(r).toEqual({
      manifestUrl: 'https://cloud-images.ubuntu.com/resolute/20261128/SHA256SUMS',
      picked: {
        url: 'https://cloud-images.ubuntu.com/resolute/20261128/resolute-server-cloudimg-amd64.img',
        checksum: { algorithm: 'sha256', hex: digest('ubuntu2604/SHA256SUMS', '*resolute-server-cloudimg-amd64.img') },
        date: '20261128',
      },
    });
  });

  it('AlmaLinux 10: the latest pointer becomes its dated twin', () => {
    const dir = 'https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/';
    const src = { name: 'AlmaLinux 10', shortname: 'almalinux-10', latestUrl: `${dir}AlmaLinux-10-GenericCloud-latest.x86_64.qcow2` };
    expect(firstPick(handler('almalinux'), src, undefined, upstreamFixture('almalinux10/CHECKSUM')).picked).toEqual({
      url: `${dir}AlmaLinux-10-GenericCloud-10.1-20260527.0.x86_64.qcow2`,
      checksum: { algorithm: 'sha256', hex: digest('almalinux10/CHECKSUM', 'AlmaLinux-10-GenericCloud-latest') },
      date: '20260527',
    });
  });

  it('Rocky 10: only the pointer, from its own .CHECKSUM (the date comes from Last-Modified)', () => {
    const latestUrl = 'https://download.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2';
    const r = firstPick(
      handler('rocky'),
      { name: 'Rocky 10', latestUrl, latestChecksumUrl: `${latestUrl}.CHECKSUM` },
      undefined,
      upstreamFixture('rocky10/CHECKSUM'),
    );
    expect(r.picked).toEqual({ url: latestUrl, checksum: { algorithm: 'sha256', hex: digest('rocky10/CHECKSUM', 'Rocky-10') } });
  });

  it("CentOS Stream 10: OIM's HEREBE…DRAGONS pattern picks the newest build of the BSD manifest", () => {
    const dir = 'https://cloud.centos.org/centos/10-stream/x86_64/images/';
    const src = { name: 'CentOS Stream 10', shortname: 'centos-stream-10', latestUrl: `${dir}CentOS-Stream-GenericCloud-10-HEREBE[0-9.]+DRAGONS.x86_64.qcow2` };
    const r = firstPick(handler('centos-stream'), src, undefined, upstreamFixture('centos_stream10/CHECKSUM'));
    expect(r.manifestUrl).toBe(`${dir}CHECKSUM`);
    expect(r.picked).toEqual({
      url: `${dir}CentOS-Stream-GenericCloud-10-20260707.1.x86_64.qcow2`,
      checksum: { algorithm: 'sha256', hex: digest('centos_stream10/CHECKSUM', '(CentOS-Stream-GenericCloud-10-20260707.1') },
      date: '20260707',
    });
  });

  it('openSUSE Leap 16.0: its own handler, the manifest is the <file>.sha256 beside the image', () => {
    const file = 'Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2';
    const latestUrl = `https://download.opensuse.org/distribution/leap/16.0/appliances/${file}`;
    const src = { name: 'openSUSE Leap 16.0', shortname: 'opensuse-leap-16.0', osDistro: 'opensuse', latestUrl };
    expect(selectHandler(src)?.id).toBe('opensuse');
    expect(selectHandler({ name: 'x', latestUrl: `https://ftp.gwdg.de/pub/opensuse/distribution/leap/16.0/appliances/${file}` })?.id).toBe('opensuse');
    const r = firstPick(handler('opensuse'), src, undefined, upstreamFixture(`opensuse_leap16/${file}.sha256`));
    expect(r).toEqual({
      manifestUrl: `${latestUrl}.sha256`,
      picked: { url: latestUrl, checksum: { algorithm: 'sha256', hex: digest(`opensuse_leap16/${file}.sha256`, file) } },
    });
  });
});
