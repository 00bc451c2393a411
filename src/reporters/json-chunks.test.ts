import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (v: unknown, depth?: number) => [...jsonChunks(v, depth)].join('');
const same = (v: unknown, depth?: number) => expect(joined(v, depth)).toBe(`${JSON.stringify(v, null, 2)}\n`);

describe('jsonChunks', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes', () => {
    same({});
    same([]);
    same(null);
    same('a "quoted"\nline');
    same({ a: 1, b: [1, 'x', null, { c: [] }], d: {}, e: { f: { g: { h: { i: [1, [2, [3]]] } } } } });
    same([undefined, () => 1, Symbol('s'), 2]); // null in arrays
    same({ gone: undefined, fn: () => 1, kept: 0, nested: { gone: undefined } }); // omitted in objects
    same({ only: undefined });
    same({ when: new Date(Date.UTC(2026, 11, 4)), big: { toJSON: () => ({ shaped: true }) } });
    same({ 'key "with" quotes': { ü: 'ü', emoji: '🙂' } });
    for (const depth of [0, 1, 2, 8]) same({ subjects: [{ inventory: [{ id: 'x', properties: { a: '1' } }] }] }, depth);
  });

  it('comes in pieces of about 64 K characters for a large document, never one string', () => {
    const inventory = Array.from({ length: 5000 }, (_, i) => ({
      id: `image-${i}`,
      name: `Ubuntu ${i}`,
      properties: { os_distro: 'ubuntu', image_source: 'https://cloud-images.ubuntu.com/noble/' },
    }));
    const doc = { formatVersion: '1', subjects: [{ inventory }] };
    const parts = [...jsonChunks(doc)];
    expect(parts.length).toBeGreaterThan(5);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(64 * 1024 + 2048);
    expect(parts.join('')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});
