import { InputError } from '../core/errors.js';
import type { Image } from '../core/images/image.js';
import { imageFromGlance } from '../openstack/image/v2/images/results.js';

/**
 * Offline mode: an auditor checks an exported image list without credentials. Accepted shapes:
 * - Glance `GET /v2/images` JSON: `{"images": [...]}` (custom properties at the top level);
 * - several such pages concatenated into one JSON array `[{"images": [...]}, ...]`;
 * - `openstack image list --long -f json` (`[{"ID", "Name", "Visibility", ...}]`);
 * - `openstack image show -f json` (one object, or an array of them; properties under `properties`).
 */
export interface ImagesFile {
  images: Image[];
  /** Which shape was recognised, for the report and for messages. */
  shape: 'glance-page' | 'glance-pages' | 'osc-list' | 'osc-show';
  /**
   * False when the export carries no custom properties (e.g. `image list --long` without a
   * Properties column): property-based testcases then cannot be decided and ABORT.
   */
  hasProperties: boolean;
}

export function parseImagesFile(text: string, file: string): ImagesFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError({ file, ...jsonErrorPosition(text, e as Error) }, `not valid JSON: ${(e as Error).message}`);
  }
  if (isRecord(data) && 'images' in data) {
    if (!Array.isArray(data['images']))
      throw new InputError({ file, field: 'images' }, `"images" is ${kindOf(data['images'])}, expected the list of images of a Glance listing`);
    refuseIncomplete([data], file, '');
    return { images: glanceImages(data['images'], file, 'images'), shape: 'glance-page', hasProperties: true };
  }
  if (isRecord(data)) {
    return { images: [oscShow(data, file, '')], shape: 'osc-show', hasProperties: true };
  }
  if (!Array.isArray(data)) {
    throw new InputError(
      { file, line: 1, column: 1 },
      'expected Glance image-list JSON ({"images": [...]}) or the JSON output of `openstack image list --long` / `image show`',
    );
  }
  if (data.length === 0) return { images: [], shape: 'osc-list', hasProperties: true };
  if (data.every((p) => isRecord(p) && Array.isArray(p['images']))) {
    refuseIncomplete(data as Array<Record<string, unknown>>, file, `[${data.length - 1}].`);
    const images = data.flatMap((page, i) => glanceImages((page as Record<string, unknown>)['images'] as unknown[], file, `[${i}].images`));
    return { images, shape: 'glance-pages', hasProperties: true };
  }
  const first = data[0];
  if (isRecord(first) && ('ID' in first || 'Name' in first)) {
    const images = data.map((row, i) => oscListRow(row, file, `[${i}]`));
    // plain `image list -f json` (no --long): ID, Name, Status only; without the visibility no image
    // can be counted, so every mandatory image would look missing (a false FAIL). Checked after the
    // rows, so that a malformed row is named as such.
    if (!data.some((row) => isRecord(row) && 'Visibility' in row)) {
      throw new InputError(
        { file, field: '[0].Visibility' },
        'this export has no visibility (plain `openstack image list -f json`), so nothing can be decided. Export with ' +
          '`openstack image list --long -f json` (decides which images exist; the image_source testcases need properties), ' +
          'or check the cloud directly (--cloud), or give the Glance API listing (GET /v2/images) or `openstack image show -f json` of each image',
      );
    }
    const hasProperties = data.some((row) => isRecord(row) && row['Properties'] !== undefined);
    return { images, shape: 'osc-list', hasProperties };
  }
  if (isRecord(first) && 'id' in first) {
    return { images: data.map((row, i) => oscShow(row, file, `[${i}]`)), shape: 'osc-show', hasProperties: true };
  }
  throw new InputError(
    { file, field: '[0]' },
    'unrecognised image list: entries have neither Glance fields (id, name) nor `openstack image list` columns (ID, Name)',
  );
}

/**
 * A Glance page that links to a next page is part of a longer listing: checking it alone could
 * call a cloud compliant whose failing images are on the pages left out.
 */
function refuseIncomplete(pages: ReadonlyArray<Record<string, unknown>>, file: string, lastField: string): void {
  const next = pages.at(-1)?.['next'];
  if (typeof next === 'string' && next !== '') {
    throw new InputError(
      { file, field: `${lastField}next` },
      'the listing is incomplete: the (last) page links to a next page; export every page (a JSON array of the pages) or check the cloud itself',
    );
  }
}

function glanceImages(items: unknown[], file: string, field: string): Image[] {
  return items.map((raw, i) => {
    if (!isRecord(raw) || typeof raw['id'] !== 'string') {
      throw new InputError({ file, field: `${field}[${i}]` }, 'image entry without a string "id"');
    }
    checkName(raw['name'], file, `${field}[${i}].name`);
    return imageFromGlance(raw);
  });
}

/** An image name is text (Glance allows null); a number or an object is a broken export, not a name. */
function checkName(name: unknown, file: string, field: string): void {
  if (name !== undefined && name !== null && typeof name !== 'string')
    throw new InputError({ file, field }, `an image name must be a string, not ${kindOf(name)}`);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** `openstack image show -f json`: Glance fields, but custom properties nested under `properties`. */
function oscShow(raw: unknown, file: string, field: string): Image {
  if (!isRecord(raw) || typeof raw['id'] !== 'string') {
    throw new InputError({ file, field: field || undefined }, 'image without a string "id" (expected `openstack image show -f json` output)');
  }
  checkName(raw['name'], file, field ? `${field}.name` : 'name');
  const { properties, ...rest } = raw;
  const props = parseOscProperties(properties, file, `${field}.properties`);
  return imageFromGlance({ ...props, ...rest, tags: oscTags(rest['tags']) });
}

/** `openstack image list --long -f json` row: title-case column names. */
function oscListRow(raw: unknown, file: string, field: string): Image {
  if (!isRecord(raw) || typeof raw['ID'] !== 'string') {
    throw new InputError({ file, field }, 'row without a string "ID" (expected `openstack image list --long -f json` output)');
  }
  checkName(raw['Name'], file, `${field}.Name`);
  const props = parseOscProperties(raw['Properties'], file, `${field}.Properties`);
  return imageFromGlance({
    ...props,
    id: raw['ID'],
    name: raw['Name'] ?? '',
    status: raw['Status'],
    visibility: raw['Visibility'],
    protected: raw['Protected'],
    owner: raw['Project'] ?? raw['Owner'],
    disk_format: raw['Disk Format'],
    container_format: raw['Container Format'],
    size: raw['Size'],
    checksum: raw['Checksum'],
    tags: oscTags(raw['Tags']),
  });
}

/** OSC prints properties as a dict (newer releases) or as `key='value', key2='value2'` (older ones). */
function parseOscProperties(value: unknown, file: string, field: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    const out: Record<string, unknown> = {};
    const re = /([\w:.-]+)='((?:[^'\\]|\\.)*)'/g;
    for (const m of value.matchAll(re)) out[m[1] as string] = (m[2] as string).replace(/\\(.)/g, '$1');
    return out;
  }
  throw new InputError({ file, field }, 'properties must be an object or a "key=\'value\', ..." string');
}

function oscTags(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  return value ?? [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function jsonErrorPosition(text: string, e: Error): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return {};
  const offset = Number(m[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
