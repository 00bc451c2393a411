import { describe, expect, it } from 'vitest';
import { ConfigError, LimitExceededError } from './errors.js';
import { DEFAULT_INPUT_LIMITS, ListingBudget, maxPagesFor, parseInputLimits } from './input-limits.js';

describe('limits on one listing', () => {
  it('derives the page bound from the images and the page size, no fewer than 100 images a page assumed', () => {
    expect(maxPagesFor(DEFAULT_INPUT_LIMITS, 1000)).toBe(2002);
    expect(maxPagesFor(DEFAULT_INPUT_LIMITS, 1000, 4)).toBe(2008);
    // a page size below the floor needs more pages for the same catalogue
    expect(maxPagesFor(DEFAULT_INPUT_LIMITS, 20)).toBe(10_002);
    expect(maxPagesFor({ ...DEFAULT_INPUT_LIMITS, maxPages: 7 }, 1000)).toBe(7);
  });

  it('the defaults fit real clouds: 200,000 images of 2 KiB each at 1,000 a page', () => {
    const budget = new ListingBudget(DEFAULT_INPUT_LIMITS, 1000, 'image listing');
    for (let i = 0; i < 200; i++) budget.charge(1000, 1000 * 2048);
    budget.charge(0, 20);
    expect(budget.images).toBe(200_000);
  });

  it('an endless listing of one image per page stops at the page bound', () => {
    const budget = new ListingBudget({ ...DEFAULT_INPUT_LIMITS, maxImages: 1000 }, 1000, 'image listing');
    let pages = 0;
    const run = (): void => {
      for (;;) {
        budget.charge(1, 300);
        pages++;
      }
    };
    expect(run).toThrow(LimitExceededError);
    expect(pages).toBe(12);
    expect(run).toThrow(/image listing stopped: more than 12 pages \(after 14 pages, 14 images, 4200 bytes\); the listing is incomplete/);
  });

  it('stops at the image bound and at the byte bound, saying which', () => {
    const images = new ListingBudget({ ...DEFAULT_INPUT_LIMITS, maxImages: 2500 }, 1000, 'image listing');
    images.charge(1000, 10);
    images.charge(1000, 10);
    expect(() => images.charge(1000, 10)).toThrow(expect.objectContaining({ limit: 'images', message: expect.stringContaining('more than 2500 images') }));
    const bytes = new ListingBudget({ ...DEFAULT_INPUT_LIMITS, maxListingBytes: 1024 * 1024 }, 1000, 'image listing');
    bytes.charge(1000, 1024 * 1024);
    expect(() => bytes.charge(1, 1)).toThrow(
      expect.objectContaining({ limit: 'listing-bytes', message: expect.stringContaining('more than 1 MiB of answers') }),
    );
  });
});

describe('SCS_IMAGES_LIMITS', () => {
  it('unset or empty: the defaults', () => {
    expect(parseInputLimits(undefined)).toEqual(DEFAULT_INPUT_LIMITS);
    expect(parseInputLimits(' ')).toEqual(DEFAULT_INPUT_LIMITS);
  });
  it('reads counts and sizes with units', () => {
    expect(parseInputLimits('images=500000, pages=30,listing-bytes=2GiB,response-bytes=512KiB')).toEqual({
      maxImages: 500_000,
      maxPages: 30,
      maxListingBytes: 2 * 1024 ** 3,
      maxResponseBytes: 512 * 1024,
    });
  });
  it.each(['images', 'images=0', 'images=2MiB', 'bytes=3', 'pages=-1', 'response-bytes=1TiB'])('refuses %s', (v) => {
    expect(() => parseInputLimits(v)).toThrow(ConfigError);
  });
});
