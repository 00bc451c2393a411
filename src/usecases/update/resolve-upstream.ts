/**
 * Runs one handler against the network: listing (if the handler needs one), then the newest
 * candidate build's manifest, falling back to the next-newest when a build folder has no
 * manifest yet or does not list the image (uploads are not atomic upstream), then the build
 * date from Last-Modified when no name carried it.
 */
import { dateFromHttpDate } from '../../core/update/builds.js';
import { toUpstreamBuild } from '../../core/update/decide.js';
import type { UpstreamHandler, UpstreamSource } from '../../core/update/handlers/types.js';
import { parseDirectoryListing } from '../../core/update/listing.js';
import { parseChecksumManifest } from '../../core/update/manifest.js';
import { UpstreamError, type ListingEntry, type UpstreamBuild } from '../../core/update/types.js';
import { FetchError } from '../../inputs/fetch-text.js';

/** Reads upstream documents; the URLs are upstream ones (the fetcher applies --base-url). */
export interface UpstreamFetcher {
  text(url: string): Promise<string>;
  lastModified(url: string): Promise<string | undefined>;
}

export interface Resolution {
  build: UpstreamBuild;
  /** Builds skipped on the way (newest folder without manifest, ...). */
  notes: string[];
}

/**
 * `notAfter` (YYYYMMDD, the day of `--now`): a build dated later did not exist yet at that time,
 * so it is passed over like a build still being uploaded. This makes an update against recorded
 * upstream listings reproducible, and a build dated in the future is never taken as the newest.
 */
export async function resolveUpstream(src: UpstreamSource, handler: UpstreamHandler, fetcher: UpstreamFetcher, notAfter?: string): Promise<Resolution> {
  const notes: string[] = [];
  const listingUrl = handler.listingUrl(src);
  let listing: ListingEntry[] | undefined;
  if (listingUrl !== undefined) {
    const html = await fetcher.text(listingUrl);
    listing = parseOr(listingUrl, () => parseDirectoryListing(html));
  }
  for (const candidate of handler.candidates(src, listing)) {
    let text: string;
    try {
      text = await fetcher.text(candidate.manifestUrl);
    } catch (e) {
      if (e instanceof FetchError && e.status === 404 && listing) {
        notes.push(`${candidate.label}: no ${candidate.manifestUrl.slice(candidate.manifestUrl.lastIndexOf('/') + 1)} (yet); trying an older build`);
        continue;
      }
      throw e;
    }
    const entries = parseOr(candidate.manifestUrl, () => parseChecksumManifest(text));
    const picked = candidate.pick(entries);
    if (!picked) {
      if (listing) {
        notes.push(`${candidate.label}: the manifest does not list the image (yet); trying an older build`);
        continue;
      }
      throw new UpstreamError(`${candidate.manifestUrl} does not list ${candidate.label}`);
    }
    let date = picked.date;
    if (date === undefined) {
      const header = await fetcher.lastModified(picked.url);
      date = header === undefined ? undefined : dateFromHttpDate(header);
      if (date === undefined) throw new UpstreamError(`${picked.url}: no build date in the file name and no usable Last-Modified header`);
    }
    if (notAfter !== undefined && date > notAfter) {
      notes.push(`${candidate.label}: built ${date}, after the clock of this run (${notAfter}); trying an older build`);
      continue;
    }
    return { build: toUpstreamBuild(picked, date), notes };
  }
  throw new UpstreamError(`no usable build among the newest ones in ${listingUrl ?? 'the listing'}: ${notes.join('; ')}`);
}

function parseOr<T>(url: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UpstreamError) throw new UpstreamError(`${url}: ${e.message}`);
    throw e;
  }
}
