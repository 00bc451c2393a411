/**
 * Choosing the newest build, and the build date that becomes `version` (YYYYMMDD) and
 * `build_date` (YYYY-MM-DD).
 *
 * Dated build folders: Ubuntu `20261120/` (minimal images: `release-20261120/`), Debian
 * `20261115-2298/` (date, then a serial that grows with every build, so it breaks ties).
 * Pointer folders (`current/`, `latest/`, `release/`) never count: their content moves.
 */
import { naturalCompare } from '../definitions/naming.js';
import type { ListingEntry } from './types.js';
import { dayOf } from '../clock.js';

export interface DatedFolder {
  /** Folder name as listed, without the slash. */
  name: string;
  /** `YYYYMMDD`. */
  date: string;
  /** Debian's build serial after the date; 0 when there is none. */
  serial: number;
}

/**
 * The dated build folders of a listing, newest first. `pointer` is the name of the moving folder
 * the definition's latest_url goes through; folders may carry it as a prefix (`release-20261120`).
 */
export function datedFolders(entries: readonly ListingEntry[], pointer?: string): DatedFolder[] {
  const prefix = pointer && !/^\d/.test(pointer) ? `(?:${escapeRegExp(pointer)}-)?` : '';
  const re = new RegExp(`^${prefix}(\\d{8})(?:[-.](\\d+))?$`);
  const out: DatedFolder[] = [];
  for (const e of entries) {
    if (!e.isDir) continue;
    const m = re.exec(e.name);
    if (!m || !isValidDate(m[1] as string)) continue;
    out.push({ name: e.name, date: m[1] as string, serial: m[2] ? Number(m[2]) : 0 });
  }
  return out.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.serial - a.serial));
}

/** Of several names, the newest by natural order of their varying part (`20260714.1` > `20260706.0`). */
export function newestByNaturalOrder<T>(items: readonly T[], key: (item: T) => string): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || naturalCompare(key(item), key(best)) > 0) best = item;
  return best;
}

/** The first plausible build date (YYYYMMDD, 1990-2099) inside a name, e.g. `9.8-20260526` → `20260526`. */
export function dateInName(name: string): string | undefined {
  for (const m of name.matchAll(/(?<!\d)((?:19|20)\d{6})(?!\d)/g)) if (isValidDate(m[1] as string)) return m[1];
  return undefined;
}

/** `YYYYMMDD` of an HTTP date (Last-Modified), in UTC; undefined when it is not a date. */
export function dateFromHttpDate(value: string): string | undefined {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  return dayOf(new Date(t)).replace(/-/g, '');
}

/** `20261120` → `2026-11-20`. */
export function buildDateOf(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export function isValidDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
