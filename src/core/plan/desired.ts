/**
 * What each defined version should look like in Glance: name, visibility, sizes, tags and every
 * property (SCS-0102 ones derived from the definition's fields, then `meta`). Pure.
 *
 * Precedence of a property, lowest first: derived from fields (`url` → image_source, `build_date`
 * → image_build_date, `login` → image_original_user, version label → internal_version, name →
 * image_description/image_name, non-multi version label → os_version), image `meta`, the
 * version's own fields (`source`, `image_description`, `os_version`), version `meta`.
 *
 * Differences from OIM on purpose: booleans become `true`/`false` (not Python's `True`), a
 * non-multi image's `os_version` from `meta` is kept instead of being overwritten by the version
 * label (os_version is the distribution's release, `24.04`; the label names a build), and a `file:` source becomes
 * `image_source: private` unless `source` names a URL (OIM wrote `file:<name>`, which fails scs-0102).
 */
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageDefinition, MetaValue, VersionDefinition } from '../definitions/types.js';
import { expectedNames, versionedName } from '../definitions/naming.js';
import type { ImportSource } from './types.js';

export interface DesiredVersion {
  definition: ImageDefinition;
  version: VersionDefinition;
  label: string;
  /** The name once applied: bare for the newest version of a multi image, else the versioned name. */
  name: string;
  /** `Name (v)` / `Name{sep}v`: the name while importing and once superseded. */
  versionedName: string;
  newest: boolean;
  visibility: string;
  hidden: boolean;
  minDisk: number;
  minRam: number;
  status: 'active' | 'deactivated';
  /** Sorted, unique. */
  tags: string[];
  properties: Record<string, string>;
  source: ImportSource;
}

const WEB_URL = /^(https?|ftps?):\/\//i;

const stringifyMeta = (v: MetaValue): string => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

/** The tag set: the definition's tags, the managed tag and `os:<os_distro>`, sorted and unique. */
function desiredTags(def: ImageDefinition, properties: Readonly<Record<string, string>>, managedTag: string): string[] {
  const tags = new Set([...def.tags, managedTag]);
  const distro = properties['os_distro'];
  if (distro) tags.add(`os:${distro}`);
  return [...tags].sort();
}

function desiredProperties(def: ImageDefinition, v: VersionDefinition): Record<string, string> {
  const props: Record<string, string> = {
    image_source: WEB_URL.test(v.url) ? v.url : 'private',
    image_build_date: v.buildDate,
    image_original_user: def.login ?? 'none',
    internal_version: v.version,
    image_description: def.name,
    image_name: def.name,
  };
  if (!def.multi) props['os_version'] = v.version;
  for (const [k, val] of Object.entries(def.meta)) props[k] = stringifyMeta(val);
  if (v.source !== undefined) props['image_source'] = v.source;
  if (v.imageDescription !== undefined) props['image_description'] = v.imageDescription;
  if (v.osVersion !== undefined) props['os_version'] = v.osVersion;
  for (const [k, val] of Object.entries(v.meta ?? {})) props[k] = stringifyMeta(val);
  return props;
}

/** Where the bytes come from. `file:` paths are relative to the definition file's directory. */
function importSource(def: ImageDefinition, v: VersionDefinition): ImportSource {
  const url = v.mirrorUrl ?? v.url;
  const source: ImportSource = url.startsWith('file:')
    ? { kind: 'file', url, path: filePath(url, def.baseDir ?? dirname(def.location.file)) }
    : { kind: 'url', url };
  if (v.checksum) source.checksum = { ...v.checksum };
  if (v.mirrorUrl !== undefined && v.mirrorUrl !== v.url && WEB_URL.test(v.url)) source.upstreamUrl = v.url;
  return source;
}

function filePath(url: string, baseDir: string): string {
  if (url.startsWith('file://')) return fileURLToPath(url);
  const rest = decodeURIComponent(url.slice('file:'.length));
  return isAbsolute(rest) ? rest : join(baseDir, rest);
}

/** Every defined version of one definition, oldest first. */
export function desiredVersions(def: ImageDefinition, managedTag: string): DesiredVersion[] {
  const named = expectedNames(def);
  return named.map(({ version, name }, i) => {
    const properties = desiredProperties(def, version);
    return {
      definition: def,
      version,
      label: version.version,
      name,
      versionedName: versionedName(def, version),
      newest: i === named.length - 1,
      visibility: version.visibility ?? def.visibility,
      hidden: version.hidden ?? false,
      minDisk: def.minDisk,
      minRam: def.minRam,
      status: def.status ?? 'active',
      tags: desiredTags(def, properties, managedTag),
      properties,
      source: importSource(def, version),
    };
  });
}

/** Notes about a version being imported that are no error but the operator should know. */
export function versionNotes(def: ImageDefinition, v: VersionDefinition): string[] {
  const notes: string[] = [];
  const where = `'${def.name}' version ${v.version}`;
  if (!WEB_URL.test(v.url) && v.source === undefined && v.meta?.['image_source'] === undefined && def.meta['image_source'] === undefined) {
    notes.push(`${where}: url is not a web URL, so image_source is 'private' (set versions[].source to name the public origin)`);
  }
  if (/^ftps?:/i.test(v.mirrorUrl ?? v.url)) notes.push(`${where}: ftp downloads are not supported (Glance's web-download and this tool fetch http(s) only)`);
  if (!v.checksum) notes.push(`${where}: no checksum; the imported bytes cannot be verified`);
  if (v.version === 'latest')
    notes.push(`${where}: not pinned to an upstream build (no checksums_url/checksum_url, or upstream did not tell): imported once as 'latest'`);
  return notes;
}
