import { describe, expect, it } from 'vitest';
import { upstreamFixture } from './fixtures.test-util.js';
import { parseDirectoryListing } from './listing.js';
import { UpstreamError } from './types.js';

describe('parseDirectoryListing', () => {
  it('Ubuntu (Apache <pre> listing): the dated folders and current/, nothing else', () => {
    const entries = parseDirectoryListing(upstreamFixture('ubuntu2404/index.html'));
    expect(entries).toEqual(['20260307', '20260321', '20260323', '20260518', '20260615', '20260705', 'current'].map((name) => ({ name, isDir: true })));
  });

  it('Debian (Apache table listing, each folder linked twice): 112 build folders and latest/', () => {
    const entries = parseDirectoryListing(upstreamFixture('debian13/index.html'));
    expect(entries).toHaveLength(113);
    expect(entries.every((e) => e.isDir)).toBe(true);
    expect(entries.map((e) => e.name)).toContain('20260717-2542');
    expect(entries.map((e) => e.name)).toContain('latest');
  });

  it('nginx autoindex: files and folders, parent dropped, names decoded', () => {
    const html = `<html><head><title>Index of /x/</title></head><body><h1>Index of /x/</h1><hr><pre><a href="../">../</a>
<a href="20261120/">20261120/</a>                                          20-Nov-2026 10:00       -
<a href="SHA256SUMS">SHA256SUMS</a>                                         20-Nov-2026 10:00    1234
<a href="a%20b.img">a b.img</a>
<a href='single.img'>single.img</a>
<a href="?C=N&amp;O=D">Name</a>
<a href="https://elsewhere.example/x/">elsewhere</a>
<a href="sub/deeper/">deeper</a>
</pre><hr></body></html>`;
    expect(parseDirectoryListing(html)).toEqual([
      { name: '20261120', isDir: true },
      { name: 'SHA256SUMS', isDir: false },
      { name: 'a b.img', isDir: false },
      { name: 'single.img', isDir: false },
    ]);
  });

  it('decodes entities in links', () => {
    expect(parseDirectoryListing('<a href="x&amp;y.img">x</a><a href="&#x7a;.img">z</a>').map((e) => e.name)).toEqual(['x&y.img', 'z.img']);
  });

  it('refuses a page without links (a manifest or an error text)', () => {
    expect(() => parseDirectoryListing(upstreamFixture('rocky9/CHECKSUM'))).toThrow(UpstreamError);
  });
});
