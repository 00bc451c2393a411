import type { NameMatcher } from './python-regex.js';
import type { InputLocation } from '../errors.js';

/** scs-0104 v1 entry statuses; absent means `optional`. */
export const ENTRY_STATUSES = ['mandatory', 'recommended', 'optional'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** One entry of an scs-0104 v1 image spec (`images:` list item). */
export interface ImageSpecEntry {
  /** `name`: the exact image name, or the label of a class of images when `nameScheme` is set. */
  name: string;
  /** `name_scheme`: a Python regex matched like `re.match` (start-anchored only). */
  nameScheme?: string;
  status: EntryStatus;
  /** Allowed `image_source` prefixes (`source`: a string or a list in the file). */
  sources: string[];
  /** Testcase id suffix, e.g. `ubuntu-2404` or `capi-2` (see testcase-ids.ts). */
  slug: string;
  /** Where the entry is written, for messages. */
  location: InputLocation;
  matcher: NameMatcher | undefined;
}

export interface ImageSpec {
  /** File path, URL or bundled name. */
  origin: string;
  entries: ImageSpecEntry[];
  /** Non-fatal observations about the file (unknown keys, ...), each with its place. */
  warnings: string[];
}
