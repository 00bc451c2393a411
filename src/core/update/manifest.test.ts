import { describe, expect, it } from 'vitest';
import { upstreamFixture } from './fixtures.test-util.js';
import { algorithmForHex, findManifestEntry, parseChecksumManifest, unwrapClearSigned } from './manifest.js';
import { UpstreamError } from './types.js';

const sha = (alg: string, hex: string) => ({ algorithm: alg, hex });

describe('parseChecksumManifest on every recorded manifest', () => {
  it('Ubuntu SHA256SUMS (GNU, binary-mode *)', () => {
    const entries = parseChecksumManifest(upstreamFixture('ubuntu2404/SHA256SUMS'));
    expect(entries).toHaveLength(66);
    expect(findManifestEntry(entries, 'noble-server-cloudimg-amd64.img')?.checksum).toEqual(
      sha('sha256', 'ffe6203da54deeb6db5d2a98a83f9ec8e55f149d3f7ba622e1abe5fa966ee3d6'),
    );
    expect(entries.every((e) => !e.file.startsWith('*'))).toBe(true);
  });

  it('Debian SHA512SUMS (GNU, two spaces, SHA-512 by length)', () => {
    const entries = parseChecksumManifest(upstreamFixture('debian13/SHA512SUMS'));
    expect(entries).toHaveLength(50);
    const e = findManifestEntry(entries, 'debian-13-genericcloud-amd64-daily-20260717-2542.qcow2');
    expect(e?.checksum.algorithm).toBe('sha512');
    expect(e?.checksum.hex).toMatch(/^fcc52bdff356.*76e715b4b8$/);
  });

  it('AlmaLinux CHECKSUM (GNU; the -latest file shares its digest with the dated one)', () => {
    const entries = parseChecksumManifest(upstreamFixture('almalinux9/CHECKSUM'));
    expect(entries).toHaveLength(6);
    expect(findManifestEntry(entries, 'AlmaLinux-9-GenericCloud-latest.x86_64.qcow2')?.checksum.hex).toBe(
      findManifestEntry(entries, 'AlmaLinux-9-GenericCloud-9.8-20260526.x86_64.qcow2')?.checksum.hex,
    );
  });

  it('Rocky CHECKSUM (BSD, with a "# file: N bytes" comment)', () => {
    const entries = parseChecksumManifest(upstreamFixture('rocky9/CHECKSUM'));
    expect(entries).toEqual([
      { file: 'Rocky-9-GenericCloud.latest.x86_64.qcow2', checksum: sha('sha256', '92c206cc6f790c61583247eefe87890f8828420662c17cacf247cec78ab4eec8') },
    ]);
  });

  it('CentOS Stream CHECKSUM (BSD, 96 entries, comments skipped)', () => {
    const entries = parseChecksumManifest(upstreamFixture('centos_stream9/CHECKSUM'));
    expect(entries).toHaveLength(96);
    expect(findManifestEntry(entries, 'CentOS-Stream-GenericCloud-x86_64-9-20260714.1.x86_64.qcow2')?.checksum.hex).toBe(
      'f3c37dab11b0d4addbddc5a77d4e8906167bcc0cb2c3e0ed9199af6050617bc7',
    );
  });

  it('CentOS 7 sha256sum.txt (GNU, 180 entries)', () => {
    const entries = parseChecksumManifest(upstreamFixture('centos7/sha256sum.txt'));
    expect(entries).toHaveLength(180);
    expect(findManifestEntry(entries, 'CentOS-7-x86_64-GenericCloud.qcow2')?.checksum.hex).toBe(
      '284aab2b23d91318f169ff464bce4d53404a15a0618ceb34562838c59af4adea',
    );
  });
});

describe('parseChecksumManifest edge cases', () => {
  const rocky = upstreamFixture('rocky9/CHECKSUM');

  it('skips a PGP clear-signed wrapper (header, dash escapes, signature)', () => {
    const signed = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      rocky.trimEnd(),
      '- -- a dash-escaped comment line',
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iQIzBAEBCAAdFiEE0123456789abcdef0123456789abcdef0123=',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\n');
    expect(parseChecksumManifest(signed)).toEqual(parseChecksumManifest(rocky));
    expect(unwrapClearSigned(signed)).toContain('-- a dash-escaped comment line');
  });

  it('reads CRLF files and ./ prefixes', () => {
    const hex = 'a'.repeat(64);
    expect(parseChecksumManifest(`${hex}  ./x.img\r\n${hex} *y.img\r\n`).map((e) => e.file)).toEqual(['x.img', 'y.img']);
  });

  it('refuses an HTML page, even one with digests in it', () => {
    const page = `<!DOCTYPE html><html><body><pre>${'a'.repeat(64)}  x.img</pre></body></html>`;
    expect(() => parseChecksumManifest(page)).toThrow(UpstreamError);
    expect(() => parseChecksumManifest('<html><head><title>404 Not Found</title></head></html>')).toThrow(/HTML page/);
  });

  it('refuses a text without any checksum line', () => {
    expect(() => parseChecksumManifest('')).toThrow(/no checksum lines/);
    expect(() => parseChecksumManifest('hello\nworld\n')).toThrow(/no checksum lines/);
  });

  it('ignores digests of unknown length and BSD tags that disagree with the length', () => {
    const hex = 'b'.repeat(64);
    const text = `${'c'.repeat(50)}  odd.img\nSHA512 (wrong.img) = ${hex}\nSHA256 (right.img) = ${hex}\n`;
    expect(parseChecksumManifest(text).map((e) => e.file)).toEqual(['right.img']);
  });

  it('the last line wins when a file is listed twice', () => {
    const text = `${'1'.repeat(64)}  x.img\n${'2'.repeat(64)}  x.img\n`;
    expect(findManifestEntry(parseChecksumManifest(text), 'x.img')?.checksum.hex).toBe('2'.repeat(64));
  });

  it('algorithm by digest length', () => {
    expect([32, 40, 64, 128, 96].map((n) => algorithmForHex('f'.repeat(n)))).toEqual(['md5', 'sha1', 'sha256', 'sha512', undefined]);
  });
});
