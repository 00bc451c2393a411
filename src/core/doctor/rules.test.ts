import { describe, expect, it } from 'vitest';
import { doctorFindings, hasBlocker } from './rules.js';
import type { DoctorFacts, PlanNeeds } from './types.js';

const NOW = new Date('2026-12-08T10:00:00Z');

function facts(over: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    cloud: 'c',
    login: { system: false, roles: ['member', 'reader'], project: { id: 'p1', name: 'demo' }, expiresAt: '2026-12-08T11:00:00Z' },
    endpoints: [{ service: 'image', url: 'https://glance.example:9292', source: 'catalog', interface: 'public' }],
    tls: [],
    glance: { version: 'v2.16', versions: ['v2.16'], importMethods: ['glance-direct', 'web-download'], multiStore: false, usage: {}, errors: {} },
    clocks: {},
    runClockOffsetMs: 0,
    leases: [],
    ...over,
  };
}

const plan = (over: Partial<PlanNeeds> = {}): PlanNeeds => ({
  definitions: 1,
  imports: 2,
  urlImports: 2,
  fileImports: 0,
  bytesKnown: 3 * 1024 * 1024 * 1024,
  sizesUnknown: 0,
  largestBytes: 2 * 1024 * 1024 * 1024,
  visibilities: ['public'],
  ...over,
});

const ids = (f: DoctorFacts) => doctorFindings(f, NOW).map((x) => `${x.severity} ${x.id}`);

