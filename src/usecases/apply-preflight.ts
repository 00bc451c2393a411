/**
 * apply's preflight: before the first change of a plan that has changes, the facts doctor would
 * read that the preflight's blockers need (core/doctor/preflight.ts), on the session's client and
 * without probing: the token's roles (already there, no request) and, only when the plan imports,
 * Glance's usage and limits (GET /v2/info/usage: one request). Decided by doctor's own rules.
 */
import { preflightDecision, planNeedsOf, type PreflightDecision } from '../core/doctor/preflight.js';
import { doctorFindings } from '../core/doctor/rules.js';
import type { DoctorFacts } from '../core/doctor/types.js';
import { loginFact } from './doctor/gather.js';
import type { PlanSession } from './plan.js';

export async function preflight(session: PlanSession, now: Date): Promise<PreflightDecision> {
  const { client } = session.cloud;
  const needs = planNeedsOf(session.plan.changes, new Set(session.plan.changes.map((c) => c.definition).filter((d) => d !== undefined)).size);
  const facts: DoctorFacts = {
    cloud: client.cloud,
    login: loginFact(client),
    endpoints: [],
    tls: [],
    glance: { versions: [], multiStore: false, errors: {} },
    clocks: {},
    runClockOffsetMs: 0,
    leases: [],
    plan: needs,
  };
  // without Keystone (auth_type none, admin_token) the token says nothing about roles
  if (!facts.login.authUrl) facts.login.roles = ['member'];
  if (needs.imports > 0 || needs.sizesUnknown > 0) {
    try {
      facts.glance.usage = (await client.image.getUsage()).value;
    } catch {
      // a Glance that does not say its usage is not refused on a guess; the import says the rest
    }
  }
  return preflightDecision(doctorFindings(facts, now));
}
