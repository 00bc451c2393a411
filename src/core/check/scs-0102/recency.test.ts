import { describe, expect, it } from 'vitest';
import type { Image } from '../../images/image.js';
import { buildImage } from '../../images/image-builder.test-util.js';
import { advisoryReading, isAdvisory } from '../advisory.js';
import { toSeconds } from './dates.js';
import { goodImage, NOW, runOne } from './fixtures.test-util.js';
import { assessRecency, findReplacement } from './recency.js';

const RECENCY = 'scs-0102-image-recency';
const now = toSeconds(NOW); // 2026-03-01T12:00:00Z

/** A weekly image built on `built`, provided until 2029-04-30 unless overridden. */
function weekly(name: string, built: string, extra: Partial<Image> = {}, props: Record<string, unknown> = {}): Image {
  return goodImage({
    name,
    createdAt: `${built}T12:00:00Z`,
    ...extra,
    properties: { image_build_date: built, replace_frequency: 'weekly', provided_until: '2029-04-30', ...props },
  });
}
const fresh = (name: string) => weekly(name, '2026-02-27');
const stale = (name: string, extra: Partial<Image> = {}, props: Record<string, unknown> = {}) => weekly(name, '2026-01-08', extra, props);

const messages = (images: Image[], when = NOW) => runOne(RECENCY, images, { now: when }).findings.map((f) => `${f.level}: ${f.message}`);

describe('assessRecency (the official is_outdated)', () => {
  it.each<[string, Image, string, string?]>([
    ['fresh', fresh('Ubuntu 24.04'), 'current', 'in-time'],
    ['never replaced', stale('A', {}, { replace_frequency: 'never', image_build_date: '2001-01-01' }), 'current', 'not-replaced'],
    ['critical_bug', stale('A', {}, { replace_frequency: 'critical_bug', image_build_date: '2001-01-01' }), 'current', 'not-replaced'],
    ['no replace_frequency (defaults to never)', stale('A', {}, { replace_frequency: undefined }), 'current', 'not-replaced'],
    ['unknown frequency', stale('A', {}, { replace_frequency: 'hourly' }), 'current', 'unknown-frequency'],
    ['provided_until none', stale('A', {}, { provided_until: 'none' }), 'current', 'provided-until-none'],
    ['provided_until notice', stale('A', {}, { provided_until: 'notice' }), 'current', 'provided-until-notice'],
    ['provided_until in the past', stale('A', {}, { provided_until: '2026-02-28' }), 'current', 'past-provided-until'],
    ['provided_until missing', stale('A', {}, { provided_until: undefined }), 'missing-provided-until'],
    ['provided_until invalid', stale('A', {}, { provided_until: 'soon' }), 'invalid-provided-until'],
    ['provided_until 1970-01-01 (0 = invalid)', stale('A', {}, { provided_until: '1970-01-01' }), 'invalid-provided-until'],
    ['hidden', stale('Ubuntu 24.04', { hidden: true }), 'marked'],
    ['name … old', stale('Ubuntu 24.04 old'), 'marked'],
    ['name … prev', stale('Ubuntu 24.04 prev'), 'marked'],
    ['name … YYYYMMDD', stale('Ubuntu 24.04 20260108'), 'marked'],
    ['name … YYYY-MM-DD', stale('Ubuntu 24.04 2026-01-08'), 'marked'],
    ['name … unpadded date (strptime)', stale('Ubuntu 24.04 2026-1-8'), 'marked'],
    ['name … (YYYYMMDD)', stale('Ubuntu 24.04 (20260108)'), 'unmarked'],
    ['name … OLD (case-sensitive)', stale('Ubuntu 24.04 OLD'), 'unmarked'],
    ['name … 19700101 (0 = no date)', stale('Ubuntu 24.04 19700101'), 'unmarked'],
    ['name without a space', stale('Cirros'), 'unmarked'],
  ])('%s → %s', (_what, image, state, reason) => {
    const a = assessRecency(image, now);
    expect(a.state).toBe(state);
    if (reason) expect(a.reason).toBe(reason);
  });

  it('falls back to created_at when image_build_date is invalid, and to 1970 without either', () => {
    const a = assessRecency(stale('A', { createdAt: '2026-02-27T00:00:00Z' }, { image_build_date: 'yesterday' }), now);
    expect(a).toMatchObject({ state: 'current', builtFrom: 'created_at' });
    const b = assessRecency(stale('A', { createdAt: undefined }, { image_build_date: undefined }), now);
    expect(b).toMatchObject({ state: 'unmarked', builtFrom: 'none', built: 0 });
  });

  it('grace is 10 %, inclusive: monthly = 31 days × 1.1 after the build date', () => {
    const image = weekly('Cirros 0.6', '2026-01-01', {}, { replace_frequency: 'monthly' });
    const due = Date.parse('2026-01-01T00:00:00Z') + 1.1 * 31 * 86_400_000; // 2026-02-04T02:24:00Z
    expect(new Date(due).toISOString()).toBe('2026-02-04T02:24:00.000Z');
    expect(assessRecency(image, due / 1000).state).toBe('current');
    expect(assessRecency(image, (due + 1) / 1000).state).toBe('unmarked');
    expect(runOne(RECENCY, [image], { now: new Date(due) }).verdict).toBe('PASS');
    expect(runOne(RECENCY, [image], { now: new Date(due + 1) }).verdict).toBe('FAIL');
  });

  it('daily and weekly periods use 25-hour days', () => {
    const daily = weekly('A', '2026-03-01', {}, { replace_frequency: 'daily' });
    const built = Date.parse('2026-03-01T00:00:00Z');
    expect(assessRecency(daily, (built + 27.5 * 3_600_000) / 1000).state).toBe('current'); // 1.1 × 25 h
    expect(assessRecency(daily, (built + 27.5 * 3_600_000 + 1) / 1000).state).toBe('unmarked');
    const wk = weekly('A', '2026-03-01');
    expect(assessRecency(wk, (built + 192.5 * 3_600_000) / 1000).state).toBe('current'); // 1.1 × 7 × 25 h
    expect(assessRecency(wk, (built + 192.5 * 3_600_000 + 1) / 1000).state).toBe('unmarked');
  });

  it('past provided_until means no guarantee: an image exactly at provided_until is still provided', () => {
    const image = stale('A', {}, { provided_until: '2026-03-01 12:00' });
    expect(assessRecency(image, now).state).toBe('unmarked');
    expect(assessRecency(image, now + 0.001).state).toBe('current');
  });
});

