/**
 * The doctor use case: over one or several clouds (the fleet engine, through onEachCloud as check
 * uses it), the facts of each (gather.ts) and the findings decided from them (core/doctor/rules.ts)
 * → a DoctorReport. A cloud that cannot be opened (unreachable, login refused) is that subject's
 * error; the others are examined all the same.
 */
import { doctorFindings } from '../../core/doctor/rules.js';
import type { DoctorReport, DoctorSubject } from '../../core/doctor/types.js';
import { VERSION } from '../../version.js';
import { onEachCloud, type CloudsSelection } from '../check/collect-subjects.js';
import { gatherFacts, type GatherOptions } from './gather.js';

export interface DoctorRequest extends Omit<GatherOptions, 'timeoutMs' | 'insecure'> {
  clouds: CloudsSelection;
}

export async function runDoctor(req: DoctorRequest): Promise<DoctorReport> {
  const { clouds, ...gather } = req;
  const outcomes = await onEachCloud(clouds, req.env, 'reach the cloud', (client) =>
    gatherFacts(client, { ...gather, timeoutMs: clouds.connection.timeoutMs, insecure: clouds.connection.insecure }),
  );
  const subjects = outcomes.map((o): DoctorSubject => {
    const base = { cloud: o.subject.name, ...(o.subject.region ? { region: o.subject.region } : {}) };
    if ('error' in o) return { ...base, findings: [], error: o.error };
    return { ...base, facts: o.value, findings: doctorFindings(o.value, req.now) };
  });
  return { formatVersion: '1.0', tool: { name: 'scs-images', version: VERSION }, checkedAt: req.now.toISOString(), subjects };
}