describe('doctorFindings', () => {
  it('a member on a cloud without limits: only the note that nothing is limited', () => {
    expect(ids(facts())).toEqual(['info usage.no-limits']);
    expect(hasBlocker(doctorFindings(facts(), NOW))).toBe(false);
  });

  it('login: no project scope blocks apply; admin or manager warns (the official pre-flight refuses them); reader only blocks', () => {
    expect(ids(facts({ login: { system: true, roles: ['admin'] } }))).toContain('blocker login.no-project-scope');
    expect(ids(facts({ login: { system: false, roles: ['manager', 'member'], project: { id: 'p' } } }))).toContain('warning login.elevated-role');
    expect(ids(facts({ login: { system: false, roles: ['reader'], project: { id: 'p' } } }))).toContain('blocker login.no-member-role');
  });

  it('import methods: missing web-download or glance-direct names enabled_import_methods', () => {
    const found = doctorFindings(facts({ glance: { ...facts().glance, importMethods: ['copy-image'] } }), NOW);
    expect(found.map((f) => f.id)).toEqual(expect.arrayContaining(['import-methods.web-download-missing', 'import-methods.glance-direct-missing']));
    expect(found.every((f) => f.severity !== 'blocker')).toBe(true);
    expect(found.find((f) => f.id === 'import-methods.web-download-missing')?.fix).toMatch(/enabled_import_methods in glance-api\.conf/);
  });

  it('a read-only default store blocks', () => {
    const glance = { ...facts().glance, multiStore: true, stores: [{ id: 'http', isDefault: true, readOnly: true }] };
    expect(ids(facts({ glance }))).toContain('blocker stores.default-read-only');
  });

  it('limits: the plan against image_size_total and image_count_total, naming the Keystone limit', () => {
    const usage = { image_size_total: { usage: 1000, limit: 3000 }, image_count_total: { usage: 9, limit: 10 } };
    const found = doctorFindings(facts({ glance: { ...facts().glance, usage }, plan: plan() }), NOW);
    const size = found.find((f) => f.id === 'plan.image-size-total');
    expect(size).toMatchObject({ severity: 'blocker', message: expect.stringMatching(/need 3072 MiB; image_size_total allows 2000 MiB more/) });
    expect(size?.fix).toMatch(/image_size_total in Keystone unified limits/);
    expect(found.find((f) => f.id === 'plan.image-count-total')?.severity).toBe('blocker');
    const roomy = { image_size_total: { usage: 0, limit: 100_000 } };
    expect(ids(facts({ glance: { ...facts().glance, usage: roomy }, plan: plan() }))).not.toContain('blocker plan.image-size-total');
  });

  it('an exhausted limit blocks even without definitions', () => {
    const usage = { image_count_total: { usage: 10, limit: 10 } };
    expect(ids(facts({ glance: { ...facts().glance, usage } }))).toContain('blocker usage.image_count_total.exhausted');
  });

  it('public images without admin: a warning by the default policy until --probe proves it', () => {
    expect(ids(facts({ plan: plan() }))).toContain('warning plan.publicize');
    const refused = facts({
      plan: plan(),
      probe: {
        steps: [
          { step: 'create', outcome: 'ok' },
          { step: 'publicize', outcome: 'refused', status: 403, detail: 'Forbidden' },
          { step: 'delete', outcome: 'ok' },
        ],
      },
    });
    const found = doctorFindings(refused, NOW);
    expect(found.find((f) => f.id === 'probe.publicize')).toMatchObject({ severity: 'blocker', fix: expect.stringMatching(/publicize_image/) });
  });

  it('the probe: a failed step nobody needs warns; no way to put data in blocks; a leftover is named', () => {
    const steps = [
      { step: 'create', outcome: 'ok' },
      { step: 'stage', outcome: 'refused', status: 403 },
      { step: 'import glance-direct', outcome: 'skipped' },
      { step: 'delete', outcome: 'failed', detail: 'timeout' },
    ] as const;
    const found = ids(facts({ probe: { steps: [...steps], leftover: 'img-1' } }));
    expect(found).toEqual(expect.arrayContaining(['warning probe.stage', 'blocker probe.no-way-in', 'blocker probe.delete', 'warning probe.leftover']));
  });

  it('clock skew beyond a minute warns, naming NTP, or --now when the run uses it', () => {
    const skewed = { skewMs: 600_000, uncertaintyMs: 600, serverDate: 'x' };
    const f = doctorFindings(facts({ clocks: { glance: skewed } }), NOW);
    expect(f.find((x) => x.id === 'clock.glance.skew')).toMatchObject({ severity: 'warning', fix: expect.stringMatching(/NTP/) });
    const byNow = doctorFindings(facts({ clocks: { glance: skewed }, runClockOffsetMs: -600_000 }), NOW);
    expect(byNow.find((x) => x.id === 'clock.glance.skew')?.fix).toMatch(/--now/);
    expect(ids(facts({ clocks: { glance: { skewMs: 1200, uncertaintyMs: 600, serverDate: 'x' } } }))).not.toContain('warning clock.glance.skew');
  });

  it('certificates: expired blocks, expiring within 30 days warns, untrusted warns naming cacert', () => {
    const tls = (validTo: string, verified = true) => [{ service: 'image', host: 'h', port: 443, validTo, verified }];
    expect(ids(facts({ tls: tls('2026-12-01T00:00:00Z') }))).toContain('blocker tls.image.expired');
    expect(ids(facts({ tls: tls('2026-12-20T00:00:00Z') }))).toContain('warning tls.image.expires-soon');
    expect(doctorFindings(facts({ tls: tls('2027-12-20T00:00:00Z', false) }), NOW).find((f) => f.id === 'tls.image.unverified')?.fix).toMatch(/cacert/);
  });

  it('leases: a held one warns, a stale one is reported as removed', () => {
    const lease = { id: 'l1', tag: 't', holder: 'scs-images on h, pid 1', host: 'h', state: 'held' as const, renewedAt: 'x', removed: false };
    expect(ids(facts({ leases: [lease] }))).toContain('warning lease.held');
    const stale = doctorFindings(facts({ leases: [{ ...lease, gone: 'process 1 on h no longer exists', removed: true }] }), NOW);
    expect(stale.find((f) => f.id === 'lease.stale')?.message).toMatch(/^removed the lease l1 .*no longer exists/);
  });
});
