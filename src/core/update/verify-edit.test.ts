import { describe, expect, it } from 'vitest';
import { definitionFixture } from './fixtures.test-util.js';
import { EditError, type UpstreamBuild } from './types.js';
import { verifyEdit } from './verify-edit.js';
import { applyVersionChange } from './yaml-edit.js';

const BUILD: UpstreamBuild = {
  version: '20991231',
  url: 'https://e.org/x.img',
  checksum: { algorithm: 'sha256', hex: 'e'.repeat(64) },
  buildDate: '2099-12-31',
};
const before = definitionFixture('rockylinux.yml');
const after = applyVersionChange(before, 'Rocky 9', { kind: 'append', build: BUILD });

describe('verifyEdit: a second opinion before writing', () => {
  it('passes a correct edit', () => {
    expect(() => verifyEdit(before, after, 'r.yml', 'Rocky 9', BUILD)).not.toThrow();
  });
  it('refuses an edit that changed another definition', () => {
    expect(() => verifyEdit(before, after.replace('min_ram: 512', 'min_ram: 1024'), 'r.yml', 'Rocky 9', BUILD)).toThrow(/changed more than the versions list/);
  });
  it('refuses an edit that does not list the build as written', () => {
    expect(() => verifyEdit(before, after, 'r.yml', 'Rocky 9', { ...BUILD, url: 'https://e.org/other.img' })).toThrow(EditError);
    expect(() => verifyEdit(before, before, 'r.yml', 'Rocky 9', BUILD)).toThrow(/does not list version 20991231/);
  });
  it('refuses a file that would not validate', () => {
    expect(() => verifyEdit(before, after.replace("version: '20991231'", "version: '20251123'"), 'r.yml', 'Rocky 9', BUILD)).toThrow(
      /would not validate: r\.yml:\d+:\d+/,
    );
  });
});
