/** Splitting upstream URLs into directory and file name; pure string work on absolute URLs. */
import { UpstreamError } from './types.js';

/** `https://h/a/b/file.img` → `{ dir: 'https://h/a/b/', file: 'file.img' }`. */
export function splitUrl(url: string): { dir: string; file: string } {
  const u = parseUrl(url);
  const path = u.pathname;
  const cut = path.lastIndexOf('/');
  const file = decodeURIComponent(path.slice(cut + 1));
  if (file === '') throw new UpstreamError(`${url}: expected the URL of a file, not of a directory`);
  return { dir: `${u.origin}${path.slice(0, cut + 1)}`, file };
}

/**
 * `https://h/noble/current/x.img` → parent `https://h/noble/`, pointer `current`, file `x.img`:
 * the layout of trees with dated build folders next to a moving pointer folder.
 */
export function splitPointerUrl(url: string): { parent: string; pointer: string; file: string } {
  const { dir, file } = splitUrl(url);
  const trimmed = dir.slice(0, -1);
  const cut = trimmed.lastIndexOf('/');
  const pointer = trimmed.slice(cut + 1);
  if (cut < 0 || pointer === '' || trimmed.slice(0, cut + 1).endsWith('//')) {
    throw new UpstreamError(`${url}: expected <tree>/<folder>/<file>, e.g. .../noble/current/noble-server-cloudimg-amd64.img`);
  }
  return { parent: trimmed.slice(0, cut + 1), pointer: decodeURIComponent(pointer), file };
}

/** A file or folder name appended to a directory URL, percent-encoded where needed. */
export function joinUrl(dir: string, ...names: string[]): string {
  return dir + names.map((n) => encodeURIComponent(n).replace(/%2B/g, '+')).join('/');
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new UpstreamError(`${url}: not an absolute URL`);
  }
}
