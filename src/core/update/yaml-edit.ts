/**
 * Edit one definition's `versions` list in the file's own text.
 *
 * The yaml package's Document API finds the nodes and their source ranges; the change is then
 * spliced into the original text. Document.toString() is not used on purpose: it re-flows every
 * `key: \n    value` continuation line of OIM's files (every url and checksum), so a one-line
 * update would rewrite the whole file. Splicing leaves every byte outside the edited entry as
 * it was: comments, key order, quoting, indentation, line breaks (CRLF files get CRLF lines).
 *
 * A new entry is laid out like its neighbour (the last entry): same dash and key columns, same
 * key order, values on a continuation line where the neighbour has them there, the same quotes.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { checksumText, type VersionChange } from './decide.js';
import { EditError, type UpstreamBuild } from './types.js';
import { afterLineEnd, applySplices, columnOf, lineStart, renderScalar, sameLine, type ScalarKind, type Splice } from './yaml-text.js';

/** The keys an update writes, in the order OIM's files use. */
const FIELDS = ['version', 'url', 'mirror_url', 'checksum', 'build_date'] as const;
type Field = (typeof FIELDS)[number];
const KIND: Readonly<Record<Field, ScalarKind>> = { version: 'string', url: 'string', mirror_url: 'string', checksum: 'string', build_date: 'date' };

type Values = Partial<Record<Field, string>>;
type Edit = Extract<VersionChange, { kind: 'append' | 'replace' }>;

/** The file's text with `change` applied to the definition named `imageName`. */
export function applyVersionChange(text: string, imageName: string, change: Edit, opts: { mirrorUrl?: string } = {}): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new EditError(`the file is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const { versions, keyOffset } = findVersions(doc.contents, imageName);
  const values = valuesOf(change.build, opts.mirrorUrl);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const splices =
    change.kind === 'append' ? appendEntry(text, versions, keyOffset, values, eol) : replaceEntry(text, findEntry(versions, change.replaces), values, eol);
  return applySplices(text, splices);
}

function valuesOf(build: UpstreamBuild, mirrorUrl: string | undefined): Values {
  const v: Values = { version: build.version, url: build.url, checksum: checksumText(build.checksum), build_date: build.buildDate };
  if (mirrorUrl !== undefined) v.mirror_url = mirrorUrl;
  return v;
}

function findVersions(root: unknown, imageName: string): { versions: YAMLSeq; keyOffset: number } {
  const images = isMap(root) ? root.get('images', true) : undefined;
  if (!isSeq(images)) throw new EditError("no 'images' list");
  for (const item of images.items) {
    if (!isMap(item) || scalarText(item.get('name', true)) !== imageName) continue;
    const pair = ownPair(item, 'versions');
    if (!pair) throw new EditError("'versions' comes from a YAML merge key (<<); edit the anchored list by hand");
    if (isAlias(pair.value)) throw new EditError("'versions' is a YAML alias (*name); edit the anchored list by hand");
    if (!isSeq(pair.value)) throw new EditError("'versions' is not a list");
    return { versions: pair.value, keyOffset: (pair.key as Scalar).range?.[0] ?? 0 };
  }
  throw new EditError(`no image named '${imageName}' in the file`);
}

function findEntry(versions: YAMLSeq, label: string): YAMLMap {
  for (const item of versions.items) if (isMap(item) && scalarText(item.get('version', true)) === label) return item;
  throw new EditError(`no version '${label}' written directly in 'versions' (an alias or merge key?)`);
}

function replaceEntry(text: string, entry: YAMLMap, values: Values, eol: string): Splice[] {
  const layout = layoutOf(text, entry);
  const splices: Splice[] = [];
  const missing: Field[] = [];
  for (const field of FIELDS) {
    const pair = ownPair(entry, field);
    const value = values[field];
    if (value === undefined) {
      // a mirror_url of the old build would make apply download the old bytes
      if (pair && field === 'mirror_url') splices.push(removal(text, entry, pair));
    } else if (pair) {
      const node = pair.value;
      if (!isScalar(node) || !node.range || node.source === undefined || node.value === null) throw new EditError(`'${field}' has no scalar value to replace`);
      splices.push({ start: node.range[0], end: node.range[1], text: renderScalar(value, KIND[field], node.type) });
    } else {
      missing.push(field);
    }
  }
  // a missing key goes below the key that precedes it in FIELDS order (mirror_url below url)
  const groups = new Map<number, Field[]>();
  for (const field of missing) {
    const prev = FIELDS.slice(0, FIELDS.indexOf(field))
      .reverse()
      .map((f) => ownPair(entry, f))
      .find((p) => p !== undefined);
    const at = afterLineEnd(text, prev ? pairEnd(prev) : contentEnd(entry));
    groups.set(at, [...(groups.get(at) ?? []), field]);
  }
  for (const [at, fields] of groups) {
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    splices.push({ start: at, end: at, text: lead + fields.map((f) => keyLines(f, values[f] as string, layout, eol).join('')).join('') });
  }
  return splices;
}

function appendEntry(text: string, versions: YAMLSeq, keyOffset: number, values: Values, eol: string): Splice[] {
  const range = versions.range;
  if (!range) throw new EditError("'versions' has no source position");
  if (versions.flow) {
    if (versions.items.length > 0) throw new EditError("'versions' is a flow list ([...]); write it as a block list (- version: ...) to let update edit it");
    // `versions: []  # comment` → `versions:  # comment` and the entry on the lines below
    const dash = columnOf(text, keyOffset) + 2;
    const layout: Layout = { dashCol: dash, keyCol: dash + 2, fields: {} };
    const at = afterLineEnd(text, range[1]);
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    return [
      { start: range[0], end: range[1], text: '' },
      { start: at, end: at, text: lead + entryText(values, [], layout, eol) },
    ];
  }
  const last = versions.items[versions.items.length - 1];
  if (!isMap(last) || last.flow) throw new EditError("the last entry of 'versions' is not a block mapping; cannot lay out a new entry like it");
  const layout = layoutOf(text, last);
  const order = last.items.map((p) => scalarText(p.key)).filter((k): k is Field => (FIELDS as readonly string[]).includes(k as string));
  const at = afterLineEnd(text, contentEnd(last));
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  return [{ start: at, end: at, text: lead + entryText(values, order, layout, eol) }];
}

