import { describe, expect, it } from 'vitest';
import { ExitError } from './exit-codes.js';
import { policyFrom, type ManageOptions } from './manage-options.js';

const base: ManageOptions = {
  tag: 't',
  hide: true,
  hideCommunity: false,
  deactivate: false,
  delete: false,
  yesIReallyKnowWhatIDo: false,
  prune: false,
  force: false,
  timeout: '30',
  insecure: false,
  color: true,
  debug: false,
};

describe('policyFrom', () => {
  it.each([
    [{}, { hide: 'os_hidden', deactivate: false, delete: false, prune: false }],
    [{ hide: false }, { hide: 'none' }],
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
