/**
 * HTML directory listings (Apache `mod_autoindex` as on cloud-images.ubuntu.com and
 * cloud.debian.org / cdimage.debian.org, nginx `autoindex`, lighttpd): only the link targets
 * matter. Sorting links (`?C=N;O=D`), the parent directory, absolute links and links to other
 * hosts are dropped, so what is left is the directory's own entries.
 */
import { UpstreamError, type ListingEntry } from './types.js';

const HREF = /<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Parse a listing; throws UpstreamError when the page is not HTML or links nothing. */
export function parseDirectoryListing(html: string): ListingEntry[] {
  if (!/<a\s/i.test(html)) throw new UpstreamError('not a directory listing (no links)');
  const seen = new Set<string>();
  const entries: ListingEntry[] = [];
  for (const m of html.matchAll(HREF)) {
    const href = decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
    const entry = toEntry(href);
    if (!entry || seen.has(entry.name)) continue; // Debian links each folder twice (icon and name)
    seen.add(entry.name);
    entries.push(entry);
  }
  return entries;
}

function toEntry(href: string): ListingEntry | undefined {
  if (href === '' || href.startsWith('?') || href.startsWith('#') || href.startsWith('/')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined; // another host, mailto:, javascript:
  let path = href.split(/[?#]/)[0] as string;
  if (path.startsWith('./')) path = path.slice(2);
  const isDir = path.endsWith('/');
  const name = safeDecode(isDir ? path.slice(0, -1) : path);
  // only direct children: no parent, no deeper paths
  if (name === '' || name === '.' || name === '..' || name.includes('/')) return undefined;
  return { name, isDir };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
    if (ENTITIES[e.toLowerCase()] !== undefined) return ENTITIES[e.toLowerCase()] as string;
    if (!e.startsWith('#')) return all;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