describe('findReplacement', () => {
  const byName = (...images: Image[]) => new Map(images.map((i) => [i.name, i]));

  it('drops the last word and trailing whitespace', () => {
    const base = fresh('Debian 12');
    expect(findReplacement(byName(base), 'Debian 12 20250101', now).replacement).toBe(base);
    expect(findReplacement(byName(base), 'Debian 12  20250101', now).replacement).toBe(base);
    expect(findReplacement(byName(base), 'Debian 12 (20250101)', now).replacement).toBe(base);
  });

  it('explains why there is none', () => {
    // without a space nothing is dropped, and the official test does not look its own name up:
    // not even a current image of that very name counts
    expect(findReplacement(byName(), 'Cirros', now).problem).toContain('no last word to drop');
    expect(findReplacement(byName(fresh('Cirros')), 'Cirros', now).replacement).toBeUndefined();
    // trailing whitespace other than a space is stripped, so that name does differ from the looked-up one
    const base = fresh('Cirros');
    expect(findReplacement(byName(base), 'Cirros\t', now).replacement).toBe(base);
    expect(findReplacement(byName(), 'Debian 12 old', now).problem).toBe("there is no image named 'Debian 12'");
    expect(findReplacement(byName(stale('Debian 12')), 'Debian 12 old', now).problem).toContain('is not current itself (unmarked)');
  });
});

