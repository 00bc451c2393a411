import { describe, expect, it } from 'vitest';
import { CAPI_PRESENCE_SCHEME } from '../check/scs-0104-v2/capi.js';
import { RELEASES } from './fixtures.test-util.js';
import { mergeSelections } from './selection.js';
import { targetsFromSpec } from './spec-targets.js';
import { bundledSpec } from './fixtures.test-util.js';
import { targetsFromV2 } from './v2-targets.js';

const summary = (date: string, all = false) =>
  targetsFromV2(RELEASES, date, all).targets.map((t) => `${t.name}:${t.requirements.map((r) => r.status).join('+')}`);

describe("targetsFromV2: the draft's required and recommended images by date", () => {
  it.each([
    ['2026-11-28', ['Ubuntu 26.04:mandatory', 'Ubuntu 24.04:recommended', 'Debian 13:recommended', 'Debian 12:recommended']],
    // 26.04 is out on 2026-04-23 but required only from April 30
    ['2026-04-29', ['Ubuntu 24.04:mandatory', 'Ubuntu 22.04:recommended', 'Debian 13:recommended', 'Debian 12:recommended']],
    ['2026-04-30', ['Ubuntu 26.04:mandatory', 'Ubuntu 24.04:recommended', 'Debian 13:recommended', 'Debian 12:recommended']],
    // Debian 13 (2025-08-09) counts one month after its release
    ['2025-09-08', ['Ubuntu 24.04:mandatory', 'Ubuntu 22.04:recommended', 'Debian 12:recommended', 'Debian 11:recommended']],
    ['2025-09-09', ['Ubuntu 24.04:mandatory', 'Ubuntu 22.04:recommended', 'Debian 13:recommended', 'Debian 12:recommended']],
  ])('%s', (date, expected) => {
    expect(summary(date)).toEqual([...expected, 'ubuntu-capi-image:recommended']);
  });

  it('--all adds a release that is out but not yet due', () => {
    expect(summary('2026-04-25', true)).toContain('Ubuntu 26.04:optional');
    expect(summary('2026-04-25', false)).not.toContain('Ubuntu 26.04:optional');
  });

  it("uses the draft's vendor prefixes and CAPI scheme", () => {
    const sel = targetsFromV2(RELEASES, '2026-11-28', false);
    const ubuntu = sel.targets[0]!;
    expect(ubuntu.release).toMatchObject({ version: '26.04', codename: 'resolute', endOfStandardSupport: '2031-04-30' });
    expect(ubuntu.requirements[0]?.sources).toEqual(['https://cloud-images.ubuntu.com/releases/resolute/', 'https://cloud-images.ubuntu.com/resolute/']);
    expect(sel.targets.at(-1)?.requirements[0]?.matcher?.source).toBe(CAPI_PRESENCE_SCHEME);
  });

  it('notes stale release data', () => {
    expect(targetsFromV2(RELEASES, '2031-01-01', false).notes.join('\n')).toMatch(/may be outdated/);
  });
});

describe('mergeSelections', () => {
  it('one definition serves the v1 entry and the v2 rule of the same image', () => {
    const merged = mergeSelections([targetsFromSpec(bundledSpec('scs-0104-v1-images-v5'), RELEASES, false), targetsFromV2(RELEASES, '2026-11-28', false)]);
    const names = merged.targets.map((t) => t.name);
    expect(names).toEqual(['Ubuntu 24.04', 'Debian 12', 'ubuntu-capi-image', 'Ubuntu 26.04', 'Debian 13']);
    expect(merged.targets.find((t) => t.name === 'Ubuntu 24.04')?.requirements.map((r) => r.origin)).toEqual([
      'scs-0104-v1-images-v5',
      'scs-0104-v2 draft (2026-11-28)',
    ]);
  });

  it('an optional entry the other source writes anyway is served too', () => {
    // v1 (old spec): Debian 12 optional; v2 on 2026-11-28 recommends it
    const merged = mergeSelections([targetsFromSpec(bundledSpec('scs-0104-v1-images'), RELEASES, false), targetsFromV2(RELEASES, '2026-11-28', false)]);
    expect(merged.targets.find((t) => t.name === 'Debian 12')?.requirements.map((r) => r.status)).toEqual(['recommended', 'optional']);
    expect(merged.uncovered.map((u) => u.requirement.name)).not.toContain('Debian 12');
  });
});
