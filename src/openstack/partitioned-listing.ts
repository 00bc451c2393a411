/**
 * One Glance listing by several pagers at once. A Glance with several API workers serves one pager
 * with one of them, so a large catalogue is split into `created_at` ranges, each paged by its own
 * pager, `streams` at a time. Why the ranges are exact (no image missed or listed twice, the
 * serial order kept) is argued in core/images/listing-partitions.ts; this file only makes the
 * requests. A catalogue that fits the first page stays one request, as serial paging.
 */
import type { Image } from '../core/images/image.js';
import { createdBefore, describeRange, epochSecond, planCreatedAtRanges, type CreatedAtRange } from '../core/images/listing-partitions.js';
import { OpenStackError } from './errors.js';
import { DEFAULT_INPUT_LIMITS, ListingBudget, type InputLimits } from './input-limits.js';
import type { ListImagesOptions } from './image/v2/images/types.js';
import { DEFAULT_PAGE_SIZE } from './image/v2/images/urls.js';
import { mapLimit } from '../util/map-limit.js';

export interface PartitionedListingOptions {
  /** Listing requests in flight at once; 1 pages serially. */
  streams: number;
  /** `--debug`: the ranges and what each listed. */
  trace?: ((line: string) => void) | undefined;
  /** Pages, images and bytes the whole listing may take, its ranges together (input-limits.ts). */
  limits?: InputLimits | undefined;
}

/** One page: its images, whether Glance has more, and its size in bytes (decompressed; a fake may leave it out). */
type Page = { images: Image[]; hasNext: boolean; bytes?: number };
type PageApi = { listImagePage(opts: ListImagesOptions): Promise<Page> };

/**
 * Ranges per stream: the ranges divide the time span evenly, but neither catalogues (most images
 * are recent ones) nor Glance workers (one may get less CPU) are even, so each stream that is done
 * takes the next range instead of waiting for the slowest. Each range costs at most one partial
 * page more. (Seen with two streams on 10,000 evenly created images and one range each: the newer
 * range's pages took 1.3x as long as the older one's, and the run waited for it. On that even
 * catalogue the benchmark could not tell the two settings apart, 0.64-0.81x the serial floor
 * either way; the setting is for the uneven catalogues of real clouds.)
 */
const RANGES_PER_STREAM = 2;

// Each page of a range asks on a new connection (ListImagesOptions.newConnection). A kept-alive
// connection stays with the worker that accepted it, whether Glance's own processes share the
// socket or a balancer places connections (L4, or HTTP with "prefer last server"), so two
// streams could page on one worker while the other idled: seen on the local Glance with two
// workers, one worker serving two pages at once at 1.5 s each while the other was idle, and the
// check at 0.79-0.82x the serial floor. A new connection goes to a worker that is free to accept
// it; with one per page, 0.60-0.73x in the same setting. A page of 1,000 images takes ~0.8 s of
// Glance's time, so the extra handshake (even TLS) does not count.

/** Every image matching `base`, in Glance's default order (created_at desc, id desc), as serial paging gives it. */
export async function listAllPartitioned(api: PageApi, base: ListImagesOptions, opts: PartitionedListingOptions): Promise<Image[]> {
  // the ranges rely on the default order and on starting at the top of it
  if (base.sort !== undefined || base.sortKey !== undefined || base.sortDir !== undefined || base.marker !== undefined || base.createdAt !== undefined) {
    const budget = new ListingBudget(opts.limits ?? DEFAULT_INPUT_LIMITS, base.limit ?? DEFAULT_PAGE_SIZE, 'image listing');
    return (await listRange(api, base, {}, undefined, budget)).images;
  }
  const limit = base.limit ?? DEFAULT_PAGE_SIZE;
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  const first = await api.listImagePage({ ...base, limit });
  const trace = opts.trace;
  if (!first.hasNext) {
    new ListingBudget(limits, limit, 'image listing').charge(first.images.length, first.bytes ?? 0);
    return first.images;
  }
  const firstOldest = first.images.at(-1)?.createdAt;
  const datable = first.images.every((i) => epochSecond(i.createdAt) !== undefined);
  let ranges: CreatedAtRange[] = [{}];
  if (opts.streams > 1 && datable && firstOldest !== undefined) {
    const oldest = (await api.listImagePage({ ...base, limit: 1, sortKey: 'created_at', sortDir: 'asc' })).images[0]?.createdAt;
    if (oldest !== undefined) ranges = planCreatedAtRanges(firstOldest, oldest, opts.streams * RANGES_PER_STREAM);
  }
  if (ranges.length === 1) {
    trace?.(
      `debug: image listing: serial (${opts.streams > 1 ? 'what follows the first page lies within its oldest second, or an image has no created_at' : '--list-streams 1'})`,
    );
    return (await listRange(api, { ...base, limit }, {}, first, new ListingBudget(limits, limit, 'image listing'))).images;
  }
  trace?.(`debug: image listing: ${ranges.length} created_at ranges, ${opts.streams} at a time: ${ranges.map(describeRange).join(', ')}`);
  // one budget for all ranges: the bounds are the catalogue's, however it is split
  const budget = new ListingBudget(limits, limit, 'image listing', ranges.length);
  const parts = await mapLimit(ranges, opts.streams, (range, i) =>
    listRange(api, { ...base, limit, newConnection: true }, range, i === 0 ? first : undefined, budget),
  );
  for (const [i, p] of parts.entries())
    trace?.(`debug: image listing: range ${describeRange(ranges[i] as CreatedAtRange)}: ${p.images.length} images in ${p.pages} pages`);
  return parts.flatMap((p) => p.images);
}

/**
 * The images of one range: the first page asks `created_at=lt:hi` and is cut at the first image
 * older than `lo`; the next pages go on after the last image seen, asking `created_at=gte:lo`
 * (Glance keeps one created_at filter per request, so each request carries the one bound it needs).
 */
async function listRange(
  api: PageApi,
  base: ListImagesOptions,
  range: CreatedAtRange,
  first: Page | undefined,
  budget: ListingBudget,
): Promise<{ images: Image[]; pages: number }> {
  const images: Image[] = [];
  let page = first ?? (await api.listImagePage({ ...base, ...(range.hi !== undefined ? { createdAt: `lt:${range.hi}` } : {}) }));
  let previousMarker: string | undefined;
  for (let pages = 1; ; pages++) {
    // every page counts as it arrives: an endless `next` (a new marker each time) stops at a bound
    budget.charge(page.images.length, page.bytes ?? 0);
    for (const image of page.images) {
      if (range.lo !== undefined && createdBefore(createdAtOf(image), range.lo)) return { images, pages };
      images.push(image);
    }
    const marker = page.images.at(-1)?.id;
    if (!page.hasNext || marker === undefined) return { images, pages };
    if (marker === previousMarker) throw new OpenStackError(`image listing does not advance after image ${marker} (page ${pages})`);
    previousMarker = marker;
    page = await api.listImagePage({ ...base, marker, ...(range.lo !== undefined ? { createdAt: `gte:${range.lo}` } : {}) });
  }
}

function createdAtOf(image: Image): string {
  if (epochSecond(image.createdAt) === undefined)
    throw new OpenStackError(
      `image ${image.id} has no usable created_at (${String(image.createdAt)}): the partitioned listing cannot place it (use --list-streams 1)`,
    );
  return image.createdAt as string;
}
