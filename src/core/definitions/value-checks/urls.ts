/**
 * URL fields of a definition. They never echo a password: a URL with credentials is refused
 * without repeating it, and other problems quote the URL through redactUrl.
 */
import { hideUserinfo as redactUrl } from '../../../util/redact.js';
import { clip, describeValue } from '../describe-value.js';
import { bad, ok, type Checked } from './checked.js';

/** Messages quote URLs with their user info hidden (util/redact.ts, the one redaction module). */
export { hideUserinfo as redactUrl } from '../../../util/redact.js';

/** Python's `\w` (Unicode letters, digits, underscore), as the schema's regexes use it. */
const W = '[\\p{L}\\p{N}_]';
const WEB_RE = new RegExp(`^(http|ftp)s?://${W}`, 'u');
const HTTP_RE = new RegExp(`^https?://${W}`, 'u');
const FILE_RE = new RegExp(`^(file:|file:///)${W}`, 'u');

/**
 * Which URLs a field takes (OIM/etc/schema.yaml):
 * - `download`: url, mirror_url — http(s)/ftp(s) or `file:` (relative to the definitions dir, or `file:///abs`);
 * - `web`: latest_url — http(s)/ftp(s);
 * - `http`: checksums_url, checksum_url, latest_checksum_url — http(s) only;
 * - `source`: source — http(s)/ftp(s) or `private`.
 */
export type UrlKind = 'download' | 'web' | 'http' | 'source';

const EXPECT: Record<UrlKind, string> = {
  download: 'an http(s):// or ftp(s):// URL, or file:<path>',
  web: 'an http(s):// or ftp(s):// URL',
  http: 'an http(s):// URL',
  source: "an http(s):// or ftp(s):// URL, or 'private'",
};

export function checkUrl(v: unknown, kind: UrlKind): Checked<string> {
  if (typeof v !== 'string') return bad(`expected ${EXPECT[kind]}, got ${describeValue(v)}`);
  if (kind === 'source' && v === 'private') return ok(v);
  // credentials first: nothing below may echo a URL that carries a password
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(v)?.[1];
  if (authority?.includes('@')) {
    return bad('the URL contains credentials (user:password@host); definitions must not carry secrets — use a URL without them');
  }
  if (/\s/.test(v)) return bad(`'${clip(redactUrl(v))}' contains whitespace; percent-encode it (%20)`);
  if (kind === 'download' && FILE_RE.test(v)) return checkFileUrl(v);
  const re = kind === 'http' ? HTTP_RE : WEB_RE;
  if (!re.test(v)) {
    let hint = '';
    if (re.test(v.replace(/^[A-Za-z]+/, (s) => s.toLowerCase()))) hint = ' (write the scheme in lowercase)';
    else if (kind === 'http' && WEB_RE.test(v)) hint = ' (ftp is not allowed here)';
    else if (kind !== 'download' && /^file:/i.test(v)) hint = ' (file: is only allowed for url and mirror_url)';
    else if (/^file:/i.test(v)) hint = ' (use file:relative/path or file:///absolute/path)';
    return bad(`'${clip(redactUrl(v))}' is not ${EXPECT[kind]}${hint}`);
  }
  try {
    new URL(v);
  } catch {
    return bad(`'${clip(redactUrl(v))}' is not a valid URL`);
  }
  return ok(v);
}

/**
 * `file:` URLs are resolved by the importer relative to the definitions directory (or taken as
 * absolute with `file:///`). `..` segments are refused so a definition cannot reach upward.
 */
function checkFileUrl(v: string): Checked<string> {
  const raw = v.startsWith('file:///') ? v.slice(7) : v.slice(5);
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return bad(`'${clip(v)}' has an invalid %-escape`);
  }
  if (path.split(/[/\\]/).some((seg) => seg === '..')) {
    return bad(`'${clip(v)}' contains a '..' segment; file: paths must stay inside the definitions directory (or be absolute: file:///path)`);
  }
  return ok(v);
}
