import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { buildInventory } from './inventory.js';
import type { TestcaseResult } from './result.js';
import { DEFAULT_SELECTION, selectImages } from './select-images.js';

const tc = (id: string, images: { id: string; name: string }[], findingOn?: { id: string; name: string }): TestcaseResult => ({
  id,
  description: id,
  requirement: 'mandatory',
  verdict: findingOn ? 'FAIL' : 'PASS',
  findings: findingOn ? [{ level: 'error', message: 'x', image: findingOn }] : [],
  images,
});

describe('buildInventory', () => {
  const ubuntu = buildImage({
    id: 'u',
    name: 'Ubuntu 24.04',
    owner: 'p1',
    minDisk: 8,
    properties: { architecture: 'x86_64', image_source: 'https://x', extra: 'kept out', hotfix_hours: 0 },
  });
  const priv = buildImage({ id: 'p', name: 'mine', visibility: 'private' });
  const hidden = buildImage({ id: 'h', name: 'Ubuntu 24.04 old', hidden: true });
  const stray = buildImage({ id: 's', name: 'stray' });
  const listed = [ubuntu, priv, hidden, stray];
  const considered = selectImages(listed, DEFAULT_SELECTION);

  it('lists every listed image in order, with the properties the standards read and the testcases that looked at it', () => {
    const inv = buildInventory(listed, considered, DEFAULT_SELECTION, [tc('a', [ubuntu]), tc('b', [], ubuntu)]);
    expect(inv.map((e) => e.id)).toEqual(['u', 'p', 'h', 's']);
    expect(inv[0]).toEqual({
      id: 'u',
      name: 'Ubuntu 24.04',
      status: 'active',
      visibility: 'public',
      hidden: false,
      owner: 'p1',
      minDisk: 8,
      properties: { architecture: 'x86_64', image_source: 'https://x', hotfix_hours: '0' },
      testcases: ['a', 'b'],
    });
  });

  it('says why an image was not checked: its visibility, os_hidden, or no testcase matching it', () => {
    const inv = buildInventory(listed, considered, DEFAULT_SELECTION, [tc('a', [ubuntu])]);
    const why = Object.fromEntries(inv.map((e) => [e.id, e.excluded]));
    expect(why['u']).toBeUndefined();
    expect(why['p']).toMatch(/^visibility private is not checked \(checked: public, community; --visibility/);
    expect(why['h']).toMatch(/^hidden \(os_hidden\).*--include-hidden/);
    expect(why['s']).toMatch(/^checked by no testcase/);
  });
});
