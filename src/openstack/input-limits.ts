/**
 * What one listing may cost, whatever the cloud answers: a Glance that keeps handing out `next`
 * links (a new marker each time), pages of one image, or pages of megabytes stops at a bound and
 * the listing fails (incomplete: the subject ABORTs), instead of running for minutes and growing
 * without end. The bounds fit real clouds with room to spare (README, "Limits on input"):
 *
 * - 200,000 images per listing (one catalogue: the public cloud with the largest catalogue we know
 *   of has a few tens of thousands, most have hundreds);
 * - pages: what those images need at the page size asked for, assuming no fewer than 100 images
 *   per page (a Glance whose `api_limit_max` is below the size asked for still fits), plus two
 *   per created_at range (each range may end with a short page and an empty one): 2,004 for a
 *   serial listing of 1,000 per page;
 * - 512 MiB of answers per listing, decompressed (the same as an exported image list,
 *   `--images-file`; a real image is 1-5 KiB of JSON, so 200,000 of them fit);
 * - 64 MiB per answer, decompressed (http/types.ts DEFAULT_MAX_BODY_BYTES).
 *
 * SCS_IMAGES_LIMITS changes them (`images=500000,listing-bytes=2GiB`; tests make them small).
 */
import { ConfigError, LimitExceededError } from './errors.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/types.js';
import { formatBytes } from './http/read-body.js';

export interface InputLimits {
  /** Images one listing may return. */
  maxImages: number;
  /** Pages one listing may take; undefined: derived from maxImages and the page size (maxPagesFor). */
  maxPages?: number | undefined;
  /** Bytes of all answers of one listing together, after decompression. */
  maxListingBytes: number;
  /** Bytes of one answer read whole, after decompression. */
  maxResponseBytes: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxImages: 200_000,
  maxListingBytes: 512 * 1024 * 1024,
  maxResponseBytes: DEFAULT_MAX_BODY_BYTES,
};

/** The fewest images per page the page bound assumes of an honest Glance (its `api_limit_max` may be below our page size). */
export const MIN_HONEST_PAGE = 100;

/** Pages a listing may take: enough for maxImages at the page size asked for (no fewer than MIN_HONEST_PAGE a page), two more per range. */
export function maxPagesFor(limits: InputLimits, pageSize: number, ranges = 1): number {
  if (limits.maxPages !== undefined) return limits.maxPages;
  const perPage = Math.max(1, Math.min(pageSize, MIN_HONEST_PAGE));
  return Math.ceil(limits.maxImages / perPage) + 2 * ranges;
}

/**
 * The running count of one listing (shared by its ranges, which page at once): each page is
 * charged as it arrives, and the first bound passed ends the listing with a LimitExceededError.
 */
export class ListingBudget {
  pages = 0;
  images = 0;
  bytes = 0;
  readonly maxPages: number;

  constructor(
    readonly limits: InputLimits,
    pageSize: number,
    /** `image listing`: what the message names. */
    readonly what: string,
    ranges = 1,
  ) {
    this.maxPages = maxPagesFor(limits, pageSize, ranges);
  }

  /** One page arrived with `images` images in `bytes` bytes (decompressed). */
  charge(images: number, bytes: number): void {
    this.pages++;
    this.images += images;
    this.bytes += bytes;
    const stop = (limit: string, said: string): never => {
      throw new LimitExceededError(
        `${this.what} stopped: ${said} (after ${this.pages} pages, ${this.images} images, ${formatBytes(this.bytes)}); the listing is incomplete, so it is refused (see "Limits on input" in the README; SCS_IMAGES_LIMITS raises the limits)`,
        limit,
      );
    };
    if (this.pages > this.maxPages) stop('pages', `more than ${this.maxPages} pages`);
    if (this.images > this.limits.maxImages) stop('images', `more than ${this.limits.maxImages} images`);
    if (this.bytes > this.limits.maxListingBytes) stop('listing-bytes', `more than ${formatBytes(this.limits.maxListingBytes)} of answers`);
  }
}

const KEYS: Readonly<Record<string, keyof InputLimits>> = {
  images: 'maxImages',
  pages: 'maxPages',
  'listing-bytes': 'maxListingBytes',
  'response-bytes': 'maxResponseBytes',
};
const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/**
 * SCS_IMAGES_LIMITS: `key=value` pairs separated by commas (`images=500000,listing-bytes=2GiB`);
 * byte values may end in KiB, MiB or GiB. Unset or empty: the defaults. Anything else: ConfigError.
 */
export function parseInputLimits(value: string | undefined): InputLimits {
  const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS };
  if (value === undefined || value.trim() === '') return limits;
  for (const part of value.split(',')) {
    const m = /^\s*([a-z-]+)\s*=\s*(\d+)\s*([a-z]*)\s*$/i.exec(part);
    const key = m ? KEYS[(m[1] as string).toLowerCase()] : undefined;
    const unit = m ? UNITS[(m[3] as string).toLowerCase()] : undefined;
    const n = m && unit !== undefined ? Number(m[2]) * unit : Number.NaN;
    if (!m || key === undefined || !Number.isSafeInteger(n) || n < 1 || (unit !== 1 && !key.endsWith('Bytes'))) {
      throw new ConfigError(
        `SCS_IMAGES_LIMITS: '${part.trim().slice(0, 80)}' is not one of images=N, pages=N, listing-bytes=N[KiB|MiB|GiB], response-bytes=N[KiB|MiB|GiB]`,
      );
    }
    limits[key] = n;
  }
  return limits;
}
