/** `regions:` / `region_name` handling (openstacksdk `_get_known_regions` / `_get_region`). */
import { ConfigError } from '../errors.js';
import { isDict } from './merge.js';
import type { Dict } from './merge.js';

export interface RegionEntry {
  name: string;
  /** Settings that apply only in this region (merged over the cloud's). */
  values: Dict;
}

/** Expand a `regions:` list of names or `{name, values}` dicts. */
function expandRegions(list: unknown, file: string | undefined): RegionEntry[] {
  if (!Array.isArray(list)) throw new ConfigError('regions must be a list', { file, key: 'regions' });
  return list.map((r) => {
    if (typeof r === 'string') return { name: r, values: {} };
    if (isDict(r) && typeof r['name'] === 'string' && Object.keys(r).every((k) => k === 'name' || k === 'values')) {
      return { name: r['name'], values: isDict(r['values']) ? r['values'] : {} };
    }
    throw new ConfigError('invalid region entry (expected a name or {name, values})', { file, key: 'regions' });
  });
}

/** Regions from `regions`, else `region_name` (a comma list is deprecated but accepted), else the profile's. */
export function knownRegions(cloud: Dict, profile: Dict, file: string | undefined, warnings: string[]): RegionEntry[] {
  for (const source of [cloud, profile]) {
    if ('regions' in source) return expandRegions(source['regions'], file);
    const rn = source['region_name'];
    if (Array.isArray(rn)) return expandRegions(rn, file);
    if (typeof rn === 'string' && rn !== '') {
      const names = rn.split(',');
      if (names.length > 1) warnings.push(`${file ?? 'config'}: comma-separated region_name is deprecated, use a regions list`);
      return names.map((name) => ({ name, values: {} }));
    }
  }
  return [];
}

/** The requested region (case-sensitive) or the first known one. */
export function selectRegion(regions: RegionEntry[], requested: string | undefined, cloud: string, file: string | undefined): RegionEntry {
  if (regions.length === 0) return { name: requested ?? '', values: {} };
  if (!requested) return regions[0] as RegionEntry;
  const found = regions.find((r) => r.name === requested);
  if (found) return found;
  throw new ConfigError(
    `region "${requested}" is not a region of cloud "${cloud}"; valid choices: ${regions.map((r) => r.name).join(', ')} (names are case-sensitive)`,
    { file, key: 'regions' },
  );
}
