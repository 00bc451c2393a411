/**
 * What every YAML or JSON document this tool reads must satisfy before a parser sees it, checked
 * in one linear pass: no character that no YAML (1.2 printable set) or JSON document may hold (a
 * NUL byte means a binary file, not a spec), and flow collections nested at most MAX_NESTING
 * deep, so that no parser later recurses into a hostile document until the stack overflows.
 */

/** Deeper nesting than this is no real spec, definitions file or export. */
export const MAX_NESTING = 256;

export interface DocumentProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  problem: string;
}

const code = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first problem, or undefined. Quoted strings and comments are skipped for the nesting count
 * (a bracket inside a plain YAML scalar may count, which only matters for hundreds of unclosed ones).
 */
export function checkDocumentText(text: string): DocumentProblem | undefined {
  let depth = 0;
  let line = 1;
  const at = (i: number, problem: string): DocumentProblem => ({ line, column: i - text.lastIndexOf('\n', i), problem });
  const forbidden = (c: number): boolean => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffe || c === 0xffff;
  const bad = (i: number, c: number): DocumentProblem =>
    at(
      i,
      c === 0
        ? 'contains a NUL byte: a binary file, not a YAML or JSON document'
        : `contains the control character ${code(c)}, which no YAML or JSON document may hold`,
    );
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (forbidden(c)) return bad(i, c);
    else if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x0a) line++;
        else if (forbidden(d)) return bad(i, d);
      }
    } else if (c === 0x27 /* ' */ && i > 0 && /[\s[{,:]/.test(text[i - 1] as string)) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x27; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x0a) line++;
        else if (forbidden(d)) return bad(i, d);
      }
    } else if (c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) {
        i++;
        if (forbidden(text.charCodeAt(i))) return bad(i, text.charCodeAt(i));
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_NESTING) return at(i, `invalid YAML or JSON: nested more than ${MAX_NESTING} levels deep`);
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}
