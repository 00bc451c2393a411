import { describe, expect, it } from 'vitest';
import { buildImage } from '../images/image-builder.test-util.js';
import { isAdvisory } from './advisory.js';
import { addCountingAdvisories, countingNotes, type CountingContext } from './counted-advisories.js';
import { differencesFor } from './differences.js';
import type { TestcaseResult } from './result.js';

const member: CountingContext = { projectId: 'mine', roles: ['member', 'reader'], allCommunity: false };

describe('countingNotes', () => {
  it('a server snapshot, by image_type or instance_uuid', () => {
    expect(countingNotes(buildImage({ name: 's', owner: 'mine', properties: { image_type: 'snapshot' } }), member)).toEqual([
      expect.stringMatching(/^advisory \(standard text\): Image 's' .* is a server snapshot \(image_type=snapshot\)/),
    ]);
    expect(countingNotes(buildImage({ name: 's', owner: 'mine', properties: { instance_uuid: 'u-1' } }), member)[0]).toMatch(/instance_uuid u-1/);
    expect(countingNotes(buildImage({ name: 'plain', owner: 'mine' }), member)).toEqual([]);
  });

  it("another project's community image, counted through --all-community", () => {
    const img = buildImage({ name: 'c', owner: 'theirs', visibility: 'community' });
    expect(countingNotes(img, { ...member, allCommunity: true })).toEqual([expect.stringMatching(/community image of another project \(theirs\)/)]);
    // public images of other projects are what everyone sees
    expect(countingNotes(buildImage({ name: 'p', owner: 'theirs' }), member)).toEqual([]);
  });

  it('an image only the admin or manager role makes visible', () => {
    const admin = { ...member, roles: ['admin', 'member'] };
    expect(countingNotes(buildImage({ name: 'x', owner: 'theirs', visibility: 'private' }), admin)).toEqual([
      expect.stringMatching(/^advisory \(official test\): .*visible only through the role admin of these credentials/),
    ]);
    expect(countingNotes(buildImage({ name: 'x', owner: 'theirs', visibility: 'community' }), { ...admin, roles: ['Manager'] })[0]).toMatch(/role Manager/);
    // offline (no project): nothing can be said about owners
    expect(countingNotes(buildImage({ name: 'x', owner: 'theirs', visibility: 'private' }), { roles: ['admin'], allCommunity: false })).toEqual([]);
  });
});

describe('addCountingAdvisories', () => {
  it('adds the notes to each testcase that looked at the image, as advisories that leave the verdict alone, explained by --explain', () => {
    const snap = buildImage({ name: 'Ubuntu 24.04', owner: 'mine', properties: { image_type: 'snapshot' } });
    const other = buildImage({ name: 'Debian 12', owner: 'mine' });
    const tc = (id: string, images: (typeof snap)[]): TestcaseResult => ({
      id,
      description: id,
      requirement: 'mandatory',
      verdict: 'PASS',
      findings: [],
      images: images.map((i) => ({ id: i.id, name: i.name })),
    });
    const out = addCountingAdvisories([tc('a', [snap]), tc('b', [other]), tc('c', [snap, other])], [snap, other], member);
    expect(out.map((t) => [t.id, t.verdict, t.findings.length])).toEqual([
      ['a', 'PASS', 1],
      ['b', 'PASS', 0],
      ['c', 'PASS', 1],
    ]);
    const finding = out[0]!.findings[0]!;
    expect(isAdvisory(finding)).toBe(true);
    expect(finding.image).toEqual({ id: snap.id, name: 'Ubuntu 24.04' });
    expect(differencesFor('a', [finding.message]).map((d) => d.id)).toEqual(['counted-snapshot']);
  });
});
