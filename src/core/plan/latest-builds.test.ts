import { describe, expect, it } from 'vitest';
import { definition, NOW, PROJECT, syncedImage, TAG, version } from './fixtures.test-util.js';
import { latestVersions, pinLatest, withPinnedLatest } from './latest-builds.js';
import { planImages } from './plan-images.js';

const LM = 'Tue, 10 Feb 2026 08:00:00 GMT';
const sum = (c: string) => ({ algorithm: 'sha256' as const, hex: c.repeat(64) });
const latest = version('latest', { checksumsUrl: 'https://up.example/SHA256SUMS', url: 'https://up.example/img.qcow2', buildDate: '2024-01-01' });

describe('version: latest pinned to the upstream build', () => {
  it('label and image_build_date from Last-Modified, checksum and upstream_checksum from upstream', () => {
    const v = pinLatest(latest, { checksum: sum('b'), lastModified: LM });
    expect(v).toMatchObject({ version: '20260210', buildDate: '2026-02-10', checksum: sum('b'), meta: { upstream_checksum: 'b'.repeat(64) } });
    expect(pinLatest(latest, {})).toBe(latest);
    expect(pinLatest(latest, { checksum: sum('b'), lastModified: LM }, () => true).version).toBe('20260210-bbbbbbbb');
  });

  it('a new upstream build is a new version: imported, and the old build rotated out of the bare name', () => {
    const def = definition('Ubuntu 24.04', [], { versions: [latest] });
    expect(latestVersions([def])).toHaveLength(1);
    const first = withPinnedLatest([def], new Map([[latest, pinLatest(latest, { checksum: sum('a'), lastModified: 'Sat, 10 Jan 2026 00:00:00 GMT' })]]));
    const old = syncedImage(first[0]!, '20260110');
    expect(old.properties).toMatchObject({ internal_version: '20260110', image_build_date: '2026-01-10' });
    const plan = (defs: typeof first) => planImages({ definitions: defs, images: [old], now: NOW, ownerProjectId: PROJECT, cloud: { name: 't' }, tag: TAG });
    expect(plan(first).changes).toEqual([]);
    const second = withPinnedLatest([def], new Map([[latest, pinLatest(latest, { checksum: sum('b'), lastModified: LM })]]));
    expect(plan(second).changes.map((c) => `${c.action} ${c.name} @${c.version}`)).toEqual(['create Ubuntu 24.04 @20260210', 'hide Ubuntu 24.04 @20260110']);
    expect((plan(second).changes[1] as { after: { name?: string } }).after.name).toBe('Ubuntu 24.04 (20260110)');
  });
});
