/**
 * Parse and validate image definitions in the OIM YAML format (OIM/etc/schema.yaml, ANCHORS 1.4).
 *
 * Every key of the schema is checked, image- and version-level, and every problem of a file is
 * reported at once with file, line, column and field. The checks follow the schema (strict mode:
 * unknown keys are errors, required keys, enums, URL/checksum/UUID forms) except where users
 * keep tripping over it (USER-NEEDS 1e); those deviations are listed in meta-rules.ts and here:
 *
 * - `build_date`, `provided_until`, `uuid_validity` dates work quoted and unquoted (OIM #468);
 * - booleans written the YAML 1.1 way (`yes`/`no`/`on`/`off`, which PyYAML and so OIM accept)
 *   still count as booleans where a boolean is expected;
 * - `enable` may be absent (true, as OIM's code treats it) with a warning;
 * - version `meta` need not repeat the image meta's required keys (it is merged over it);
 * - `last-N` needs a numeric N; `version: latest` needs exactly one of checksums_url/checksum_url;
 * - URLs with credentials and `file:` paths with `..` segments are refused;
 * - duplicate image names, duplicate versions, duplicate image ids and generated Glance names
 *   that two definitions would both produce are errors.
 *
 * YAML merge keys (`<<: *anchor`, YAML 1.1, which PyYAML supports) are honoured.
 */
import { isMap, isScalar } from 'yaml';
import { formatLocation, InputError, InputErrors, type InputLocation } from '../errors.js';
import { formatPath, parseYamlWithPositions, type LocatedYaml, type PathSegment } from '../yaml/positions.js';
import {
  DERIVED_PROPERTIES,
  GLANCE_ATTRIBUTES,
  MAX_PROPERTY_NAME,
  META_KEYS,
  META_RULES,
  PROPERTY_NAME_RE,
  RESERVED_PREFIXES,
  type MetaRule,
} from './meta-rules.js';
import { sortVersions, versionedName } from './naming.js';
import {
  DEFINITION_STATUSES,
  DEFINITION_VISIBILITIES,
  DISK_FORMATS,
  type DefinitionSet,
  type ImageDefinition,
  type Meta,
  type MetaValue,
  type VersionDefinition,
} from './types.js';
import {
  checkChecksum,
  checkDateOrTimestamp,
  checkUrl,
  checkUuid,
  clip,
  closest,
  describeValue,
  type Checked,
  type UrlKind,
} from './values.js';

export const IMAGE_KEYS = [
  'name', 'enable', 'format', 'login', 'password', 'min_disk', 'min_ram', 'multi', 'keep', 'separator', 'shortname',
  'status', 'tags', 'visibility', 'latest_url', 'latest_checksum_url', 'meta', 'versions',
] as const;

export const VERSION_KEYS = [
  'version', 'url', 'mirror_url', 'build_date', 'checksum', 'checksums_url', 'checksum_url', 'hidden', 'visibility',
  'os_version', 'meta', 'image_description', 'source', 'id',
] as const;

/** Glance limits an image name to 255 characters. */
const MAX_NAME = 255;

