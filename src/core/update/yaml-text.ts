/**
 * Text-level helpers for editing YAML in place: rendering one scalar in the style of the one it
 * replaces, and line/column arithmetic on the source. Pure string work.
 */
import { parse, type Scalar } from 'yaml';
import { EditError } from './types.js';

export type ScalarKind = 'string' | 'date';

/**
 * `value` written the way `type` was: a quoted scalar stays quoted the same way; a plain one
 * stays plain only if it reads back as the same string under YAML 1.2 and 1.1 (PyYAML, hence
 * OIM, reads 1.1). A version label such as 20261120 therefore gets quotes, a URL does not.
 * Dates stay plain when they were plain: both OIM and this tool read `2026-11-20` as that date.
 */
export function renderScalar(value: string, kind: ScalarKind, type: Scalar.Type | undefined): string {
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return singleQuoted(value);
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') throw new EditError('a block scalar (| or >) cannot be edited in place');
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return plainSafe(value) ? value : singleQuoted(value);
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function plainSafe(value: string): boolean {
  if (value === '' || /[\r\n]/.test(value) || value !== value.trim()) return false;
  try {
    return parse(value, { version: '1.2' }) === value && parse(value, { version: '1.1' }) === value;
  } catch {
    return false;
  }
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line holding `offset` (text length on the last line). */
export function afterLineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping splices (any order given); later ones first so offsets stay valid. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const s of sorted) {
    if (s.end > floor) throw new EditError('internal: overlapping edits');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    floor = s.start;
  }
  return out;
}
