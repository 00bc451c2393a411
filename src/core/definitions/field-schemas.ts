/**
 * zod building blocks for the definitions schema: whether a key must be there, and the scalar
 * types OIM's schema (yamale) uses. Each field arrives as Written (written-value.ts), so a check
 * can tell `yes` from `'yes'` and `8` from `8.0`, and quote the spelling in its message.
 */
import { z } from 'zod';
import { clip, describeValue } from './describe-value.js';
import type { FieldIssueParams } from './findings.js';
import { closest } from './key-suggestions.js';
import { bad, ok, type Checked } from './value-checks/checked.js';
import type { Written } from './written-value.js';

type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string, params?: FieldIssueParams): never {
  ctx.addIssue({ code: 'custom', message, ...(params ? { params } : {}) });
  return z.NEVER;
}

/** A field schema from a check of the present value. */
export function fieldValue<T>(check: (w: Written) => Checked<T>) {
  return z.custom<Written>().transform((w, ctx): T => {
    const r = check(w);
    return r.ok ? r.value : fail(ctx, r.problem);
  });
}

const requirePresent = z.custom<Written | undefined>().transform((w, ctx): Written => {
  if (w === undefined) return fail(ctx, 'required key is missing', { missing: true });
  // yamale lets optional keys be null (treated as absent); a required key needs a value
  if (w.value === null) return fail(ctx, 'has no value', { at: 'key' });
  return w;
});

/** A key the definition must have, with a value. */
export function required<T>(schema: z.ZodType<T, Written>) {
  return requirePresent.pipe(schema);
}

/** A key that may be left out or written without a value (both mean absent). */
export function optional<T>(schema: z.ZodType<T, Written>) {
  return z.preprocess((w: Written | undefined) => (w === undefined || w.value === null ? undefined : w), schema.optional());
}

// -----------------------------------------------------------------------------------------------
// scalar types

/** `; quote it: '24.04'` for a number or boolean where a string is expected. */
function quoteHint(w: Written): string {
  const v = w.value;
  if (typeof v === 'number' || typeof v === 'boolean') return `; quote it: '${w.source ?? String(v)}'`;
  return '';
}

export function asText(w: Written, opts: { nonEmpty?: boolean } = {}): Checked<string> {
  const v = w.value;
  if (typeof v !== 'string') return bad(`expected a string, got ${describeValue(v, w.source)}${quoteHint(w)}`);
  if (opts.nonEmpty && v.trim() === '') return bad('must not be empty');
  return ok(v);
}

export const text = (opts: { nonEmpty?: boolean } = {}) => fieldValue((w) => asText(w, opts));

/** PyYAML (YAML 1.1) reads these plain scalars as booleans; YAML 1.2 as strings. */
const YAML11_BOOL: Readonly<Record<string, boolean>> = Object.fromEntries(
  [
    ['yes', true],
    ['no', false],
    ['on', true],
    ['off', false],
  ].flatMap(([w, b]) => {
    const s = w as string;
    return [s, s[0]!.toUpperCase() + s.slice(1), s.toUpperCase()].map((form) => [form, b as boolean]);
  }),
);

function asBoolean(w: Written): Checked<boolean> {
  const v = w.value;
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'string' && v in YAML11_BOOL && w.plain) return ok(YAML11_BOOL[v] as boolean);
  return bad(`expected true or false, got ${describeValue(v, w.source)}`);
}

/** A boolean, also written the YAML 1.1 way (`yes`, `off`), as PyYAML and so OIM read it. */
export const yamlBoolean = fieldValue(asBoolean);

function asWholeNumber(w: Written): Checked<number> {
  const v = w.value;
  const src = w.source;
  // `8.0` and `1e3` are JS integers but not written as one
  const integral = typeof v === 'number' && Number.isSafeInteger(v) && (src === undefined || /^[-+]?(\d+|0x[0-9a-f]+|0o[0-7]+)$/i.test(src));
  if (!integral) {
    const hint = typeof v === 'string' && /^\d+$/.test(v.trim()) ? `; write it without quotes: ${v.trim()}` : '';
    return bad(`expected a whole number ≥ 0, got ${describeValue(v, src)}${hint}`);
  }
  if ((v as number) < 0) return bad(`must be ≥ 0, got ${v as number}`);
  return ok(v as number);
}

/** A whole number ≥ 0 (yamale `int(min=0)`), written as one. */
export const wholeNumber = fieldValue(asWholeNumber);

/** `'qcow3' is not one of …, qcow2, … (did you mean 'qcow2'?)`; a different case counts as near. */
export function enumProblem(v: unknown, values: readonly string[], source?: string): string {
  const near = typeof v === 'string' ? (values.find((x) => x.toLowerCase() === v.toLowerCase()) ?? closest(v, values)) : undefined;
  const shown = typeof v === 'string' ? `'${clip(v, 40)}'` : describeValue(v, source);
  return `${shown} is not one of ${values.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}`;
}

/** One of a fixed list of strings (yamale `enum`). */
export function oneOf<T extends string>(values: readonly T[]) {
  return fieldValue((w): Checked<T> => {
    const v = w.value;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return ok(v as T);
    return bad(enumProblem(v, values, w.source));
  });
}

/** A value check that needs only the value (URLs, dates, checksums, ids). */
export function checked<T>(check: (v: unknown) => Checked<T>) {
  return fieldValue((w) => check(w.value));
}

/** Tags: the distinct tags, and the items that repeat an earlier one (warned about, not errors). */
export interface TagList {
  tags: string[];
  repeated: { index: number; tag: string }[];
}

/** Glance tags: non-empty strings of at most 255 characters; `tags: []` for none. */
export const tagList = z.custom<Written>().transform((w, ctx): TagList => {
  if (!Array.isArray(w.value)) return fail(ctx, `expected a list of strings (tags: [] for none), got ${describeValue(w.value, w.source)}`);
  const list: TagList = { tags: [], repeated: [] };
  let valid = true;
  w.value.forEach((_, i) => {
    const tag = asTag(w.item(i));
    if (!tag.ok) {
      ctx.addIssue({ code: 'custom', message: tag.problem, path: [i] });
      valid = false;
    } else if (list.tags.includes(tag.value)) list.repeated.push({ index: i, tag: tag.value });
    else list.tags.push(tag.value);
  });
  return valid ? list : z.NEVER;
});

function asTag(item: Written): Checked<string> {
  const t = item.value;
  if (typeof t !== 'string') return bad(`expected a string, got ${describeValue(t, item.source)}${quoteHint(item)}`);
  if (t.trim() === '') return bad('a tag must not be empty');
  if (t.length > 255) return bad('a tag must be at most 255 characters');
  return ok(t);
}