export interface ParsedDefinitionFile {
  file: string;
  images: ImageDefinition[];
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** Where each image's `name` was written, for messages that point at the name (set in this module only). */
const nameLocations = new WeakMap<ImageDefinition, InputLocation>();
/** Where each version's `id` was written. */
const idLocations = new WeakMap<VersionDefinition, InputLocation>();

/**
 * Parse one definitions file. Throws InputErrors with every problem found in it; returns the
 * images (versions in natural order) and the warnings (each prefixed with its location).
 */
export function parseDefinitionFile(text: string, file: string): { images: ImageDefinition[]; warnings: string[] } {
  let y: LocatedYaml;
  try {
    y = parseYamlWithPositions(text, file);
  } catch (e) {
    if (e instanceof InputError) throw new InputErrors([e]);
    throw e;
  }
  const ctx = new FileContext(y, text);
  const images = readFile(ctx);
  checkAcrossImages(images, false, (loc, problem) => ctx.errors.push(new InputError(loc, problem)));
  ctx.throwIfErrors();
  return { images, warnings: ctx.warningTexts() };
}

/**
 * Parse several files as one definition set: every file's problems plus the problems across
 * files (duplicate names, ids, colliding generated names) are thrown together as InputErrors.
 */
export function parseDefinitionSources(sources: readonly { file: string; text: string }[], notes: readonly string[] = []): DefinitionSet {
  const parsed: ParsedDefinitionFile[] = [];
  const errors: InputError[] = [];
  for (const { file, text } of sources) {
    try {
      parsed.push({ file, ...parseDefinitionFile(text, file) });
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  let set: DefinitionSet | undefined;
  try {
    set = assembleDefinitionSet(parsed);
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0 || !set) throw new InputErrors(errors);
  return { ...set, files: sources.map((s) => s.file), warnings: [...notes, ...set.warnings] };
}

/** Join parsed files into one set, checking names and ids across files (within a file they are already checked). */
export function assembleDefinitionSet(files: readonly ParsedDefinitionFile[]): DefinitionSet {
  const images = files.flatMap((f) => f.images);
  const errors: InputError[] = [];
  checkAcrossImages(images, true, (loc, problem) => errors.push(new InputError(loc, problem)));
  if (errors.length > 0) throw new InputErrors(errors);
  return { files: files.map((f) => f.file), images, warnings: files.flatMap((f) => f.warnings) };
}

// -----------------------------------------------------------------------------------------------

class FileContext {
  readonly errors: InputError[] = [];
  private readonly warnings: { loc: InputLocation; text: string }[] = [];
  /** Paths (formatted) whose "required key is missing" is already covered by a did-you-mean. */
  readonly coveredMissing = new Set<string>();
  private lineStarts: number[] | undefined;
  constructor(
    readonly y: LocatedYaml,
    private readonly text: string,
  ) {}

  get file(): string {
    return this.y.file;
  }
  locate(path: readonly PathSegment[]): InputLocation {
    return this.y.locate(path);
  }
  /** Location of the key of the last path segment (where a problem is about the key, not the value). */
  locateKey(path: readonly PathSegment[]): InputLocation {
    const parent = this.y.doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent) && last !== undefined) {
      for (const pair of parent.items) {
        if (isScalar(pair.key) && String(pair.key.value) === String(last) && pair.key.range) {
          return { ...this.lineCol(pair.key.range[0]), file: this.file, field: this.locate(path).field };
        }
      }
    }
    return this.locate(path);
  }
  private lineCol(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }
  error(path: readonly PathSegment[], problem: string, at: 'value' | 'key' = 'value'): void {
    this.errors.push(new InputError(at === 'key' ? this.locateKey(path) : this.locate(path), problem));
  }
  warn(path: readonly PathSegment[], problem: string, at: 'value' | 'key' = 'value'): void {
    this.warnings.push({ loc: at === 'key' ? this.locateKey(path) : this.locate(path), text: problem });
  }
  /** The scalar exactly as written (`1.10`, `yes`), when the path is a scalar node in the document. */
  source(path: readonly PathSegment[]): string | undefined {
    const node = this.y.doc.getIn(path, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }
  isPlain(path: readonly PathSegment[]): boolean {
    const node = this.y.doc.getIn(path, true);
    return isScalar(node) && node.type === 'PLAIN';
  }
  throwIfErrors(): void {
    if (this.errors.length === 0) return;
    const sorted = this.errors
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.location.line ?? 0) - (b.e.location.line ?? 0) || (a.e.location.column ?? 0) - (b.e.location.column ?? 0) || a.i - b.i);
    throw new InputErrors(sorted.map((x) => x.e));
  }
  warningTexts(): string[] {
    return this.warnings.map((w) => `${formatLocation(w.loc)}: ${w.text}`);
  }
}

function readFile(ctx: FileContext): ImageDefinition[] {
  const top = ctx.y.value;
  if (top === null || top === undefined) {
    ctx.error([], "empty file: expected a mapping with an 'images' list");
    return [];
  }
  if (!isObj(top)) {
    ctx.error([], "not an image definitions file: expected a mapping with an 'images' list");
    return [];
  }
  for (const key of Object.keys(top)) {
    if (key !== 'images') ctx.error([key], `unknown top-level key '${clip(key, 40)}'${suggest(key, ['images'])}; only 'images' is allowed`, 'key');
  }
  const list = top['images'];
  if (list === undefined) {
    ctx.error(['images'], "required key 'images' is missing");
    return [];
  }
  if (!Array.isArray(list)) {
    ctx.error(['images'], `expected a list of image definitions, got ${describeValue(list)}`);
    return [];
  }
  if (list.length === 0) {
    ctx.error(['images'], 'the list is empty; define at least one image');
    return [];
  }
  const images: ImageDefinition[] = [];
  list.forEach((raw, i) => {
    const def = readImage(ctx, ['images', i], raw);
    if (def) images.push(def);
  });
  return images;
}

