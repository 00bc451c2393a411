/**
 * Handlers for directories whose checksum manifest names the builds (AlmaLinux, Rocky, CentOS,
 * openSUSE with one `<file>.sha256` per image):
 * no listing is read, the manifest at latest_checksum_url (default: <dir>/CHECKSUM) is enough.
 * The file is found in one of three ways, by the basename of latest_url:
 *
 * 1. A placeholder pattern `...-HEREBE<regex>DRAGONS...` (the convention of OIM's definition
 *    files for CentOS): every manifest entry matching it is a build; the newest by natural order
 *    of the matched part wins. RE2 runs the regex, so a hostile pattern cannot hang the run.
 * 2. A `latest` pointer name (`AlmaLinux-9-GenericCloud-latest.x86_64.qcow2`): when the manifest
 *    also lists a dated file with the same prefix, suffix and digest
 *    (`AlmaLinux-9-GenericCloud-9.8-20260526.x86_64.qcow2`), that stable name is written instead.
 * 3. Otherwise the file itself; its url is the pointer (Rocky lists only the pointer).
 *
 * Without a date in the chosen name, the driver takes it from the file's Last-Modified header.
 */
import { RE2JS } from 're2js';
import { dateInName, escapeRegExp, newestByNaturalOrder } from '../builds.js';
import { findManifestEntry } from '../manifest.js';
import { UpstreamError, type ManifestEntry } from '../types.js';
import { joinUrl, splitUrl } from '../url-parts.js';
import type { PickedFile, UpstreamHandler } from './types.js';

const PLACEHOLDER = /^(.*)HEREBE(.*)DRAGONS(.*)$/s;

export interface ManifestHandlerConfig {
  id: string;
  shortnamePrefixes: string[];
  hosts: string[];
  osDistros: string[];
  /** Manifest file name in the image's directory when the definition has no latest_checksum_url. */
  defaultManifest: string;
  /** A manifest per image file (openSUSE's `<file>.sha256`) instead of one per directory. */
  manifestFor?: (file: string) => string;
}

export function manifestHandler(cfg: ManifestHandlerConfig): UpstreamHandler {
  return {
    id: cfg.id,
    defaultManifest: cfg.defaultManifest,
    shortnamePrefixes: cfg.shortnamePrefixes,
    hosts: cfg.hosts,
    osDistros: cfg.osDistros,
    ...(cfg.manifestFor ? { manifestFor: cfg.manifestFor } : {}),
    listingUrl: () => undefined,
    candidates(src) {
      const { dir, file } = splitLatestUrl(src.latestUrl);
      const manifestUrl = src.latestChecksumUrl ?? joinUrl(dir, cfg.manifestFor ? cfg.manifestFor(file) : cfg.defaultManifest);
      const pattern = PLACEHOLDER.exec(file);
      const pick = pattern
        ? pickByPattern(dir, compilePlaceholder(pattern[1] as string, pattern[2] as string, pattern[3] as string))
        : (entries: readonly ManifestEntry[]) => pickByName(dir, file, entries);
      return [{ label: file, manifestUrl, pick }];
    },
  };
}

/** latest_url may carry a regex between HEREBE and DRAGONS; URL parsing would mangle `\d`, so split by hand. */
function splitLatestUrl(url: string): { dir: string; file: string } {
  if (!url.includes('HEREBE')) return splitUrl(url);
  const cut = url.slice(0, url.indexOf('HEREBE')).lastIndexOf('/');
  if (cut < 0) throw new UpstreamError(`${url}: expected a URL`);
  return { dir: url.slice(0, cut + 1), file: url.slice(cut + 1) };
}

interface Placeholder {
  re: RE2JS;
}

function compilePlaceholder(before: string, regex: string, after: string): Placeholder {
  // the regex may end in `$` (CentOS 7's `\d+\.qcow2$`); the whole name is matched anyway
  const source = `${escapeRegExp(before)}(${regex})${escapeRegExp(after)}`;
  try {
    return { re: RE2JS.compile(source) };
  } catch (e) {
    throw new UpstreamError(`latest_url pattern HEREBE${regex}DRAGONS does not compile: ${(e as Error).message}`);
  }
}

function pickByPattern(dir: string, p: Placeholder) {
  return (entries: readonly ManifestEntry[]): PickedFile | undefined => {
    const matches: { entry: ManifestEntry; part: string }[] = [];
    for (const entry of entries) {
      const m = p.re.matcher(entry.file);
      if (m.matches()) matches.push({ entry, part: m.group(1) ?? '' });
    }
    const best = newestByNaturalOrder(matches, (x) => x.part);
    if (!best) return undefined;
    return withDate({ url: joinUrl(dir, best.entry.file), checksum: best.entry.checksum }, dateInName(best.part));
  };
}

function pickByName(dir: string, file: string, entries: readonly ManifestEntry[]): PickedFile | undefined {
  const entry = findManifestEntry(entries, file);
  if (!entry) return undefined;
  const dated = datedTwin(file, entry, entries);
  if (dated) return { url: joinUrl(dir, dated.file), checksum: entry.checksum, date: dated.date };
  return withDate({ url: joinUrl(dir, file), checksum: entry.checksum }, dateInName(file));
}

/** `X-latest.Y` → the entry `X-<something with a date>.Y` with the same digest, if the manifest has one. */
function datedTwin(file: string, latest: ManifestEntry, entries: readonly ManifestEntry[]): { file: string; date: string } | undefined {
  const at = file.indexOf('latest');
  if (at < 0) return undefined;
  const before = file.slice(0, at);
  const after = file.slice(at + 'latest'.length);
  const twins: { file: string; date: string }[] = [];
  for (const e of entries) {
    if (e.file === file || !e.file.startsWith(before) || !e.file.endsWith(after)) continue;
    if (e.file.length <= before.length + after.length) continue;
    if (e.checksum.algorithm !== latest.checksum.algorithm || e.checksum.hex !== latest.checksum.hex) continue;
    const middle = e.file.slice(before.length, e.file.length - after.length);
    const date = dateInName(middle);
    if (date) twins.push({ file: e.file, date });
  }
  return newestByNaturalOrder(twins, (t) => t.file);
}

function withDate(f: PickedFile, date: string | undefined): PickedFile {
  return date ? { ...f, date } : f;
}
