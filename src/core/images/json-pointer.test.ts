import { describe, expect, it } from 'vitest';
import { pointer, unpointer } from './json-pointer.js';

describe('JSON pointers', () => {
  it('escapes ~ and / in a property name, and unpointer reverses it', () => {
    expect(pointer('a/b~c')).toBe('/a~1b~0c');
    expect(unpointer(pointer('a/b~c'))).toBe('a/b~c');
  });
});
