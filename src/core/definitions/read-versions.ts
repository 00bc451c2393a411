/**
 * Reading an image's `versions` list: each version against the schema, its meta, and the rules
 * that involve more than one field or version (`version: latest`, duplicate versions).
 */
import type { PathSegment } from '../yaml/positions.js';
import { recordIdLocation } from './definition-locations.js';
import { versionFieldsSchema, versionMetaField, versionsField } from './definition-schema.js';
import { clip, describeValue } from './describe-value.js';
import type { Findings } from './findings.js';
import { isMapping, resolveMergeKeys, type Mapping } from './merge-keys.js';
import { readMeta } from './read-meta.js';
import type { VersionDefinition } from './types.js';
import { reportUnknownKeys } from './unknown-keys.js';
import { writtenField, writtenFields } from './written-value.js';

/** The versions of the image at `path` (not yet sorted), or undefined if any is invalid. */
export function readVersions(findings: Findings, path: readonly PathSegment[], image: Mapping): VersionDefinition[] | undefined {
  const p = [...path, 'versions'];
  const list = findings.parse(p, versionsField, writtenField(findings.y, path, image, 'versions'));
  if (!list) return undefined;
  const out: VersionDefinition[] = [];
  const seen = new Map<string, number>();
  let valid = true;
  list.forEach((raw, j) => {
    const vp = [...p, j];
    const v = readVersion(findings, vp, raw);
    if (!v) {
      valid = false;
      return;
    }
    const prev = seen.get(v.version);
    if (prev !== undefined) {
      const where = findings.y.locate([...p, prev]);
      findings.error([...vp, 'version'], `duplicate version '${clip(v.version, 40)}' (also versions[${prev}] at line ${where.line ?? '?'})`);
      valid = false;
      return;
    }
    seen.set(v.version, j);
    out.push(v);
  });
  return valid ? out : undefined;
}

function readVersion(findings: Findings, path: readonly PathSegment[], raw: unknown): VersionDefinition | undefined {
  if (!isMapping(raw)) {
    findings.error(path, `expected a version (a mapping with version, url, build_date, …), got ${describeValue(raw)}`);
    return undefined;
  }
  const obj = resolveMergeKeys(findings, path, raw);
  // a broken merge key is reported, but the version's own fields still count
  const before = findings.errorCount;
  reportUnknownKeys(findings, path, obj, 'version');
  const fields = findings.parse(path, versionFieldsSchema, writtenFields(findings.y, path, obj));
  const metaPath = [...path, 'meta'];
  const metaValue = findings.parse(metaPath, versionMetaField, writtenField(findings.y, path, obj, 'meta'));
  const meta = metaValue ? readMeta(findings, metaPath, metaValue, 'version').meta : undefined;
  const latestProblem = latestVersionProblem(obj);
  if (latestProblem) findings.error([...path, 'version'], latestProblem);
  if (findings.errorCount > before || !fields) return undefined;

  const def: VersionDefinition = {
    version: fields.version,
    url: fields.url,
    buildDate: fields.build_date,
    location: findings.y.locate(path),
  };
  if (fields.mirror_url !== undefined) def.mirrorUrl = fields.mirror_url;
  if (fields.checksum !== undefined) def.checksum = fields.checksum;
  if (fields.checksums_url !== undefined) def.checksumsUrl = fields.checksums_url;
  if (fields.checksum_url !== undefined) def.checksumUrl = fields.checksum_url;
  if (fields.hidden !== undefined) def.hidden = fields.hidden;
  if (fields.visibility !== undefined) def.visibility = fields.visibility;
  if (fields.os_version !== undefined) def.osVersion = fields.os_version;
  if (meta !== undefined) def.meta = meta;
  if (fields.image_description !== undefined) def.imageDescription = fields.image_description;
  if (fields.source !== undefined) def.source = fields.source;
  if (fields.id !== undefined) {
    def.id = fields.id;
    recordIdLocation(def, findings.y.locate([...path, 'id']));
  }
  return def;
}

/** `version: latest` is re-imported when upstream changes, which it notices by exactly one checksum source. */
function latestVersionProblem(obj: Mapping): string | undefined {
  if (obj['version'] !== 'latest') return undefined;
  const given = (key: string) => obj[key] !== undefined && obj[key] !== null;
  const n = Number(given('checksums_url')) + Number(given('checksum_url'));
  if (n === 0) return "version 'latest' needs checksums_url or checksum_url (to notice a new upstream build)";
  if (n > 1) return "version 'latest' takes checksums_url or checksum_url, not both";
  return undefined;
}
