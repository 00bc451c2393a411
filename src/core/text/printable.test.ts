import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableLines } from './printable.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('printable (the one sanitizer for text from elsewhere)', () => {
  it('leaves ordinary text, including non-ASCII letters, alone', () => {
    expect(printable('Ubuntu 24.04 – Grüße')).toBe('Ubuntu 24.04 – Grüße');
    expect(printableLines('Ubuntu 24.04 – Grüße\nzweite Zeile')).toBe('Ubuntu 24.04 – Grüße\nzweite Zeile');
  });

  it('escapes C0, DEL, C1 and bidi overrides', () => {
    expect(printable('\t\u007f\u009b')).toBe('\\x09\\x7f\\x9b');
    expect(printable('\u001b]0;title\u0007\u001b[2J')).toBe('\\x1b]0;title\\x07\\x1b[2J');
    expect(printable('abc\u202edef')).toBe('abc\\u202edef');
  });

  it('printableLines keeps newlines only: a carriage return could overwrite a line', () => {
    expect(printableLines('a\nb\r\nc\u001b[1A')).toBe('a\nb\\x0d\nc\\x1b[1A');
    expect(printable('a\nb')).toBe('a\\x0ab');
  });

  it('never leaves a control character, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = printable(s);
        expect(CONTROL.test(once)).toBe(false);
        expect(printable(once)).toBe(once);
        const lines = printableLines(s);
        expect(CONTROL.test(lines.replace(/\n/g, ''))).toBe(false);
        expect(printableLines(lines)).toBe(lines);
      }),
    );
  });
});