interface FieldLayout {
  /** Value on its own line below the key, at this column (OIM files: url, mirror_url, checksum). */
  valueCol?: number;
  /** What follows the colon up to the value or line break (OIM files: a trailing space). */
  afterColon: string;
  type?: Scalar.Type;
}
interface Layout {
  dashCol: number;
  keyCol: number;
  fields: Partial<Record<Field, FieldLayout>>;
}

function layoutOf(text: string, entry: YAMLMap): Layout {
  const first = entry.items[0]?.key as Scalar | undefined;
  const keyStart = first?.range?.[0];
  if (keyStart === undefined) throw new EditError('an empty version entry');
  const keyCol = columnOf(text, keyStart);
  const prefix = text.slice(lineStart(text, keyStart), keyStart);
  const dashAt = prefix.lastIndexOf('-');
  const dashCol = dashAt >= 0 ? dashAt : Math.max(0, keyCol - 2);
  const fields: Layout['fields'] = {};
  for (const field of FIELDS) {
    const pair = ownPair(entry, field);
    const k = (pair?.key as Scalar | undefined)?.range ?? undefined;
    const v = isScalar(pair?.value) ? pair.value : undefined;
    if (k === undefined || !v?.range) continue;
    const colon = text.indexOf(':', k[1]);
    const inline = sameLine(text, k[0], v.range[0]);
    const afterColon = text.slice(colon + 1, inline ? v.range[0] : afterLineEnd(text, colon)).replace(/\r?\n$/, '');
    fields[field] = { type: v.type, afterColon: /^[ \t]*$/.test(afterColon) ? afterColon : ' ', ...(inline ? {} : { valueCol: columnOf(text, v.range[0]) }) };
  }
  // a key the neighbour lacks (mirror_url) is written like the neighbour's url
  for (const field of FIELDS) if (!fields[field] && field !== 'version' && field !== 'build_date' && fields.url) fields[field] = { ...fields.url };
  return { dashCol, keyCol: keyCol > dashCol ? keyCol : dashCol + 2, fields };
}

function entryText(values: Values, order: readonly Field[], layout: Layout, eol: string): string {
  const keys = [...order];
  // keys the neighbour lacks go below the key that precedes them in FIELDS order
  for (const field of FIELDS) {
    if (keys.includes(field)) continue;
    const prev = FIELDS.slice(0, FIELDS.indexOf(field))
      .reverse()
      .find((f) => keys.includes(f));
    keys.splice(prev === undefined ? 0 : keys.indexOf(prev) + 1, 0, field);
  }
  const lines = keys.filter((f) => values[f] !== undefined).flatMap((f) => keyLines(f, values[f] as string, layout, eol));
  const first = lines[0] ?? '';
  lines[0] = `${' '.repeat(layout.dashCol)}-${' '.repeat(layout.keyCol - layout.dashCol - 1)}${first.trimStart()}`;
  return lines.join('');
}

/** `key: value` at the key column, or `key:` and the value on the next line, spaced like the neighbour. */
function keyLines(field: Field, value: string, layout: Layout, eol: string): string[] {
  const fl = layout.fields[field];
  const type = fl?.type ?? (field === 'version' ? 'QUOTE_SINGLE' : undefined);
  const rendered = renderScalar(value, KIND[field], type);
  const indent = ' '.repeat(layout.keyCol);
  if (fl?.valueCol !== undefined && fl.valueCol > layout.keyCol)
    return [`${indent}${field}:${fl.afterColon}${eol}`, `${' '.repeat(fl.valueCol)}${rendered}${eol}`];
  return [`${indent}${field}:${fl?.afterColon || ' '}${rendered}${eol}`];
}

/** Remove a pair: up to the next key when there is one (keeps a dash line intact), else its whole lines. */
function removal(text: string, entry: YAMLMap, pair: Pair): Splice {
  const start = (pair.key as Scalar).range?.[0] ?? 0;
  const idx = entry.items.indexOf(pair);
  const next = entry.items[idx + 1]?.key as Scalar | undefined;
  if (next?.range) return { start, end: next.range[0], text: '' };
  const end = afterLineEnd(text, pairEnd(pair));
  const from = text.slice(lineStart(text, start), start).trim() === '' ? lineStart(text, start) : start;
  return { start: from, end, text: '' };
}

function contentEnd(map: YAMLMap): number {
  return Math.max(...map.items.map(pairEnd));
}

function pairEnd(p: Pair): number {
  const v = p.value as { range?: [number, number, number] } | null;
  return v?.range?.[1] ?? (p.key as Scalar).range?.[1] ?? 0;
}

function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => scalarText(p.key) === key) as Pair | undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(node.value);
}
