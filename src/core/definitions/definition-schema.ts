/**
 * The definitions schema (OIM's `etc/schema.yaml`) as zod: which keys an image and a
 * version take, which are required, and what each accepts (the deviations from OIM's schema are
 * listed in parse-definitions.ts). The `meta` keys are described in meta-rules.ts; the schemas
 * of their values are built here.
 *
 * Each schema checks one mapping. The readers (read-*.ts) walk the file and add what takes more
 * than one mapping: unknown keys, merge keys, required meta, duplicates.
 */
import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { asText, checked, enumProblem, fieldValue, oneOf, optional, required, tagList, text, wholeNumber, yamlBoolean } from './field-schemas.js';
import { isMapping, type Mapping } from './merge-keys.js';
import { META_RULES, type MetaRule } from './meta-rules.js';
import { DEFINITION_STATUSES, DEFINITION_VISIBILITIES, DISK_FORMATS, type MetaValue } from './types.js';
import { bad, ok } from './value-checks/checked.js';
import { checkChecksum } from './value-checks/checksums.js';
import { checkDateOrTimestamp } from './value-checks/dates.js';
import { checkUrl, type UrlKind } from './value-checks/urls.js';
import { checkUuid } from './value-checks/uuids.js';
import type { Written } from './written-value.js';

export const IMAGE_KEYS = [
  'name',
  'enable',
  'format',
  'login',
  'password',
  'min_disk',
  'min_ram',
  'multi',
  'keep',
  'separator',
  'shortname',
  'status',
  'tags',
  'visibility',
  'latest_url',
  'latest_checksum_url',
  'meta',
  'versions',
] as const;

export const VERSION_KEYS = [
  'version',
  'url',
  'mirror_url',
  'build_date',
  'checksum',
  'checksums_url',
  'checksum_url',
  'hidden',
  'visibility',
  'os_version',
  'meta',
  'image_description',
  'source',
  'id',
] as const;

/** The top level: a mapping with a non-empty `images` list (the caller has checked it is a mapping). */
export const definitionFileSchema = z.object({
  images: z.unknown().transform((list, ctx): unknown[] => {
    const problem =
      list === undefined
        ? "required key 'images' is missing"
        : !Array.isArray(list)
          ? `expected a list of image definitions, got ${describeValue(list)}`
          : list.length === 0
            ? 'the list is empty; define at least one image'
            : undefined;
    if (problem === undefined) return list as unknown[];
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }),
});

const url = (kind: UrlKind) => checked((v) => checkUrl(v, kind));

/** Between name and version in generated names, so one line of text. */
const separator = fieldValue((w) => {
  const s = asText(w);
  return s.ok && /[\r\n\t]/.test(s.value) ? bad('must not contain line breaks or tabs') : s;
});

/** The image's own fields; `meta` and `versions` are read by read-meta.ts and read-versions.ts. */
export const imageFieldsSchema = z.object({
  name: required(text({ nonEmpty: true })),
  enable: optional(yamlBoolean),
  format: required(oneOf(DISK_FORMATS)),
  login: required(text()),
  password: optional(text()),
  min_disk: required(wholeNumber),
  min_ram: required(wholeNumber),
  multi: required(yamlBoolean),
  keep: optional(yamlBoolean),
  separator: optional(separator),
  shortname: optional(text({ nonEmpty: true })),
  status: required(oneOf(DEFINITION_STATUSES)),
  tags: required(tagList),
  visibility: required(oneOf(DEFINITION_VISIBILITIES)),
  latest_url: optional(url('web')),
  latest_checksum_url: optional(url('http')),
} satisfies Record<Exclude<(typeof IMAGE_KEYS)[number], 'meta' | 'versions'>, z.ZodType>);

/** A version's fields in the order they are checked; `meta` is read by read-meta.ts. */
export const versionFieldsSchema = z.object({
  version: required(text({ nonEmpty: true })),
  url: required(url('download')),
  mirror_url: optional(url('download')),
  build_date: required(checked(checkDateOrTimestamp)),
  checksum: optional(checked(checkChecksum)),
  checksums_url: optional(url('http')),
  checksum_url: optional(url('http')),
  hidden: optional(yamlBoolean),
  visibility: optional(oneOf(DEFINITION_VISIBILITIES)),
  os_version: optional(text()),
  image_description: optional(text()),
  source: optional(url('source')),
  id: optional(checked(checkUuid)),
} satisfies Record<Exclude<(typeof VERSION_KEYS)[number], 'meta'>, z.ZodType>);

const glanceProperties = fieldValue((w) =>
  isMapping(w.value) ? ok<Mapping>(w.value) : bad(`expected a mapping of Glance properties, got ${describeValue(w.value)}`),
);

/** Image `meta`: required; version `meta`: optional (it is merged over the image's). */
export const imageMetaField = required(glanceProperties);
export const versionMetaField = optional(glanceProperties);

export const versionsField = required(
  fieldValue((w) => (Array.isArray(w.value) ? ok<unknown[]>(w.value) : bad(`expected a list of versions, got ${describeValue(w.value)}`))),
);

/** What a value outside OIM's list must look like where the list is soft (meta-rules.ts): `almalinux`, `pc-q35-8.2`. */
const PROPERTY_TOKEN_RE = /^[a-z0-9][a-z0-9._-]*$/;

function metaValueSchema(rule: MetaRule): z.ZodType<MetaValue, Written> {
  const kind = rule.kind;
  switch (kind.type) {
    case 'string':
      return text();
    case 'int':
      return wholeNumber;
    case 'bool':
      return yamlBoolean;
    case 'custom':
      return checked(kind.check);
    case 'enum':
      return fieldValue((w) => {
        const v = w.value;
        if (typeof v === 'string' && (kind.values.includes(v) || (kind.soft && PROPERTY_TOKEN_RE.test(v)))) return ok(v);
        return bad(enumProblem(v, kind.values, w.source));
      });
  }
}

/** The value schema of each meta key OIM's schema knows. */
export const META_VALUE_SCHEMAS: Readonly<Record<string, z.ZodType<MetaValue, Written>>> = Object.fromEntries(
  Object.entries(META_RULES).map(([key, rule]) => [key, metaValueSchema(rule)]),
);
