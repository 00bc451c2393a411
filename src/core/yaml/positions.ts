import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, InputErrors, type InputLocation } from '../errors.js';

export type PathSegment = string | number;

/** A parsed YAML document that can say where any value came from. */
export interface LocatedYaml {
  file: string;
  doc: Document.Parsed;
  value: unknown;
  /** Location of the node at `path` (or of its nearest existing parent). */
  locate(path: readonly PathSegment[]): InputLocation;
  /** Location of the key of the mapping entry at `path` (for unknown or misspelt keys). */
  locateKey(path: readonly PathSegment[]): InputLocation;
}

export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

/**
 * Parse YAML text with positions. Syntax errors (and duplicate keys, which YAML forbids but
 * many parsers silently merge) become InputErrors naming file, line and column.
 */
export function parseYamlWithPositions(text: string, file: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputErrors(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return new InputError({ file, line: pos.line, column: pos.col }, `invalid YAML: ${firstLine(e.message)}`);
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // alias expansion bombs and similar: refuse instead of exhausting memory
    throw new InputError({ file }, `invalid YAML: ${firstLine((e as Error).message)}`);
  }
  const locate = (path: readonly PathSegment[]): InputLocation => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { file, line, column: col, field: formatPath(path) || undefined };
      }
    }
    return { file, field: formatPath(path) || undefined };
  };
  const locateKey = (path: readonly PathSegment[]): InputLocation => {
    const parent = doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isMap(parent) && key !== undefined) {
      // compared as text: the path comes from the JS object, whose keys are strings even for `1:` or `true:`
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair && isNode(pair.key) && pair.key.range) {
        const { line, col } = lineCounter.linePos(pair.key.range[0]);
        return { file, line, column: col, field: formatPath(path) };
      }
    }
    return locate(path);
  };
  return { file, doc, value, locate, locateKey };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
