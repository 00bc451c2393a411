/**
 * `JSON.stringify(value, null, 2)` in pieces, so a report of a large catalogue (10,000 images are
 * a 10 MB document) is written as it is serialised instead of being built as one string first
 * and then copied into a buffer: the peak memory of `check -f json` then grows with the largest
 * single entry, not with the whole document. The text is byte for byte what JSON.stringify gives.
 *
 * Plain objects and arrays down to `depth` are walked here; anything below that, and anything
 * that is not plain (a `toJSON`, a class instance), is left to JSON.stringify and re-indented.
 */

/** Join the pieces into strings of about this many characters: few writes, small buffers. */
const BATCH = 64 * 1024;

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || !isPlainContainer(value)) {
    // JSON strings never hold a raw newline, so every newline here is indentation
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item = value[i];
      if (omitted(item)) yield 'null';
      else yield* pieces(item, inner, depth - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) return void (yield '{}');
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* pieces(v, inner, depth - 1);
  }
  yield `\n${indent}}`;
}

/** The document and a final newline, in strings of about 64 K characters. */
export function* jsonChunks(value: unknown, depth = 4): Generator<string> {
  let buf = '';
  for (const p of pieces(value, '', depth)) {
    buf += p;
    if (buf.length >= BATCH) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}