// -----------------------------------------------------------------------------------------------
// generic field readers: report the problem, return undefined when the value is unusable

type Path = readonly PathSegment[];

function present(obj: Obj, key: string): boolean {
  return obj[key] !== undefined && obj[key] !== null;
}

function missing(ctx: FileContext, obj: Obj, path: Path, key: string, required: boolean): boolean {
  const v = obj[key];
  if (v === undefined) {
    if (required && !ctx.coveredMissing.has(formatPath([...path, key]))) ctx.error([...path, key], 'required key is missing');
    return true;
  }
  if (v === null) {
    // yamale lets optional keys be null (treated as absent); a required key needs a value
    if (required) ctx.error([...path, key], 'has no value', 'key');
    return true;
  }
  return false;
}

function quoteHint(ctx: FileContext, path: Path, v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') {
    const src = ctx.source(path) ?? String(v);
    return `; quote it: '${src}'`;
  }
  return '';
}

function readString(ctx: FileContext, obj: Obj, path: Path, key: string, opts: { required: boolean; nonEmpty?: boolean }): string | undefined {
  if (missing(ctx, obj, path, key, opts.required)) return undefined;
  const p = [...path, key];
  const v = obj[key];
  if (typeof v !== 'string') {
    ctx.error(p, `expected a string, got ${describeValue(v, ctx.source(p))}${quoteHint(ctx, p, v)}`);
    return undefined;
  }
  if (opts.nonEmpty && v.trim() === '') {
    ctx.error(p, 'must not be empty');
    return undefined;
  }
  return v;
}

/** PyYAML (YAML 1.1) reads these plain scalars as booleans; YAML 1.2 as strings. */
const YAML11_BOOL: Readonly<Record<string, boolean>> = Object.fromEntries(
  [['yes', true], ['no', false], ['on', true], ['off', false]].flatMap(([w, b]) => {
    const s = w as string;
    return [s, s[0]!.toUpperCase() + s.slice(1), s.toUpperCase()].map((form) => [form, b as boolean]);
  }),
);

function asBool(ctx: FileContext, p: Path, v: unknown): Checked<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'string' && ctx.isPlain(p) && v in YAML11_BOOL) return { ok: true, value: YAML11_BOOL[v] as boolean };
  return { ok: false, problem: `expected true or false, got ${describeValue(v, ctx.source(p))}` };
}

function readBool(ctx: FileContext, obj: Obj, path: Path, key: string, required: boolean): boolean | undefined {
  if (missing(ctx, obj, path, key, required)) return undefined;
  const p = [...path, key];
  const r = asBool(ctx, p, obj[key]);
  if (!r.ok) ctx.error(p, r.problem);
  return r.ok ? r.value : undefined;
}

function asInt(ctx: FileContext, p: Path, v: unknown): Checked<number> {
  const src = ctx.source(p);
  const integral = typeof v === 'number' && Number.isSafeInteger(v) && (src === undefined || /^[-+]?(\d+|0x[0-9a-f]+|0o[0-7]+)$/i.test(src));
  if (!integral) {
    const hint = typeof v === 'string' && /^\d+$/.test(v.trim()) ? `; write it without quotes: ${v.trim()}` : '';
    return { ok: false, problem: `expected a whole number ≥ 0, got ${describeValue(v, src)}${hint}` };
  }
  if ((v as number) < 0) return { ok: false, problem: `must be ≥ 0, got ${v as number}` };
  return { ok: true, value: v as number };
}

function readInt(ctx: FileContext, obj: Obj, path: Path, key: string, required: boolean): number | undefined {
  if (missing(ctx, obj, path, key, required)) return undefined;
  const p = [...path, key];
  const r = asInt(ctx, p, obj[key]);
  if (!r.ok) ctx.error(p, r.problem);
  return r.ok ? r.value : undefined;
}

function enumProblem(v: unknown, values: readonly string[], source?: string): string {
  const near = typeof v === 'string' ? (values.find((x) => x.toLowerCase() === v.toLowerCase()) ?? closest(v, values)) : undefined;
  const shown = typeof v === 'string' ? `'${clip(v, 40)}'` : describeValue(v, source);
  return `${shown} is not one of ${values.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}`;
}

