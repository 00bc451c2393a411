import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './line-diff.js';

describe('unifiedDiff', () => {
  it('nothing for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'a/x', 'b/x')).toBe('');
  });

  it('the layout of GNU diff -u, three lines of context', () => {
    const before = `${['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n')}\n`;
    const after = before.replace('5\n', '5\nnew\n').replace('10\n', 'ten\n');
    expect(unifiedDiff(before, after, 'a/f.yml', 'b/f.yml')).toBe(
      ['--- a/f.yml', '+++ b/f.yml', '@@ -3,8 +3,9 @@', ' 3', ' 4', ' 5', '+new', ' 6', ' 7', ' 8', ' 9', '-10', '+ten', ''].join('\n'),
    );
  });

  it('separate hunks for distant changes; an insertion at the end', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const out = unifiedDiff(`${lines.join('\n')}\n`, `${['l1x', ...lines.slice(1), 'l21'].join('\n')}\n`, 'a', 'b');
    expect(out.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,4 +1,4 @@', '@@ -18,3 +18,4 @@']);
  });

  it('an insertion into an empty file', () => {
    expect(unifiedDiff('', 'x\n', 'a', 'b')).toBe('--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
  });
});

describe('diffLines', () => {
  it('keeps both texts: old = kept + removed, new = kept + added (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.kind !== '+').map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.kind !== '-').map((o) => o.line)).toEqual(b);
      }),
    );
  });

  it('is minimal for a single inserted line in a long file', () => {
    const a = Array.from({ length: 500 }, (_, i) => `line ${i}`);
    const b = [...a.slice(0, 250), 'inserted', ...a.slice(250)];
    expect(diffLines(a, b).filter((o) => o.kind !== ' ')).toEqual([{ kind: '+', line: 'inserted' }]);
  });
});
