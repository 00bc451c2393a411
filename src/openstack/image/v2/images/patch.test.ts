import { describe, expect, it } from 'vitest';
import { validatePatch } from './patch.js';
import { GLANCE_CORE_KEYS } from './types.js';

describe('validatePatch', () => {
  it('accepts well-typed ops', () => {
    expect(() =>
      validatePatch([
        { op: 'replace', path: '/name', value: 'x' },
        { op: 'replace', path: '/tags', value: [] },
        { op: 'add', path: '/a~1b', value: 'v' },
        { op: 'remove', path: '/x' },
      ]),
    ).not.toThrow();
  });
  it.each([
    [{ op: 'add', path: '/hw_cpu_cores', value: 4 }, /must be a string/],
    [{ op: 'replace', path: '/min_disk', value: '8' }, /must be number/],
    [{ op: 'replace', path: '/os_hidden', value: 'true' }, /must be boolean/],
    [{ op: 'replace', path: '/tags', value: 'a' }, /must be string\[\]/],
    [{ op: 'add', path: '/tags/-', value: 'a' }, /nested patch path/],
    [{ op: 'replace', path: '/status', value: 'active' }, /read-only/],
    [{ op: 'add', path: '/os_glance_x', value: 'v' }, /reserved/],
    [{ op: 'remove', path: '/name' }, /cannot be removed/],
    [{ op: 'move', path: '/a', value: 'v' }, /unsupported patch op/],
    [{ op: 'add', path: 'name', value: 'v' }, /must be "\/name"/],
  ])('rejects %j', (op, msg) => {
    expect(() => validatePatch([op as never])).toThrow(msg);
  });
});

describe('GLANCE_CORE_KEYS (the declaration)', () => {
  it("names Glance's 25 own keys, nine of them writable (renamed wire fields must fail here)", () => {
    expect(Object.keys(GLANCE_CORE_KEYS)).toHaveLength(25);
    expect(Object.entries(GLANCE_CORE_KEYS).filter(([, type]) => type !== 'read-only')).toEqual([
      ['name', 'string'],
      ['visibility', 'string'],
      ['os_hidden', 'boolean'],
      ['min_disk', 'number'],
      ['min_ram', 'number'],
      ['disk_format', 'string'],
      ['container_format', 'string'],
      ['tags', 'string[]'],
      ['protected', 'boolean'],
    ]);
  });
});
