import { describe, expect, it } from 'vitest';
import { checkDocumentText, MAX_NESTING } from './document-rules.js';

describe('checkDocumentText', () => {
  it('accepts ordinary YAML and JSON, tabs and CRLF included', () => {
    expect(checkDocumentText('images:\r\n- name: "Ubuntu 24.04"\t# a comment [ {\r\n  source: [a, {b: c}]\n')).toBeUndefined();
    expect(checkDocumentText(JSON.stringify({ images: [{ name: 'x [', n: 1 }] }))).toBeUndefined();
  });

  it('a NUL byte anywhere, also in a string or a comment, is a binary file', () => {
    for (const text of ['images:\n- name: a\u0000b\n', 'x: "a\u0000"\n', '# \u0000\n', "x: 'a\u0000'\n"]) {
      expect(checkDocumentText(text)?.problem, JSON.stringify(text)).toBe('contains a NUL byte: a binary file, not a YAML or JSON document');
    }
    expect(checkDocumentText('a: 1\nbb: x\u0000')).toMatchObject({ line: 2, column: 6 });
  });

  it('other control characters no YAML document may hold are named', () => {
    expect(checkDocumentText('a: \u001b[31m')?.problem).toBe('contains the control character U+001B, which no YAML or JSON document may hold');
    expect(checkDocumentText('a: \u007f')?.problem).toContain('U+007F');
  });

  it(`nesting deeper than ${MAX_NESTING} flow levels is refused at the bracket that goes too deep`, () => {
    const deep = '['.repeat(10_000);
    expect(checkDocumentText(`x: ${deep}`)).toEqual({
      line: 1,
      column: 4 + MAX_NESTING,
      problem: `invalid YAML or JSON: nested more than ${MAX_NESTING} levels deep`,
    });
    expect(checkDocumentText(`${'{"a":'.repeat(MAX_NESTING)}1${'}'.repeat(MAX_NESTING)}`)).toBeUndefined();
  });
});
