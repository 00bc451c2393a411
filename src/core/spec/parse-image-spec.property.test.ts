import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError, InputErrors } from '../errors.js';
import { parseImageSpec } from './parse-image-spec.js';

const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0);
const prefix = fc.webUrl().map((u) => `${u.replace(/\/$/, '')}/`);
const entry = fc.record(
  {
    name,
    status: fc.constantFrom('mandatory', 'recommended', 'optional'),
    source: fc.oneof(prefix, fc.array(prefix, { minLength: 1, maxLength: 3 })),
    name_scheme: fc.constantFrom('ubuntu-capi-image-v[0-9]\\.[0-9]+', '[A-Z][a-z]+ \\d+', 'Debian (11|12)$'),
  },
  { requiredKeys: ['name', 'source'] },
);

describe('parseImageSpec, property-based', () => {
  it('any valid spec round-trips: every entry with its status (default optional), prefixes and scheme', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => `${e.name}|${e.name_scheme ?? ''}`, maxLength: 8 }), (entries) => {
        let spec;
        try {
          spec = parseImageSpec(stringify({ images: entries }), 'gen.yaml');
        } catch (e) {
          // two generated entries may map to the same testcase id suffix: a clear InputError, never a crash
          expect(e instanceof InputError || e instanceof InputErrors).toBe(true);
          expect(String((e as Error).message)).toMatch(/duplicates images\[\d+\]/);
          return;
        }
        expect(spec.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
        spec.entries.forEach((e, i) => {
          const g = entries[i]!;
          expect(e.status).toBe(g.status ?? 'optional');
          expect(e.sources).toEqual(typeof g.source === 'string' ? [g.source] : g.source);
          expect(e.nameScheme).toBe(g.name_scheme);
          expect(e.location.line).toBeGreaterThan(0);
        });
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('arbitrary text never crashes the parser: it parses or throws an InputError naming the file', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      entry.map((e) => stringify({ images: [e] }).replace(/:/g, fc.sample(fc.constantFrom(':', ': [', '- ', '&a', '*a'), 1)[0]!)),
    );
    fc.assert(
      fc.property(junk, (text) => {
        try {
          parseImageSpec(text, 'junk.yaml');
        } catch (e) {
          if (!(e instanceof InputError || e instanceof InputErrors)) throw e;
          expect((e as Error).message).toContain('junk.yaml');
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
