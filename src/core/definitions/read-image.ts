/**
 * Reading one `images[]` entry into an ImageDefinition: its fields against the schema, its meta
 * and versions, and the rules on the whole image (required meta, generated name length).
 */
import type { PathSegment } from '../yaml/positions.js';
import { recordNameLocation } from './definition-locations.js';
import { imageFieldsSchema, imageMetaField } from './definition-schema.js';
import { clip, describeValue } from './describe-value.js';
import type { Findings } from './findings.js';
import { isMapping, resolveMergeKeys } from './merge-keys.js';
import { everyGlanceName, sortVersions } from './naming.js';
import { checkRequiredMeta, readMeta } from './read-meta.js';
import { readVersions } from './read-versions.js';
import type { ImageDefinition } from './types.js';
import { reportUnknownKeys } from './unknown-keys.js';
import { writtenField, writtenFields } from './written-value.js';

/** Glance limits an image name to 255 characters. */
const MAX_NAME = 255;

/** The definition, or undefined when it has problems (all of them reported). */
export function readImage(findings: Findings, path: readonly PathSegment[], raw: unknown): ImageDefinition | undefined {
  if (!isMapping(raw)) {
    findings.error(path, `expected an image definition (a mapping with name, format, meta, versions, …), got ${describeValue(raw)}`);
    return undefined;
  }
  const obj = resolveMergeKeys(findings, path, raw);
  // a broken merge key is reported, but the image's own fields still count
  const before = findings.errorCount;
  reportUnknownKeys(findings, path, obj, 'image');

  const fields = findings.parse(path, imageFieldsSchema, writtenFields(findings.y, path, obj));
  if (obj['enable'] === undefined || obj['enable'] === null) {
    findings.warn([...path, 'enable'], "'enable' is not set; treated as true, as OIM's code does (OIM's schema requires it)");
  }
  for (const { index, tag } of fields?.tags.repeated ?? []) findings.warn([...path, 'tags', index], `duplicate tag '${clip(tag, 40)}'`);

  const metaPath = [...path, 'meta'];
  const metaValue = findings.parse(metaPath, imageMetaField, writtenField(findings.y, path, obj, 'meta'));
  const metaRead = metaValue ? readMeta(findings, metaPath, metaValue, 'image') : undefined;
  const versions = readVersions(findings, path, obj);
  if (metaRead) checkRequiredMeta(findings, metaPath, metaRead.keys, obj['versions']);
  if (findings.errorCount > before || !fields || !metaRead?.meta || !versions) return undefined;

  const def: ImageDefinition = {
    name: fields.name,
    enable: fields.enable ?? true,
    format: fields.format,
    minDisk: fields.min_disk,
    minRam: fields.min_ram,
    multi: fields.multi,
    separator: fields.separator ?? ' ',
    tags: fields.tags.tags,
    visibility: fields.visibility,
    meta: metaRead.meta,
    versions: sortVersions(versions),
    location: findings.y.locate(path),
  };
  if (fields.login !== undefined) def.login = fields.login;
  if (fields.password !== undefined) def.password = fields.password;
  if (fields.keep !== undefined) def.keep = fields.keep;
  if (fields.shortname !== undefined) def.shortname = fields.shortname;
  if (fields.status !== undefined) def.status = fields.status;
  if (fields.latest_url !== undefined) def.latestUrl = fields.latest_url;
  if (fields.latest_checksum_url !== undefined) def.latestChecksumUrl = fields.latest_checksum_url;
  recordNameLocation(def, findings.y.locate([...path, 'name']));

  for (const { name } of everyGlanceName(def)) {
    if (name.length > MAX_NAME) {
      findings.error([...path, 'name'], `the Glance name '${clip(name, 40)}' is ${name.length} characters long; Glance allows ${MAX_NAME}`);
      return undefined;
    }
  }
  if (def.versions.length === 0) findings.warn([...path, 'versions'], 'no versions: nothing will be imported for this image');
  return def;
}
