import { describe, expect, it } from 'vitest';
import { ExitError } from './exit-codes.js';
import { fleetRunFrom, fleetSelectionFrom, hideWarning, policyFrom, type ManageOptions } from './manage-options.js';

// what commander hands over when no flag is given: boolean flags have no default (none is printed in the help)
const base: ManageOptions = { tag: 't', timeout: '30', color: true, concurrency: '4' };

describe('policyFrom', () => {
  it.each([
    [{}, { hide: 'os_hidden', deactivate: false, delete: false, prune: false }],
    [{ hide: false }, { hide: 'none' }],
    [{ hide: true }, { hide: 'os_hidden' }],
    [{ hideCommunity: true }, { hide: 'community' }],
    [
      { deactivate: true, prune: true },
      { deactivate: true, prune: true },
    ],
    [{ delete: true, yesIReallyKnowWhatIDo: true }, { delete: true }],
  ])('%j', (over, expected) => {
    expect(policyFrom({ ...base, ...over })).toMatchObject(expected);
  });

  it('refuses --delete without the confirmation, and --hide-community with --no-hide (exit 2)', () => {
    expect(() => policyFrom({ ...base, delete: true })).toThrow(/--yes-i-really-know-what-i-do/);
    expect(() => policyFrom({ ...base, hide: false, hideCommunity: true })).toThrow(ExitError);
  });
});

describe('hideWarning', () => {
  it("answers an explicit --hide with OIM's meaning, and nothing else", () => {
    expect(hideWarning({ hide: true })).toMatch(/os_hidden .*OIM's --hide .* is --hide-community here/);
    expect(hideWarning({})).toBeUndefined(); // the default is os_hidden too, but nobody typed --hide
    expect(hideWarning({ hide: false })).toBeUndefined();
    expect(hideWarning({ hide: true, hideCommunity: true })).toBeUndefined();
  });
});

describe('fleetSelectionFrom', () => {
  it('takes --cloud and --region repeated, and refuses --all-* with their lists', () => {
    expect(fleetSelectionFrom({ ...base, cloud: ['a', 'b'], region: ['r'] })).toEqual({
      clouds: ['a', 'b'],
      allClouds: false,
      regions: ['r'],
      allRegions: false,
    });
    expect(() => fleetSelectionFrom({ ...base, cloud: ['a'], allClouds: true })).toThrow(/--all-clouds excludes --cloud/);
    expect(() => fleetSelectionFrom({ ...base, region: ['r'], allRegions: true })).toThrow(/--all-regions excludes --region/);
    expect(fleetRunFrom({ ...base, concurrency: '3', failFast: true })).toEqual({ concurrency: 3, failFast: true });
    expect(() => fleetRunFrom({ ...base, concurrency: '0' })).toThrow(/--concurrency/);
  });
});
