import { describe, expect, it } from 'vitest';
import { EditError } from './types.js';
import { applySplices, renderScalar } from './yaml-text.js';

describe('renderScalar keeps the style of the scalar it replaces', () => {
  it('quoted stays quoted the same way', () => {
    expect(renderScalar('20261120', 'string', 'QUOTE_SINGLE')).toBe("'20261120'");
    expect(renderScalar("it's", 'string', 'QUOTE_SINGLE')).toBe("'it''s'");
    expect(renderScalar('20261120', 'string', 'QUOTE_DOUBLE')).toBe('"20261120"');
  });
  it('plain stays plain only when it reads back as the same string in YAML 1.2 and 1.1', () => {
    expect(renderScalar('https://e.org/a b#c', 'string', 'PLAIN')).toBe('https://e.org/a b#c');
    expect(renderScalar(`sha256:${'a'.repeat(64)}`, 'string', 'PLAIN')).toBe(`sha256:${'a'.repeat(64)}`);
    expect(renderScalar('20261120', 'string', 'PLAIN')).toBe("'20261120'");
    expect(renderScalar('yes', 'string', 'PLAIN')).toBe("'yes'"); // a boolean for PyYAML
    expect(renderScalar('a #b', 'string', 'PLAIN')).toBe("'a #b'");
    expect(renderScalar('2026-11-20', 'date', 'PLAIN')).toBe('2026-11-20');
  });
  it('block scalars are refused', () => {
    expect(() => renderScalar('x', 'string', 'BLOCK_LITERAL')).toThrow(EditError);
  });
});

describe('applySplices', () => {
  it('applies in any order given; refuses overlaps', () => {
    expect(
      applySplices('abcdef', [
        { start: 0, end: 1, text: 'A' },
        { start: 4, end: 6, text: 'EF!' },
        { start: 6, end: 6, text: '?' },
      ]),
    ).toBe('AbcdEF!?');
    expect(() =>
      applySplices('abcdef', [
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toThrow(EditError);
  });
});
