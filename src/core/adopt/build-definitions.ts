/**
 * Existing images → OIM definitions that describe them as they are, so `plan` takes them under
 * management without a re-import (each version names its image by `id`). Pure.
 *
 * Images are grouped into one definition per family: the name without its version suffix,
 * `os_distro`, `os_version` and architecture. The names the definitions give are the names the
 * images carry (`ubuntu-noble-20240423` is `ubuntu-noble`, separator `-`, version `20240423`;
 * `Ubuntu 24.04 LTS` is a one-version multi image), so adopting renames nothing. Images whose
 * distro, version, architecture or origin cannot be inferred are left out and listed with what is
 * needed: a definition that guessed would make `plan` write the guess onto the image.
 */
import { compareVersions } from '../definitions/naming.js';
import { META_KEYS, PROPERTY_NAME_RE, RESERVED_PREFIXES } from '../definitions/meta-rules.js';
import { DEFINITION_VISIBILITIES, DISK_FORMATS } from '../definitions/types.js';
import type { CommentMap } from '../init/types.js';
import { minDiskFor } from '../plan/targets.js';
import { IMPORT_MARKER } from '../plan/types.js';
import { inferImage, type InferredImage, type Proposal } from './infer-values.js';
import type { DistroReleases } from '../releases/distro-releases.js';
import type { Image } from '../images/image.js';

/** Properties a definition derives from its own fields (desired.ts): never copied into `meta`. */
const DERIVED = new Set(['image_source', 'image_build_date', 'image_original_user', 'internal_version', 'image_name', IMPORT_MARKER]);

export interface AdoptedDefinition {
  name: string;
  images: InferredImage[];
  /** The OIM wire mapping, and the comments to put on its keys. */
  image: Record<string, unknown>;
  comments: CommentMap;
}

export interface AdoptResult {
  definitions: AdoptedDefinition[];
  /** Images left out because values are missing (see `missing` of each). */
  needsValues: InferredImage[];
  /** Images left out for another reason, and other things the operator should know. */
  notes: string[];
}

