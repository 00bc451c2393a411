/**
 * Glance image JSON → core Image. The one mapping from wire names to the model; the offline-file
 * parser reuses imageFromGlance, so it tolerates null/missing fields and string-typed numbers.
 */
import type { Image } from '../../../../core/images/image.js';
import { OpenStackError } from '../../../errors.js';
import type { Page } from '../../../http/paginate.js';
import { GLANCE_CORE_KEYS, type ImportInfo, type StoreInfo } from './types.js';

/**
 * Keys mapped into the model are read by imageFromGlance; Glance's other own keys are internal or
 * per-store details the checks do not use, and are dropped rather than mistaken for custom properties.
 */
const KNOWN: ReadonlySet<string> = new Set(Object.keys(GLANCE_CORE_KEYS));

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** Map one Glance image object. Throws only if `raw` is not an object at all. */
export function imageFromGlance(raw: unknown): Image {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new OpenStackError(`expected a Glance image object, got ${Array.isArray(raw) ? 'an array' : typeof raw}`);
  }
  const o = raw as Obj;
  const image: Image = {
    id: str(o['id']) ?? (o['id'] == null ? '' : String(o['id'])),
    name: str(o['name']) ?? '',
    status: str(o['status']) ?? '',
    visibility: str(o['visibility']) ?? '',
    hidden: bool(o['os_hidden']) ?? false,
    tags: Array.isArray(o['tags']) ? o['tags'].filter((t): t is string => typeof t === 'string') : [],
    properties: {},
  };
  if (typeof o['name'] !== 'string') image.nameMissing = true;
  const optional: Array<[keyof Image, unknown]> = [
    ['owner', str(o['owner'])],
    ['createdAt', str(o['created_at'])],
    ['updatedAt', str(o['updated_at'])],
    ['minDisk', num(o['min_disk'])],
    ['minRam', num(o['min_ram'])],
    ['diskFormat', str(o['disk_format'])],
    ['containerFormat', str(o['container_format'])],
    ['protected', bool(o['protected'])],
    ['hashAlgo', str(o['os_hash_algo'])],
    ['hashValue', str(o['os_hash_value'])],
    ['checksumMd5', str(o['checksum'])],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) (image as unknown as Obj)[key] = value;
  }
  // size: null is meaningful (no data uploaded yet), so it is kept as null; a listing without the
  // field is the same to openstacksdk (None). `undefined` stays for sizes nobody could know (predicted).
  if (o['size'] === null || o['size'] === undefined) image.size = null;
  else if (num(o['size']) !== undefined) image.size = num(o['size']);

  for (const [key, value] of Object.entries(o)) {
    if (KNOWN.has(key)) continue;
    // defineProperty: a key named "__proto__" must become a property, not a prototype.
    Object.defineProperty(image.properties, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return image;
}

/** One page of GET /v2/images. */
export function extractImagePage(body: unknown): Page<Image> {
  const o = body && typeof body === 'object' ? (body as Obj) : {};
  const images = o['images'];
  if (!Array.isArray(images)) throw new OpenStackError('image list response has no "images" array');
  return { items: images.map(imageFromGlance), next: str(o['next']) };
}

/** GET /v2/info/import → `{"import-methods": {"value": [...]}}`. */
export function importInfoFromBody(body: unknown): ImportInfo {
  const methods = ((body as Obj | undefined)?.['import-methods'] as Obj | undefined)?.['value'];
  return { importMethods: Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : [] };
}

/** GET /v2/info/stores → `{"stores": [{"id": "store1", "default": "true"}, …]}`. */
export function storesFromBody(body: unknown): StoreInfo[] {
  const stores = (body as Obj | undefined)?.['stores'];
  if (!Array.isArray(stores)) return [];
  return stores.flatMap((s: unknown) => {
    const o = s && typeof s === 'object' ? (s as Obj) : {};
    const id = str(o['id']);
    if (!id) return [];
    const description = str(o['description']);
    const readOnly = bool(o['read-only']) ?? false;
    return [{ id, isDefault: bool(o['default']) ?? false, ...(description !== undefined ? { description } : {}), ...(readOnly ? { readOnly } : {}) }];
  });
}
