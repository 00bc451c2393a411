import { describe, expect, it } from 'vitest';
import { LIST_QUERY_PARAMS } from './types.js';
import { actionURL, fileURL, imageURL, importInfoURL, importURL, listQuery, listURL, stageURL } from './urls.js';

const ROOT = 'https://h/image';

describe('image URLs', () => {
  it('builds resource URLs under /v2 and escapes ids', () => {
    expect(imageURL(ROOT, 'abc')).toBe('https://h/image/v2/images/abc');
    expect(imageURL(ROOT, 'a/b c')).toBe('https://h/image/v2/images/a%2Fb%20c');
    expect(fileURL(ROOT, 'x')).toBe('https://h/image/v2/images/x/file');
    expect(stageURL(ROOT, 'x')).toBe('https://h/image/v2/images/x/stage');
    expect(importURL(ROOT, 'x')).toBe('https://h/image/v2/images/x/import');
    expect(actionURL(ROOT, 'x', 'deactivate')).toBe('https://h/image/v2/images/x/actions/deactivate');
    expect(importInfoURL(ROOT)).toBe('https://h/image/v2/info/import');
  });

  it('declares the list query names (renamed wire fields must fail here)', () => {
    expect(LIST_QUERY_PARAMS).toEqual({
      limit: 'limit',
      marker: 'marker',
      name: 'name',
      visibility: 'visibility',
      memberStatus: 'member_status',
      status: 'status',
      owner: 'owner',
      tags: 'tag',
      hidden: 'os_hidden',
      sort: 'sort',
      sortKey: 'sort_key',
      sortDir: 'sort_dir',
      sizeMin: 'size_min',
      sizeMax: 'size_max',
      createdAt: 'created_at',
    });
  });

  it('defaults to limit=1000', () => {
    expect(listURL(ROOT)).toBe('https://h/image/v2/images?limit=1000');
  });

  it('encodes every filter, repeating tags', () => {
    const q = listQuery({
      limit: 50,
      marker: 'm',
      name: 'in:a,b',
      visibility: 'all',
      memberStatus: 'pending',
      status: 'active',
      owner: 'p1',
      tags: ['a', 'b c'],
      hidden: false,
      sort: 'name:asc',
      sizeMin: 1,
      properties: { os_distro: 'ubuntu', hw_disk_bus: 'scsi' },
    });
    expect(q).toBe(
      'limit=50&marker=m&name=in%3Aa%2Cb&visibility=all&member_status=pending&status=active&owner=p1&tag=a&tag=b+c&os_hidden=false&sort=name%3Aasc&size_min=1&os_distro=ubuntu&hw_disk_bus=scsi',
    );
  });

  it('rejects a property filter that shadows a named option', () => {
    expect(() => listQuery({ properties: { os_hidden: 'true' } })).toThrow(/collides/);
  });
});
