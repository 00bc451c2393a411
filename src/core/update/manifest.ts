/**
 * Checksum manifests as upstream distributions publish them:
 *
 * - GNU coreutils style, `<hex> <space|*><file>` (Ubuntu SHA256SUMS, Debian SHA512SUMS, CentOS 7
 *   sha256sum.txt, AlmaLinux CHECKSUM);
 * - BSD/`--tag` style, `SHA256 (<file>) = <hex>` (CentOS Stream and Rocky CHECKSUM files, with
 *   `# <file>: N bytes` comment lines);
 * - either of them inside a PGP clear-signed wrapper (Rocky, Fedora): the armor is skipped, the
 *   signature is not verified (no keyring here; the checksum is what apply verifies against).
 *
 * The GNU algorithm follows from the digest length; a BSD tag must agree with it.
 */
import { CHECKSUM_HEX_LENGTH, type ChecksumAlgorithm } from '../definitions/types.js';
import { UpstreamError, type ManifestEntry } from './types.js';

const GNU_LINE = /^([0-9a-fA-F]+) [ *]?(.+)$/;
const BSD_LINE = /^(MD5|SHA1|SHA256|SHA512) ?\((.+)\) ?= ?([0-9a-fA-F]+)$/;
const BSD_TAGS: Readonly<Record<string, ChecksumAlgorithm>> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

/** The algorithm a hex digest of this length belongs to, if any we know. */
export function algorithmForHex(hex: string): ChecksumAlgorithm | undefined {
  for (const [alg, len] of Object.entries(CHECKSUM_HEX_LENGTH) as [ChecksumAlgorithm, number][]) if (hex.length === len) return alg;
  return undefined;
}

/**
 * Parse a manifest. Throws UpstreamError for an HTML page (an error or login page served with
 * status 200 must never count as "the file is not listed") or a text without a single entry.
 */
export function parseChecksumManifest(text: string): ManifestEntry[] {
  if (looksLikeHtml(text)) throw new UpstreamError('got an HTML page, not a checksum manifest');
  const entries: ManifestEntry[] = [];
  for (const raw of unwrapClearSigned(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const entry = parseBsdLine(line) ?? parseGnuLine(line);
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) throw new UpstreamError('no checksum lines (neither "<hex>  <file>" nor "SHA256 (<file>) = <hex>")');
  return entries;
}

/** The entry for `file`, or undefined. When a manifest lists a file twice, the last line wins (as sha256sum -c reads it). */
export function findManifestEntry(entries: readonly ManifestEntry[], file: string): ManifestEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if ((entries[i] as ManifestEntry).file === file) return entries[i];
  return undefined;
}

function parseGnuLine(line: string): ManifestEntry | undefined {
  const m = GNU_LINE.exec(line);
  if (!m) return undefined;
  const hex = (m[1] as string).toLowerCase();
  const algorithm = algorithmForHex(hex);
  // coreutils escapes odd names with a leading backslash; such names never are cloud images
  const file = (m[2] as string).trim();
  if (!algorithm || file === '' || file.startsWith('\\')) return undefined;
  return { file: stripDotSlash(file), checksum: { algorithm, hex } };
}

function parseBsdLine(line: string): ManifestEntry | undefined {
  const m = BSD_LINE.exec(line);
  if (!m) return undefined;
  const algorithm = BSD_TAGS[m[1] as string] as ChecksumAlgorithm;
  const hex = (m[3] as string).toLowerCase();
  if (hex.length !== CHECKSUM_HEX_LENGTH[algorithm]) return undefined;
  return { file: stripDotSlash((m[2] as string).trim()), checksum: { algorithm, hex } };
}

function stripDotSlash(file: string): string {
  return file.startsWith('./') ? file.slice(2) : file;
}

/**
 * The signed text of a clear-signed message (RFC 4880 7): header lines up to the first blank
 * line are dropped, dash-escaped lines (`- text`) unescaped, everything from the signature on
 * dropped. A text without the armor comes back as its lines.
 */
export function unwrapClearSigned(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const begin = lines.findIndex((l) => l.trim() === '-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin < 0) return lines;
  let i = begin + 1;
  while (i < lines.length && (lines[i] as string).trim() !== '') i++; // "Hash: SHA256" and friends
  const out: string[] = [];
  for (i++; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '-----BEGIN PGP SIGNATURE-----') break;
    out.push(l.startsWith('- ') ? l.slice(2) : l);
  }
  return out;
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(html|head|body)[\s>]/.test(head);
}