describe('scs-0102-image-recency', () => {
  it('a fresh image passes silently', () => {
    expect(runOne(RECENCY, [fresh('Ubuntu 24.04')])).toMatchObject({ verdict: 'PASS', findings: [] });
  });

  it('an outdated image with a date suffix and a current replacement passes, with a note', () => {
    const result = runOne(RECENCY, [fresh('Ubuntu 24.04'), stale('Ubuntu 24.04 20260108')]);
    expect(result.verdict).toBe('PASS');
    expect(result.findings).toMatchObject([{ level: 'info', message: expect.stringContaining("is a valid replacement for outdated 'Ubuntu 24.04 20260108'") }]);
  });

  it('an outdated image without replacement fails, naming the name it looked for', () => {
    const image = stale('Ubuntu 24.04 20260108');
    const result = runOne(RECENCY, [image]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings).toMatchObject([
      {
        level: 'error',
        image: { id: image.id, name: 'Ubuntu 24.04 20260108' },
        message: expect.stringMatching(
          /is outdated: built 2026-01-08T00:00:00Z \(image_build_date\), replace_frequency 'weekly', due for replacement by 2026-01-16T00:30:00Z \(1.1 × 7 × 25 h\) without replacement: there is no image named 'Ubuntu 24.04'/,
        ),
      },
    ]);
  });

  it('an outdated hidden image needs a replacement too, but is not warned about', () => {
    const hidden = stale('Ubuntu 24.04 build7', { hidden: true });
    expect(runOne(RECENCY, [fresh('Ubuntu 24.04'), hidden]).findings.map((f) => f.level)).toEqual(['info']);
    expect(runOne(RECENCY, [hidden]).verdict).toBe('FAIL');
  });

  it("'Name 20260108' is marked; 'Name (20260108)' is not (warning + advisory), both pass with a replacement", () => {
    expect(messages([fresh('Ubuntu 24.04'), stale('Ubuntu 24.04 20260108')])).toEqual([expect.stringMatching(/^info: .*valid replacement/)]);
    const oim = runOne(RECENCY, [fresh('Ubuntu 24.04'), stale('Ubuntu 24.04 (20260108)')]);
    expect(oim.verdict).toBe('PASS');
    expect(oim.findings.map((f) => `${f.level}: ${f.message}`)).toEqual([
      expect.stringMatching(/^warning: .*is outdated.*neither hidden nor marked by its name/),
      expect.stringMatching(/^info: advisory \(standard text\): .*'\(YYYYMMDD\)', the openstack-image-manager's rotation suffix/),
      expect.stringMatching(/^info: .*valid replacement/),
    ]);
  });

  it("missing provided_until on an outdated image: ABORT as the official test, with the standard's reading; FAIL with the strict reading", () => {
    const images = [fresh('Ubuntu 24.04'), stale('Ubuntu 24.04 20260108', {}, { provided_until: undefined })];
    const result = runOne(RECENCY, images);
    expect(result).toMatchObject({ verdict: 'ABORT', officialAbort: true });
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/has no provided_until property.*the official test aborts this testcase here .*inconclusive/),
      expect.stringMatching(/^advisory \(standard text\): .*has no provided_until property.*--strict-reading fails/),
    ]);
    expect(advisoryReading(result.findings[1]!)).toBe('standard');
    const strict = runOne(RECENCY, images, { strictReading: true });
    expect(strict.verdict).toBe('FAIL');
    expect(strict.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('has no provided_until property'),
      expect.stringMatching(/^advisory \(official test\): .*aborts this testcase here/),
    ]);
    expect(advisoryReading(strict.findings[1]!)).toBe('official');
  });

  it('missing provided_until on a current image does not matter', () => {
    expect(runOne(RECENCY, [weekly('A', '2026-02-27', {}, { provided_until: undefined })]).verdict).toBe('PASS');
  });

  it('provided_until in the past: no longer provided, so no replacement needed', () => {
    expect(runOne(RECENCY, [stale('Cirros', {}, { provided_until: '2026-02-01' })])).toMatchObject({ verdict: 'PASS', findings: [] });
  });

  it('invalid provided_until on an outdated image fails', () => {
    const result = runOne(RECENCY, [stale('Cirros', {}, { provided_until: 'until EOL' })]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings[0]!.message).toContain("its provided_until 'until EOL' is not a valid date");
  });

  it.each(['never', 'critical_bug'])('%s: never outdated', (freq) => {
    expect(runOne(RECENCY, [stale('Cirros', {}, { replace_frequency: freq, image_build_date: '2001-01-01' })])).toMatchObject({
      verdict: 'PASS',
      findings: [],
    });
  });

  it('notice: the official test exempts it; the standard text would not (advisory)', () => {
    const result = runOne(RECENCY, [stale('Cirros', {}, { provided_until: 'notice' })]);
    expect(result.verdict).toBe('PASS');
    expect(result.findings).toHaveLength(1);
    expect(isAdvisory(result.findings[0]!)).toBe(true);
    expect(result.findings[0]!.message).toContain('notice');
  });

  it('an unknown replace_frequency is a warning here (the property testcase fails it)', () => {
    const result = runOne(RECENCY, [stale('Cirros', {}, { replace_frequency: 'hourly' })]);
    expect(result.verdict).toBe('PASS');
    expect(result.findings).toMatchObject([{ level: 'warning', message: expect.stringContaining("replace_frequency 'hourly', which is unknown") }]);
  });

  it('a replacement that is itself outdated does not count', () => {
    const result = runOne(RECENCY, [stale('Ubuntu 24.04', { hidden: true }), stale('Ubuntu 24.04 old')]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringContaining("there is no image named 'Ubuntu'"),
      expect.stringContaining('is not current itself (marked)'),
    ]);
  });

  it('duplicate names: a warning, and the last one listed is the replacement candidate', () => {
    const result = runOne(RECENCY, [fresh('Ubuntu 24.04'), stale('Ubuntu 24.04 old'), stale('Ubuntu 24.04', { hidden: true })]);
    expect(result.findings[0]).toMatchObject({ level: 'warning', message: expect.stringContaining("duplicate names detected: 'Ubuntu 24.04'") });
    expect(result.verdict).toBe('FAIL');
    expect(result.findings.some((f) => f.message.includes("'Ubuntu 24.04 old'") && f.message.includes('is not current itself'))).toBe(true);
  });

  it('two public images sharing a name without a space: the current one does not replace the outdated one', () => {
    // the official test FAILs here (it never looks an image's own name up); a lookup by the whole
    // name found the current upload and passed
    const result = runOne(RECENCY, [stale('ubuntu-capi-image-v1.30.2'), fresh('ubuntu-capi-image-v1.30.2')]);
    expect(result.verdict).toBe('FAIL');
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringContaining("duplicate names detected: 'ubuntu-capi-image-v1.30.2'"),
      expect.stringContaining('neither hidden nor marked'),
      expect.stringContaining('no last word to drop'),
    ]);
    // in either order
    expect(runOne(RECENCY, [fresh('ubuntu-capi-image-v1.30.2'), stale('ubuntu-capi-image-v1.30.2')]).verdict).toBe('FAIL');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 7],
    ['0', 0],
    ['true', true],
  ])('an image_build_date that is %s ABORTs, whatever the frequency (the official strptime raises TypeError)', (_what, value) => {
    const image = fresh('Ubuntu 24.04');
    image.properties = { ...image.properties, image_build_date: value, replace_frequency: 'never' };
    expect(assessRecency(image, now).state).toBe('unreadable-date');
    const result = runOne(RECENCY, [image]);
    expect(result.verdict).toBe('ABORT');
    expect(result.findings).toMatchObject([
      { level: 'error', message: expect.stringMatching(/which is not text.*: the official test aborts this testcase here/) },
      { level: 'info', message: expect.stringContaining('advisory (standard text)') },
    ]);
    const strict = runOne(RECENCY, [image], { strictReading: true });
    expect(strict.verdict).toBe('FAIL');
    expect(strict.findings).toMatchObject([
      { level: 'error', property: 'image_build_date', message: expect.stringContaining('which is not text') },
      { level: 'info', message: expect.stringContaining('advisory (official test)') },
    ]);
  });

  it('a missing or empty image_build_date is no error here: created_at counts', () => {
    const image = fresh('Ubuntu 24.04');
    expect(assessRecency({ ...image, properties: { ...image.properties, image_build_date: '' } }, now)).toMatchObject({
      state: 'current',
      builtFrom: 'created_at',
    });
  });

  it('several images named null ABORT (the official duplicate-name warning cannot join None); FAIL with the strict reading', () => {
    const a = buildImage({ name: '', nameMissing: true, properties: { replace_frequency: 'never' } });
    const b = buildImage({ name: '', nameMissing: true, properties: { replace_frequency: 'never' } });
    expect(runOne(RECENCY, [a]).verdict).toBe('PASS');
    expect(runOne(RECENCY, [a, b]).verdict).toBe('ABORT');
    expect(runOne(RECENCY, [a, b], { strictReading: true }).verdict).toBe('FAIL');
  });

  it('an outdated image without a name ABORTs (the official test splits its name)', () => {
    const unnamed = stale('x');
    expect(runOne(RECENCY, [{ ...unnamed, name: '', nameMissing: true }])).toMatchObject({ verdict: 'ABORT', officialAbort: true });
  });

  it('an image without any custom property ABORTs as the official test does (it reads its properties); FAIL with the strict reading', () => {
    const result = runOne(RECENCY, [buildImage({ name: 'bare' })]);
    expect(result.verdict).toBe('ABORT');
    expect(result.findings[0]).toMatchObject({ level: 'error', message: expect.stringContaining('has no custom property at all: the official test aborts') });
    expect(runOne(RECENCY, [buildImage({ name: 'bare' })], { strictReading: true }).verdict).toBe('FAIL');
  });

  it('an image with only the attributes openstacksdk declares (os_distro, ...) counts as having no custom property', () => {
    const sdkOnly = buildImage({ name: 'sdk-only', properties: { os_distro: 'ubuntu', os_version: '24.04', architecture: 'x86_64' } });
    expect(runOne(RECENCY, [sdkOnly]).verdict).toBe('ABORT');
    const custom = buildImage({ name: 'custom', properties: { os_distro: 'ubuntu', replace_frequency: 'never' } });
    expect(runOne(RECENCY, [custom])).toMatchObject({ verdict: 'PASS', findings: [] });
  });

  it('uses the injected clock, not the machine clock', () => {
    const image = weekly('Cirros', '2020-01-01');
    expect(runOne(RECENCY, [image], { now: new Date('2020-01-02T00:00:00Z') }).verdict).toBe('PASS');
    expect(runOne(RECENCY, [image], { now: new Date('2020-03-01T00:00:00Z') }).verdict).toBe('FAIL');
  });
});