function readEnum<T extends string>(ctx: FileContext, obj: Obj, path: Path, key: string, values: readonly T[], required: boolean): T | undefined {
  if (missing(ctx, obj, path, key, required)) return undefined;
  const p = [...path, key];
  const v = obj[key];
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  ctx.error(p, enumProblem(v, values, ctx.source(p)));
  return undefined;
}

function readChecked<T>(ctx: FileContext, obj: Obj, path: Path, key: string, required: boolean, check: (v: unknown) => Checked<T>): T | undefined {
  if (missing(ctx, obj, path, key, required)) return undefined;
  const p = [...path, key];
  const r = check(obj[key]);
  if (!r.ok) ctx.error(p, r.problem);
  return r.ok ? r.value : undefined;
}

const readUrl = (ctx: FileContext, obj: Obj, path: Path, key: string, kind: UrlKind, required: boolean): string | undefined =>
  readChecked(ctx, obj, path, key, required, (v) => checkUrl(v, kind));

function suggest(key: string, candidates: readonly string[]): string {
  const near = closest(key, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
}

/** Resolve YAML 1.1 merge keys (`<<: *anchor` or a list of them); explicit keys win. */
function withMerges(ctx: FileContext, path: Path, obj: Obj): Obj {
  if (!('<<' in obj)) return obj;
  const src = obj['<<'];
  const parts = Array.isArray(src) ? src : [src];
  const merged: Obj = {};
  for (const part of [...parts].reverse()) {
    if (isObj(part)) Object.assign(merged, part);
    else ctx.error([...path, '<<'], 'a merge key (<<) must refer to a mapping or a list of mappings');
  }
  const own = { ...obj };
  delete own['<<'];
  return { ...merged, ...own };
}

function checkUnknownKeys(ctx: FileContext, path: Path, obj: Obj, known: readonly string[], level: 'image' | 'version'): void {
  for (const key of Object.keys(obj)) {
    if ((known as readonly string[]).includes(key)) continue;
    const p = [...path, key];
    const near = closest(key, known);
    if (near && obj[near] === undefined) ctx.coveredMissing.add(formatPath([...path, near]));
    let hint = near ? ` (did you mean '${near}'?)` : '';
    if (!near) {
      const norm = key.toLowerCase();
      if (level === 'image' && (VERSION_KEYS as readonly string[]).includes(norm)) hint = ' (it belongs in each versions[] entry)';
      else if (level === 'version' && (IMAGE_KEYS as readonly string[]).includes(norm)) hint = ' (it is an image-level key)';
      else if (META_KEYS.includes(norm) || /^(hw|os|img|trait|image)[_:]/.test(key)) hint = ' (Glance properties belong under meta)';
    }
    ctx.error(p, `unknown key '${clip(key, 40)}'${hint}`, 'key');
  }
}

// -----------------------------------------------------------------------------------------------
// images

function readImage(ctx: FileContext, path: Path, raw: unknown): ImageDefinition | undefined {
  if (!isObj(raw)) {
    ctx.error(path, `expected an image definition (a mapping with name, format, meta, versions, …), got ${describeValue(raw)}`);
    return undefined;
  }
  const obj = withMerges(ctx, path, raw);
  const before = ctx.errors.length;
  checkUnknownKeys(ctx, path, obj, IMAGE_KEYS, 'image');

  const name = readString(ctx, obj, path, 'name', { required: true, nonEmpty: true });
  let enable = readBool(ctx, obj, path, 'enable', false);
  if (obj['enable'] === undefined || obj['enable'] === null) {
    ctx.warn([...path, 'enable'], "'enable' is not set; treated as true, as OIM's code does (OIM's schema requires it)");
    enable = true;
  }
  const format = readEnum(ctx, obj, path, 'format', DISK_FORMATS, true);
  const login = readString(ctx, obj, path, 'login', { required: true });
  const password = readString(ctx, obj, path, 'password', { required: false });
  const minDisk = readInt(ctx, obj, path, 'min_disk', true);
  const minRam = readInt(ctx, obj, path, 'min_ram', true);
  const multi = readBool(ctx, obj, path, 'multi', true);
  const keep = readBool(ctx, obj, path, 'keep', false);
  const separator = readString(ctx, obj, path, 'separator', { required: false }) ?? ' ';
  if (/[\r\n\t]/.test(separator)) ctx.error([...path, 'separator'], 'must not contain line breaks or tabs');
  const shortname = readString(ctx, obj, path, 'shortname', { required: false, nonEmpty: true });
  const status = readEnum(ctx, obj, path, 'status', DEFINITION_STATUSES, true);
  const tags = readTags(ctx, obj, path);
  const visibility = readEnum(ctx, obj, path, 'visibility', DEFINITION_VISIBILITIES, true);
  const latestUrl = readUrl(ctx, obj, path, 'latest_url', 'web', false);
  const latestChecksumUrl = readUrl(ctx, obj, path, 'latest_checksum_url', 'http', false);

  const metaRead = missing(ctx, obj, path, 'meta', true) ? undefined : readMeta(ctx, [...path, 'meta'], obj['meta'], 'image');
  const meta = metaRead?.meta;
  const versions = readVersions(ctx, obj, path);
  if (metaRead) checkRequiredMeta(ctx, [...path, 'meta'], metaRead.keys, obj['versions']);

  if (ctx.errors.length > before) return undefined;
  const def: ImageDefinition = {
    name: name as string,
    enable: enable as boolean,
    format: format as ImageDefinition['format'],
    minDisk: minDisk as number,
    minRam: minRam as number,
    multi: multi as boolean,
    separator,
    tags: tags as string[],
    visibility: visibility as ImageDefinition['visibility'],
    meta: meta as Meta,
    versions: sortVersions(versions as VersionDefinition[]),
    location: ctx.locate(path),
  };
  if (login !== undefined) def.login = login;
  if (password !== undefined) def.password = password;
  if (keep !== undefined) def.keep = keep;
  if (shortname !== undefined) def.shortname = shortname;
  if (status !== undefined) def.status = status;
  if (latestUrl !== undefined) def.latestUrl = latestUrl;
  if (latestChecksumUrl !== undefined) def.latestChecksumUrl = latestChecksumUrl;
  nameLocations.set(def, ctx.locate([...path, 'name']));

  for (const generated of allGlanceNames(def)) {
    if (generated.length > MAX_NAME) {
      ctx.error([...path, 'name'], `the Glance name '${clip(generated, 40)}' is ${generated.length} characters long; Glance allows ${MAX_NAME}`);
      return undefined;
    }
  }
  if (def.versions.length === 0) ctx.warn([...path, 'versions'], 'no versions: nothing will be imported for this image');
  return def;
}

function readTags(ctx: FileContext, obj: Obj, path: Path): string[] | undefined {
  if (missing(ctx, obj, path, 'tags', true)) return undefined;
  const p = [...path, 'tags'];
  const v = obj['tags'];
  if (!Array.isArray(v)) {
    ctx.error(p, `expected a list of strings (tags: [] for none), got ${describeValue(v, ctx.source(p))}`);
    return undefined;
  }
  const tags: string[] = [];
  let ok = true;
  v.forEach((t, i) => {
    const tp = [...p, i];
    if (typeof t !== 'string') {
      ctx.error(tp, `expected a string, got ${describeValue(t, ctx.source(tp))}${quoteHint(ctx, tp, t)}`);
      ok = false;
    } else if (t.trim() === '') {
      ctx.error(tp, 'a tag must not be empty');
      ok = false;
    } else if (t.length > 255) {
      ctx.error(tp, 'a tag must be at most 255 characters');
      ok = false;
    } else if (tags.includes(t)) {
      ctx.warn(tp, `duplicate tag '${clip(t, 40)}'`);
    } else {
      tags.push(t);
    }
  });
  return ok ? tags : undefined;
}

// -----------------------------------------------------------------------------------------------
// meta

/** The usable properties (undefined if any is invalid) and every key written, null-valued ones included. */
function readMeta(ctx: FileContext, path: Path, raw: unknown, level: 'image' | 'version'): { meta: Meta | undefined; keys: Set<string> } | undefined {
  if (!isObj(raw)) {
    ctx.error(path, `expected a mapping of Glance properties, got ${describeValue(raw)}`);
    return undefined;
  }
  const obj = withMerges(ctx, path, raw);
  const meta: Meta = {};
  let ok = true;
  for (const [key, v] of Object.entries(obj)) {
    const p = [...path, key];
    const rule = META_RULES[key];
    if (v === null || v === undefined) {
      if (rule && rule.kind.type === 'enum' && rule.kind.nullable) {
        ctx.warn(p, `no value (allowed by OIM's schema): the property '${key}' will not be set`, 'key');
      } else if (rule && rule.requirement === 'required') {
        ctx.error(p, 'has no value', 'key');
        ok = false;
      } else {
        ctx.warn(p, `no value: the property '${clip(key, 40)}' will not be set`, 'key');
      }
      continue;
    }
    const value = rule ? readKnownMeta(ctx, p, key, rule, v) : readCustomMeta(ctx, p, key, v, level === 'image' ? obj : undefined);
    if (value === undefined) ok = false;
    else meta[key] = value;
  }
  return { meta: ok ? meta : undefined, keys: new Set(Object.keys(obj)) };
}

function readKnownMeta(ctx: FileContext, p: Path, key: string, rule: MetaRule, v: unknown): MetaValue | undefined {
  const kind = rule.kind;
  const fail = (problem: string): undefined => {
    ctx.error(p, problem);
    return undefined;
  };
  switch (kind.type) {
    case 'string':
      if (typeof v === 'string') return v;
      return fail(`expected a string, got ${describeValue(v, ctx.source(p))}${quoteHint(ctx, p, v)}`);
    case 'int': {
      const r = asInt(ctx, p, v);
      return r.ok ? r.value : fail(r.problem);
    }
    case 'bool': {
      const r = asBool(ctx, p, v);
      return r.ok ? r.value : fail(r.problem);
    }
    case 'custom': {
      const r = kind.check(v);
      return r.ok ? r.value : fail(r.problem);
    }
    case 'enum': {
      if (typeof v === 'string' && kind.values.includes(v)) return v;
      if (kind.soft && typeof v === 'string' && /^[a-z0-9][a-z0-9._-]*$/.test(v)) {
        ctx.warn(p, `'${clip(v, 40)}' is not in OIM's list for ${key} (${kind.values.join(', ')}); ${kind.softNote ?? 'accepted'}`);
        return v;
      }
      return fail(enumProblem(v, kind.values, ctx.source(p)));
    }
  }
}

/**
 * A key the schema does not know. `imageMeta` is the whole image-level meta: there, a near miss
 * of a required or recommended key that is absent is an error (it is the missing key, misspelt),
 * not a custom property.
 */
function readCustomMeta(ctx: FileContext, p: Path, key: string, v: unknown, imageMeta: Obj | undefined): MetaValue | undefined {
  const fail = (problem: string): undefined => {
    ctx.error(p, problem, 'key');
    return undefined;
  };
  const reserved = RESERVED_PREFIXES.find((prefix) => key.startsWith(prefix));
  if (reserved) return fail(`'${clip(key, 40)}' is reserved: Glance manages ${reserved}* properties itself`);
  if (Object.hasOwn(GLANCE_ATTRIBUTES, key)) {
    const field = GLANCE_ATTRIBUTES[key];
    return fail(`'${key}' is a Glance image attribute, not a property${field ? `; use the definition's ${field}` : ''}`);
  }
  if (!PROPERTY_NAME_RE.test(key)) {
    return fail(`'${clip(key, 40)}' is not a usable property name (lowercase letters, digits, '_' and ':')${suggest(key, META_KEYS)}`);
  }
  if (key.length > MAX_PROPERTY_NAME) return fail(`property names are limited to ${MAX_PROPERTY_NAME} characters`);
  const near = closest(key, META_KEYS);
  if (near && imageMeta && imageMeta[near] === undefined && META_RULES[near]?.requirement !== 'optional') {
    ctx.coveredMissing.add(formatPath([...p.slice(0, -1), near]));
    return fail(`unknown key '${clip(key, 40)}' (did you mean '${near}'?)`);
  }
  let value: MetaValue;
  if (typeof v === 'string' || typeof v === 'boolean') value = v;
  else if (typeof v === 'number' && Number.isFinite(v)) {
    value = v;
    const src = ctx.source(p);
    if (src !== undefined && src !== String(v)) {
      ctx.warn(p, `YAML reads ${src} as the number ${v}; quote it if you mean '${src}'`);
    }
  } else if (v instanceof Date) value = v.toISOString();
  else return fail(`a Glance property value must be a string, number or boolean, got ${describeValue(v)}`);

  const derived = DERIVED_PROPERTIES[key];
  const note = derived ? `${derived}; the value here is set as given` : near ? `did you mean '${near}'?` : 'set as a custom Glance property';
  ctx.warn(p, `'${clip(key, 40)}' is not in OIM's schema (OIM --check would reject it); ${note}`, 'key');
  return value;
}

/**
 * Required meta keys must be in the image meta, or in every version's meta (version meta is
 * merged over image meta, so it need not repeat them).
 */
function checkRequiredMeta(ctx: FileContext, path: Path, keys: ReadonlySet<string>, rawVersions: unknown): void {
  // read from the raw versions, so a version with some other problem still counts
  const versionMetas = Array.isArray(rawVersions) ? rawVersions.map((v) => (isObj(v) && isObj(v['meta']) ? v['meta'] : undefined)) : [];
  for (const [key, rule] of Object.entries(META_RULES)) {
    if (rule.requirement === 'optional') continue;
    const given = keys.has(key);
    const inEveryVersion = versionMetas.length > 0 && versionMetas.every((m) => m !== undefined && key in m);
    if (given || inEveryVersion || ctx.coveredMissing.has(formatPath([...path, key]))) continue;
    if (rule.requirement === 'required') ctx.error([...path, key], 'required key is missing');
    else ctx.warn([...path, key], `'${key}' is missing (${rule.missingNote ?? 'recommended'})`);
  }
}

// -----------------------------------------------------------------------------------------------
// versions

function readVersions(ctx: FileContext, obj: Obj, path: Path): VersionDefinition[] | undefined {
  if (missing(ctx, obj, path, 'versions', true)) return undefined;
  const p = [...path, 'versions'];
  const list = obj['versions'];
  if (!Array.isArray(list)) {
    ctx.error(p, `expected a list of versions, got ${describeValue(list)}`);
    return undefined;
  }
  const out: VersionDefinition[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  list.forEach((raw, j) => {
    const vp = [...p, j];
    const v = readVersion(ctx, vp, raw);
    if (!v) {
      ok = false;
      return;
    }
    const prev = seen.get(v.version);
    if (prev !== undefined) {
      const where = ctx.locate([...p, prev]);
      ctx.error([...vp, 'version'], `duplicate version '${clip(v.version, 40)}' (also versions[${prev}] at line ${where.line ?? '?'})`);
      ok = false;
      return;
    }
    seen.set(v.version, j);
    out.push(v);
  });
  return ok ? out : undefined;
}

function readVersion(ctx: FileContext, path: Path, raw: unknown): VersionDefinition | undefined {
  if (!isObj(raw)) {
    ctx.error(path, `expected a version (a mapping with version, url, build_date, …), got ${describeValue(raw)}`);
    return undefined;
  }
  const obj = withMerges(ctx, path, raw);
  const before = ctx.errors.length;
  checkUnknownKeys(ctx, path, obj, VERSION_KEYS, 'version');

  const version = readString(ctx, obj, path, 'version', { required: true, nonEmpty: true });
  const url = readUrl(ctx, obj, path, 'url', 'download', true);
  const mirrorUrl = readUrl(ctx, obj, path, 'mirror_url', 'download', false);
  const buildDate = readChecked(ctx, obj, path, 'build_date', true, checkDateOrTimestamp);
  const checksum = readChecked(ctx, obj, path, 'checksum', false, checkChecksum);
  const checksumsUrl = readUrl(ctx, obj, path, 'checksums_url', 'http', false);
  const checksumUrl = readUrl(ctx, obj, path, 'checksum_url', 'http', false);
  const hidden = readBool(ctx, obj, path, 'hidden', false);
  const visibility = readEnum(ctx, obj, path, 'visibility', DEFINITION_VISIBILITIES, false);
  const osVersion = readString(ctx, obj, path, 'os_version', { required: false });
  const imageDescription = readString(ctx, obj, path, 'image_description', { required: false });
  const source = readUrl(ctx, obj, path, 'source', 'source', false);
  const id = readChecked(ctx, obj, path, 'id', false, checkUuid);
  const meta = missing(ctx, obj, path, 'meta', false) ? undefined : readMeta(ctx, [...path, 'meta'], obj['meta'], 'version')?.meta;

  if (version === 'latest') {
    const n = Number(present(obj, 'checksums_url')) + Number(present(obj, 'checksum_url'));
    if (n !== 1) {
      ctx.error(
        [...path, 'version'],
        n === 0
          ? "version 'latest' needs checksums_url or checksum_url (to notice a new upstream build)"
          : "version 'latest' takes checksums_url or checksum_url, not both",
      );
    }
  }
  if (ctx.errors.length > before) return undefined;

  const def: VersionDefinition = {
    version: version as string,
    url: url as string,
    buildDate: buildDate as string,
    location: ctx.locate(path),
  };
  if (mirrorUrl !== undefined) def.mirrorUrl = mirrorUrl;
  if (checksum !== undefined) def.checksum = checksum;
  if (checksumsUrl !== undefined) def.checksumsUrl = checksumsUrl;
  if (checksumUrl !== undefined) def.checksumUrl = checksumUrl;
  if (hidden !== undefined) def.hidden = hidden;
  if (visibility !== undefined) def.visibility = visibility;
  if (osVersion !== undefined) def.osVersion = osVersion;
  if (meta !== undefined) def.meta = meta;
  if (imageDescription !== undefined) def.imageDescription = imageDescription;
  if (source !== undefined) def.source = source;
  if (id !== undefined) {
    def.id = id;
    idLocations.set(def, ctx.locate([...path, 'id']));
  }
  return def;
}

// -----------------------------------------------------------------------------------------------
// across images

/**
 * Every Glance name a definition can give its images over time: for multi images the bare name
 * and each version's `name (version)` (old versions are renamed to it), else `name{sep}version`.
 */
function glanceNamesWithVersions(def: ImageDefinition): { name: string; version: string | undefined }[] {
  return [
    ...(def.multi ? [{ name: def.name, version: undefined }] : []),
    ...def.versions.map((v) => ({ name: versionedName(def, v), version: v.version })),
  ];
}

const allGlanceNames = (def: ImageDefinition): string[] => glanceNamesWithVersions(def).map((n) => n.name);

const where = (loc: InputLocation): string => formatLocation(loc);

/**
 * Duplicate image names, duplicate fixed ids, and Glance names two definitions would both
 * produce (e.g. non-multi `Foo` version `1` and an image named `Foo 1`). With `crossFileOnly`,
 * pairs within one file are skipped (parseDefinitionFile has reported them).
 */
function checkAcrossImages(images: readonly ImageDefinition[], crossFileOnly: boolean, report: (loc: InputLocation, problem: string) => void): void {
  const skip = (a: InputLocation, b: InputLocation) => crossFileOnly && a.file === b.file;
  const nameLoc = (d: ImageDefinition): InputLocation =>
    nameLocations.get(d) ?? { ...d.location, field: d.location.field ? `${d.location.field}.name` : 'name' };

  const byName = new Map<string, ImageDefinition>();
  const duplicateNames = new Set<string>();
  for (const def of images) {
    const first = byName.get(def.name);
    if (!first) {
      byName.set(def.name, def);
      continue;
    }
    duplicateNames.add(def.name);
    if (skip(first.location, def.location)) continue;
    report(nameLoc(def), `duplicate image name '${clip(def.name, 60)}': also defined at ${where(nameLoc(first))}`);
  }

  const produced = new Map<string, { def: ImageDefinition; version?: string }>();
  const reported = new Set<string>();
  for (const def of images) {
    if (duplicateNames.has(def.name) && byName.get(def.name) !== def) continue;
    for (const { name, version } of glanceNamesWithVersions(def)) {
      const owner = produced.get(name);
      if (!owner) {
        produced.set(name, { def, version });
        continue;
      }
      if (owner.def === def) continue;
      const pair = `${name}\u0000${owner.def.name}\u0000${def.name}`;
      if (reported.has(pair) || skip(owner.def.location, def.location)) continue;
      reported.add(pair);
      const describe = (d: ImageDefinition, v: string | undefined) =>
        v === undefined ? `'${clip(d.name, 40)}'` : `'${clip(d.name, 40)}' version '${clip(v, 30)}'`;
      report(
        nameLoc(def),
        `the Glance name '${clip(name, 60)}' would be used by ${describe(def, version)} and by ${describe(owner.def, owner.version)} at ${where(nameLoc(owner.def))}`,
      );
    }
  }

  const byId = new Map<string, VersionDefinition>();
  for (const def of images) {
    for (const v of def.versions) {
      if (v.id === undefined) continue;
      const first = byId.get(v.id);
      if (!first) {
        byId.set(v.id, v);
        continue;
      }
      const loc = idLocations.get(v) ?? v.location;
      const firstLoc = idLocations.get(first) ?? first.location;
      if (skip(firstLoc, loc)) continue;
      report(loc, `duplicate image id ${v.id}: also used at ${where(firstLoc)}`);
    }
  }
}
