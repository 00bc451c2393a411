import { describe, expect, it } from 'vitest';
import { EndpointNotFoundError } from '../../errors.js';
import { endpointFor } from './catalog.js';
import type { CatalogEntry } from './tokens/types.js';

const CATALOG: CatalogEntry[] = [
  { type: 'identity', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://k:5000/v3' }] },
  {
    type: 'image',
    name: 'glance',
    endpoints: [
      { interface: 'internal', region: 'RegionOne', url: 'http://internal:9292' },
      { interface: 'public', region: 'RegionOne', url: 'https://one/image' },
      { interface: 'public', region: 'RegionTwo', url: 'https://two/image' },
    ],
  },
];

describe('endpointFor', () => {
  it('matches type, interface and region', () => {
    expect(endpointFor(CATALOG, { type: 'image', interface: 'public', region: 'RegionTwo' })).toBe('https://two/image');
    expect(endpointFor(CATALOG, { type: 'image', interface: 'internal', region: 'RegionOne' })).toBe('http://internal:9292');
  });

  it('defaults to public and the first region; accepts publicURL', () => {
    expect(endpointFor(CATALOG, { type: 'image' })).toBe('https://one/image');
    expect(endpointFor(CATALOG, { type: 'image', interface: 'publicURL', region: 'RegionTwo' })).toBe('https://two/image');
  });

  it('lists what exists when nothing matches', () => {
    const err = (() => {
      try {
        endpointFor(CATALOG, { type: 'image', interface: 'admin', region: 'RegionOne' });
      } catch (e) {
        return e as EndpointNotFoundError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(EndpointNotFoundError);
    expect(err.message).toBe(
      'no admin endpoint for service type image in region RegionOne; the catalog has: image internal RegionOne http://internal:9292, image public RegionOne https://one/image, image public RegionTwo https://two/image',
    );
    expect(() => endpointFor(CATALOG, { type: 'volumev3' })).toThrow(
      'no public endpoint for service type volumev3; the catalog has no such service (types: identity, image)',
    );
  });
});
