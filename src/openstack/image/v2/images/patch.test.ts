import { describe, expect, it } from 'vitest';
import { pointer, removeProperty, replaceHidden, replaceMinDisk, replaceName, replaceTags, replaceVisibility, setProperty, validatePatch } from './patch.js';

describe('patch builders', () => {
  it('produce Glance JSON-patch ops', () => {
    expect([
      replaceName('n'),
      replaceTags(['a', 'b']),
      replaceVisibility('community'),
      replaceHidden(true),
      replaceMinDisk(8),
      setProperty('os_distro', 'debian'),
      removeProperty('image_source'),
    ]).toEqual([
      { op: 'replace', path: '/name', value: 'n' },
      { op: 'replace', path: '/tags', value: ['a', 'b'] },
      { op: 'replace', path: '/visibility', value: 'community' },
      { op: 'replace', path: '/os_hidden', value: true },
      { op: 'replace', path: '/min_disk', value: 8 },
      { op: 'add', path: '/os_distro', value: 'debian' },
      { op: 'remove', path: '/image_source' },
    ]);
  });

  it('escapes JSON pointers', () => {
    expect(pointer('a/b~c')).toBe('/a~1b~0c');
  });
});

describe('validatePatch', () => {
  it('accepts well-typed ops', () => {
    expect(() => validatePatch([replaceName('x'), replaceTags([]), setProperty('a/b', 'v'), removeProperty('x')])).not.toThrow();
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
