import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScope } from './parse-scope.js';
import { imageSpecName, selectScopeVersion } from './select-version.js';
import { versionsOn, type ScopeTimelineEntry } from './timeline.js';

const scopeText = readFileSync(new URL('../../../data/standards/scs-compatible-iaas.yaml', import.meta.url), 'utf8');

const scope = parseScope(scopeText, 'scs-compatible-iaas');
/** The default spec on a day: the one the newest stable version in effect names. */
const imageSpecOfNewestEffectiveVersion = (s: typeof scope, day: string) => imageSpecName(selectScopeVersion(s, { day, withRecommended: false }));

describe('scope timeline', () => {
  it('uses the newest entry on or before the day', () => {
    const t: ScopeTimelineEntry[] = [
      { date: '2025-01-01', versions: { a: 'effective' } },
      { date: '2026-01-01', versions: { b: 'effective' } },
    ];
    expect(versionsOn(t, '2025-06-01')).toEqual({ a: 'effective' });
    expect(versionsOn(t, '2026-01-01')).toEqual({ b: 'effective' });
    expect(versionsOn(t, '2024-01-01')).toEqual({});
  });
  it('the bundled scope makes the v5.1 spec (scs-0104-v1-images-v5) the default, also on the day v5.1 took effect', () => {
    expect(imageSpecOfNewestEffectiveVersion(scope, '2026-11-28')).toBe('scs-0104-v1-images-v5');
    expect(imageSpecOfNewestEffectiveVersion(scope, '2024-12-19')).toBe('scs-0104-v1-images-v5');
  });
});