export interface AdoptInput {
  images: readonly Image[];
  releases: DistroReleases;
  managedTag: string;
  /** Values the operator gave, per image id. */
  given?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

interface NameParts {
  family: string;
  separator: string;
  multi: boolean;
  version?: string;
}

/** `X (v)` → multi; `x-20240423` / `x 0.6.2` → one image per version; anything else is a one-version multi image. */
export function splitName(name: string): NameParts {
  const multi = /^(.*\S)( )\(([^()]+)\)$/.exec(name);
  if (multi) return { family: multi[1] as string, separator: multi[2] as string, multi: true, version: multi[3] as string };
  const single = /^(.*?[^ _-])([ _-])(\d{8}(?:\.\d+)?|\d+\.\d+\.\d+)$/.exec(name);
  if (single) return { family: single[1] as string, separator: single[2] as string, multi: false, version: single[3] as string };
  return { family: name, separator: ' ', multi: true };
}

const copyable = (key: string): boolean =>
  !DERIVED.has(key) && !RESERVED_PREFIXES.some((p) => key.startsWith(p)) && PROPERTY_NAME_RE.test(key) && key !== 'hw_architecture';

/** The version label of a bare-named image: internal_version, else the build date. */
function labelOf(inf: InferredImage, parts: NameParts): string {
  if (parts.version) return parts.version;
  const internal = inf.image.properties['internal_version'];
  if (typeof internal === 'string' && internal !== '') return internal;
  return (inf.values['image_build_date']?.value ?? inf.image.createdAt?.slice(0, 10) ?? 'unknown').replaceAll('-', '');
}

/** The image's meta: every SCS property proposed, then the other custom properties it carries. */
function metaOf(inf: InferredImage): Map<string, Proposal> {
  const meta = new Map<string, Proposal>();
  for (const [k, p] of Object.entries(inf.values)) if (copyable(k)) meta.set(k, p);
  for (const [k, v] of Object.entries(inf.image.properties)) {
    if (meta.has(k) || !copyable(k) || typeof v !== 'string') continue;
    meta.set(k, { value: v, origin: 'found', why: 'as on the image' });
  }
  if (!meta.has('hw_disk_bus'))
    meta.set('hw_disk_bus', { value: '', origin: 'inferred', why: 'not set on the image: Nova picks the bus (null keeps it unset)' });
  return meta;
}

const describeOrigin = (p: Proposal): string => (p.origin === 'given' ? 'given' : `inferred: ${p.why}`);

interface Member {
  inf: InferredImage;
  parts: NameParts;
  label: string;
}

function buildDefinition(members: Member[], tag: string): AdoptedDefinition {
  const sorted = [...members].sort((a, b) => compareVersions(a.label, b.label));
  const newest = sorted[sorted.length - 1] as Member;
  const { family, separator, multi } = newest.parts;
  const metas = sorted.map((m) => metaOf(m.inf));
  const comments: CommentMap = {};

  // image-level meta: what every version agrees on; the rest goes to each version's own meta
  const common = new Map<string, Proposal>();
  for (const [k, p] of metas[metas.length - 1] as Map<string, Proposal>) {
    if (metas.every((m) => m.get(k)?.value === p.value)) common.set(k, p);
  }
  const meta: Record<string, string | null> = {};
  for (const k of [...common.keys()].sort((a, b) => Number(!META_KEYS.includes(a)) - Number(!META_KEYS.includes(b)) || a.localeCompare(b))) {
    const p = common.get(k) as Proposal;
    meta[k] = k === 'hw_disk_bus' && p.value === '' ? null : p.value;
    if (p.origin !== 'found') comments[`meta.${k}`] = describeOrigin(p);
  }

  const tags = [...new Set(sorted.flatMap((m) => m.inf.image.tags))].filter((t) => t !== tag && !t.startsWith('os:')).sort();
  const login = newest.inf.values['image_original_user']?.value;
  const image: Record<string, unknown> = {
    name: family,
    format: newest.inf.image.diskFormat,
    login: login ?? 'none',
    // at least what holds the data: plan raises it to that anyway, and the prediction must see it
    min_disk: Math.max(...sorted.map((m) => minDiskFor(m.inf.image.minDisk ?? 0, m.inf.image.size))),
    min_ram: Math.max(...sorted.map((m) => m.inf.image.minRam ?? 0)),
    multi,
    ...(separator !== ' ' ? { separator } : {}),
    status: sorted.every((m) => m.inf.image.status === 'deactivated') ? 'deactivated' : 'active',
    tags,
    visibility: newest.inf.image.visibility,
    meta,
  };
  const user = newest.inf.values['image_original_user'];
  if (user && user.origin !== 'found') comments['login'] = describeOrigin(user);

  image['versions'] = sorted.map((m, i) => {
    const v = m.inf.values;
    const source = v['image_source'] as Proposal;
    const web = /^(https?|ftps?):\/\//i.test(source.value);
    const own: Record<string, string> = {};
    for (const [k, p] of metas[i] as Map<string, Proposal>) if (!common.has(k) && p.value !== '') own[k] = p.value;
    const version: Record<string, unknown> = {
      version: m.label,
      id: m.inf.image.id,
      url: web ? source.value : `file:adopted/${m.inf.image.id}`,
      ...(web ? {} : { source: source.value }),
      build_date: v['image_build_date']?.value,
      hidden: m.inf.image.hidden,
      ...(m.inf.image.visibility !== newest.inf.image.visibility ? { visibility: m.inf.image.visibility } : {}),
      ...(Object.keys(own).length > 0 ? { meta: own } : {}),
    };
    const why = [`image ${m.inf.image.id} '${m.inf.image.name}'`];
    if (!m.parts.version) why.push(`version label from ${m.inf.image.properties['internal_version'] ? 'internal_version' : 'its build date'}`);
    for (const k of ['image_source', 'image_build_date'] as const) {
      const p = v[k];
      if (p && p.origin !== 'found') why.push(`${k} ${describeOrigin(p)}`);
    }
    if (!web) why.push('url: the bytes are already in Glance; this file is read only if the image is deleted and imported again');
    comments[`versions.${i}.version`] = why.join('\n');
    return version;
  });
  comments[''] =
    `adopted from ${sorted.length} existing image${sorted.length === 1 ? '' : 's'}; each version names its image by id, so plan adds the tag and properties and never imports it again`;
  return { name: family, images: sorted.map((m) => m.inf), image, comments };
}

export function adoptImages(input: AdoptInput): AdoptResult {
  const notes: string[] = [];
  const needsValues: InferredImage[] = [];
  const groups = new Map<string, Member[]>();
  for (const image of [...input.images].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    const inf = inferImage(image, input.releases, input.given?.get(image.id));
    if (image.status !== 'active' && image.status !== 'deactivated') {
      notes.push(`'${image.name}' (${image.id}) is ${image.status}, not adopted: it has no usable data`);
      continue;
    }
    if (!DISK_FORMATS.includes(image.diskFormat as never) || !(DEFINITION_VISIBILITIES as readonly string[]).includes(image.visibility)) {
      notes.push(
        `'${image.name}' (${image.id}) has disk format ${image.diskFormat ?? 'none'} and visibility ${image.visibility}, which a definition cannot describe`,
      );
      continue;
    }
    if (Object.keys(inf.missing).length > 0) {
      needsValues.push(inf);
      continue;
    }
    const parts = splitName(image.name);
    const key = [
      parts.family,
      parts.multi,
      parts.separator,
      inf.values['os_distro']?.value,
      inf.values['os_version']?.value,
      inf.values['architecture']?.value,
    ].join('\0');
    groups.set(key, [...(groups.get(key) ?? []), { inf, parts, label: labelOf(inf, parts) }]);
  }

  const definitions: AdoptedDefinition[] = [];
  const taken = new Set<string>();
  for (const members of groups.values()) {
    const byLabel = new Map<string, Member>();
    for (const m of members) {
      const other = byLabel.get(m.label);
      if (other) notes.push(`'${m.inf.image.name}' (${m.inf.image.id}) is version ${m.label} of '${m.parts.family}' like ${other.inf.image.id}; not adopted`);
      else byLabel.set(m.label, m);
    }
    const kept = [...byLabel.values()];
    const bare = kept.filter((m) => m.parts.multi && !m.parts.version);
    if (bare.length > 1) {
      notes.push(
        `${bare.length} images are named '${bare[0]?.parts.family}' (${bare.map((m) => m.inf.image.id).join(', ')}); not adopted: give all but one a versioned name first`,
      );
      continue;
    }
    const family = kept[0]?.parts.family as string;
    if (taken.has(family)) {
      notes.push(
        `'${family}' names images of different distros, versions or architectures; only the first group is adopted (${kept.map((m) => m.inf.image.id).join(', ')} left out)`,
      );
      continue;
    }
    taken.add(family);
    definitions.push(buildDefinition(kept, input.managedTag));
  }
  definitions.sort((a, b) => a.name.localeCompare(b.name));
  return { definitions, needsValues, notes };
}

/** `'Debian12' (id): os_distro (why); architecture (why)`: one line per image that needs values. */
export function describeNeeds(inf: InferredImage): string {
  const parts = Object.entries(inf.missing).map(([k, why]) => `${k} (${why})`);
  return `'${inf.image.name}' (${inf.image.id}) needs ${parts.join('; ')}`;
}
