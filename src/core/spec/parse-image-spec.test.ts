import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../errors.js';
import { parseImageSpec } from './parse-image-spec.js';

const bundled = (name: string) => readFileSync(new URL(`../../../data/standards/${name}.yaml`, import.meta.url), 'utf8');

function errorOf(fn: () => unknown): InputError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    if (e instanceof InputError) return [e];
    throw e;
  }
  throw new Error('expected an input error');
}

describe('parseImageSpec on the published specs', () => {
  it('reads scs-0104-v1-images-v5 with statuses, schemes and prefix lists', () => {
    const spec = parseImageSpec(bundled('scs-0104-v1-images-v5'), 'scs-0104-v1-images-v5');
    expect(spec.entries.map((e) => [e.slug, e.status])).toEqual([
      ['ubuntu-2404', 'mandatory'],
      ['debian-12', 'recommended'],
      ['capi-2', 'recommended'],
      ['ubuntu-2204', 'optional'],
      ['ubuntu-2004', 'optional'],
      ['debian-11', 'optional'],
      ['debian-10', 'optional'],
    ]);
    const capi = spec.entries[2]!;
    expect(capi.sources).toHaveLength(3);
    expect(capi.matcher?.matches('ubuntu-capi-image-v1.31.4')).toBe(true);
    expect(spec.entries[0]!.location.line).toBe(3);
  });

  it('reads scs-0104-v1-images (capi-1: space separator)', () => {
    const spec = parseImageSpec(bundled('scs-0104-v1-images'), 'scs-0104-v1-images');
    expect(spec.entries.find((e) => e.slug === 'capi-1')?.matcher?.matches('ubuntu-capi-image v1.30.1')).toBe(true);
    expect(spec.entries[0]).toMatchObject({ name: 'Ubuntu 22.04', status: 'mandatory' });
  });

  it('accepts a single string as source', () => {
    const spec = parseImageSpec('images:\n- name: X\n  source: https://a/\n', 'x.yaml');
    expect(spec.entries[0]!.sources).toEqual(['https://a/']);
  });
});

describe('parseImageSpec rejects bad specs with file, line and column', () => {
  it('not YAML', () => {
    const [e] = errorOf(() => parseImageSpec('images:\n  - name: "x\n', 'bad.yaml'));
    expect(e!.message).toMatch(/^bad\.yaml:\d+:\d+: invalid YAML/);
  });

  it('no images list', () => {
    const [e] = errorOf(() => parseImageSpec('imagez: []\n', 'f.yaml'));
    expect(e!.message).toContain("'images'");
    expect(errorOf(() => parseImageSpec('- a\n', 'f.yaml'))[0]!.message).toMatch(/^f\.yaml:1:1: not an image spec/);
  });

  it('unknown status names the line and the allowed values', () => {
    const text = 'images:\n- name: A\n  source: x\n  status: mandatroy\n';
    const [e] = errorOf(() => parseImageSpec(text, 's.yaml'));
    expect(e!.location).toMatchObject({ line: 4, column: 11, field: 'images[0].status' });
    expect(e!.message).toContain('mandatory, recommended, optional');
  });

  it('wrong types and missing keys', () => {
    const text = 'images:\n- name: 12\n  source: [1]\n- source: x\n';
    const errors = errorOf(() => parseImageSpec(text, 's.yaml'));
    const fields = errors.map((e) => e.location.field);
    expect(fields).toEqual(expect.arrayContaining(['images[0].name', 'images[0].source', 'images[1].name']));
    expect(errors.find((e) => e.location.field === 'images[1].name')!.message).toContain("'name' is required");
  });

  it('a name_scheme that does not compile', () => {
    const text = 'images:\n- name: A\n  name_scheme: "a(b"\n  source: x\n';
    const [e] = errorOf(() => parseImageSpec(text, 's.yaml'));
    expect(e!.location).toMatchObject({ line: 3, field: 'images[0].name_scheme' });
    expect(e!.message).toContain('invalid regular expression');
  });

  it('a Python-only name_scheme is rejected, not misread', () => {
    const text = 'images:\n- name: A\n  name_scheme: "(?=x)y"\n  source: x\n';
    expect(errorOf(() => parseImageSpec(text, 's.yaml'))[0]!.message).toContain('lookahead');
  });

  it('a misspelt key is an error; an unrelated unknown key a warning', () => {
    const typo = 'images:\n- name: A\n  source: x\n  statuss: mandatory\n';
    expect(errorOf(() => parseImageSpec(typo, 's.yaml'))[0]!.message).toContain("did you mean 'status'");
    const extra = parseImageSpec('images:\n- name: A\n  source: x\n  comment: hi\n', 's.yaml');
    expect(extra.warnings[0]).toMatch(/s\.yaml:4: unknown key 'comment'/);
  });

  it('duplicate entries and duplicate keys', () => {
    expect(errorOf(() => parseImageSpec('images:\n- {name: A, source: x}\n- {name: A, source: y}\n', 's.yaml'))[0]!.message).toContain('duplicates images[0]');
    expect(errorOf(() => parseImageSpec('images:\n- name: A\n  name: B\n  source: x\n', 's.yaml'))[0]!.message).toMatch(/s\.yaml:3:\d+: invalid YAML/);
  });

  it('reports every problem at once', () => {
    const text = 'images:\n- {name: A, source: x, status: bad}\n- {name: B}\n';
    expect(errorOf(() => parseImageSpec(text, 's.yaml'))).toHaveLength(2);
  });
});
