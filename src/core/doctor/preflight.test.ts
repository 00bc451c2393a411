import { describe, expect, it } from 'vitest';
import type { Change } from '../plan/types.js';
import { planNeedsOf, preflightDecision } from './preflight.js';
import { doctorFindings } from './rules.js';
import type { DoctorFacts, DoctorFinding } from './types.js';

const NOW = new Date('2026-12-08T10:00:00Z');

/** The facts the preflight gathers: the login, the plan's needs, the usage (when it imports). */
function facts(roles: string[], usage: Record<string, { usage: number; limit: number }> | undefined, imports: number, deletes = 0): DoctorFacts {
  const changes = [
    ...Array.from({ length: imports }, (_, i) => ({ action: 'create', source: { kind: 'url' }, finalize: { visibility: 'public' }, key: `c${i}` })),
    ...Array.from({ length: deletes }, (_, i) => ({ action: 'delete', key: `d${i}`, before: {} })),
  ] as unknown as Change[];
  return {
    cloud: 'c',
    login: { system: false, roles, project: { id: 'p1' }, authUrl: 'https://keystone' },
    endpoints: [],
    tls: [],
    glance: { versions: [], multiStore: false, errors: {}, ...(usage ? { usage } : {}) },
    clocks: {},
    runClockOffsetMs: 0,
    leases: [],
    plan: planNeedsOf(changes, 1),
  };
}
const decide = (f: DoctorFacts) => preflightDecision(doctorFindings(f, NOW));
const ids = (fs: DoctorFinding[]) => fs.map((f) => f.id);

describe('preflightDecision: which of doctor findings stop an apply', () => {
  it('an admin on a cloud without unified limits (the local cloud): nothing blocks, nothing is said', () => {
    expect(decide(facts(['admin', 'member', 'reader'], {}, 3))).toEqual({ blockers: [], warnings: [] });
  });

  it('a plan that creates more images than image_count_total leaves room for blocks, with the limit to raise', () => {
    const d = decide(facts(['member'], { image_count_total: { usage: 4, limit: 5 } }, 2));
    expect(ids(d.blockers)).toEqual(['plan.image-count-total']);
    expect(d.blockers[0]!.fix).toMatch(/image_count_total/);
  });

  it('the images the plan deletes count as room (a leftover delete runs before the imports): no false stop', () => {
    expect(ids(decide(facts(['admin'], { image_count_total: { usage: 4, limit: 5 } }, 2, 1)).blockers)).toEqual([]);
  });

  it('image_size_total over its limit blocks an import; exactly at it is only a warning (Glance admits one more upload)', () => {
    expect(ids(decide(facts(['admin'], { image_size_total: { usage: 11, limit: 10 } }, 1)).blockers)).toEqual(['plan.image-size-total']);
    const at = decide(facts(['admin'], { image_size_total: { usage: 10, limit: 10 } }, 1));
    expect(at.blockers).toEqual([]);
    expect(ids(at.warnings)).toEqual(['usage.image_size_total.exhausted']);
    expect(at.warnings[0]!.severity).toBe('warning');
  });

  it('role guesses from the default policy never stop a run: no member role and public without admin are warnings', () => {
    const d = decide(facts(['_member_'], {}, 1));
    expect(d.blockers).toEqual([]);
    expect(ids(d.warnings)).toEqual(['login.no-member-role', 'plan.publicize']);
  });

  it('findings about check, not apply, are not said (admin credentials)', () => {
    expect(ids(decide(facts(['admin'], undefined, 1)).warnings)).toEqual([]);
  });

  it('any other blocker doctor reports is a warning here, only the precise ones stop', () => {
    const d = preflightDecision([
      { id: 'stores.default-read-only', severity: 'blocker', message: 'm' },
      { id: 'plan.image-count-total', severity: 'blocker', message: 'm' },
      { id: 'usage.no-limits', severity: 'info', message: 'm' },
      { id: 'plan.summary', severity: 'ok', message: 'm' },
    ]);
    expect(ids(d.blockers)).toEqual(['plan.image-count-total']);
    expect(d.warnings).toEqual([{ id: 'stores.default-read-only', severity: 'warning', message: 'm' }]);
  });
});
