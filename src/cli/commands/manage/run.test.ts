import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../io.js';
import { oimCloud, oimPolicy } from './run.js';

function io(): CliIO & { err: string } {
  const out = { err: '' } as CliIO & { err: string };
  Object.assign(out, { stderr: { write: (s: string) => ((out.err += s), true) }, env: {} });
  return out;
}

describe("manage: OIM's flags → the plan's policy", () => {
  it('defaults as OIM: nothing hidden, nothing deleted, listed versions count for last-N', () => {
    expect(oimPolicy({}, io())).toEqual({ hide: 'none', deactivate: false, delete: false, prune: false, lifetime: 'listed-too', keepUnlisted: false });
  });
  it('--hide is community visibility, --use-os-hidden os_hidden (it wins, with a warning), --keep keeps unlisted versions', () => {
    expect(oimPolicy({ hide: true }, io()).hide).toBe('community');
    const both = io();
    expect(oimPolicy({ hide: true, useOsHidden: true, keep: true }, both)).toMatchObject({ hide: 'os_hidden', keepUnlisted: true });
    expect(both.err).toMatch(/--hide and --use-os-hidden/);
  });
  it('--delete needs its second switch; alone it deletes nothing and says so', () => {
    const alone = io();
    expect(oimPolicy({ delete: true }, alone).delete).toBe(false);
    expect(alone.err).toMatch(/deletes nothing \(as in OIM\)/);
    expect(oimPolicy({ delete: true, yesIReallyKnowWhatIDo: true }, io()).delete).toBe(true);
  });
  it("the cloud: --cloud, else the environment's, else OIM's default 'openstack'", () => {
    expect(oimCloud({ cloud: 'prod' }, { OS_CLOUD: 'x' })).toBe('prod');
    expect(oimCloud({}, {})).toBe('openstack');
    expect(oimCloud({}, { OS_CLOUD: 'x' })).toBeUndefined();
    expect(oimCloud({}, { OS_AUTH_URL: 'http://k' })).toBeUndefined();
  });
});
