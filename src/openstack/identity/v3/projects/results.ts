/** Keystone project/domain JSON → model. */
import { OpenStackError } from '../../../errors.js';
import type { Domain, Project } from './types.js';

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function projectFromKeystone(raw: unknown): Project {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Obj;
  return { id: str(o['id']), name: str(o['name']), domainId: str(o['domain_id']), enabled: o['enabled'] !== false };
}

export function projectsFromBody(body: unknown): Project[] {
  const list = (body as Obj | undefined)?.['projects'];
  if (!Array.isArray(list)) throw new OpenStackError('project list response has no "projects" array');
  return list.map(projectFromKeystone);
}

export function domainsFromBody(body: unknown): Domain[] {
  const list = (body as Obj | undefined)?.['domains'];
  if (!Array.isArray(list)) throw new OpenStackError('domain list response has no "domains" array');
  return list.map((raw) => {
    const o = (raw && typeof raw === 'object' ? raw : {}) as Obj;
    return { id: str(o['id']), name: str(o['name']), enabled: o['enabled'] !== false };
  });
}
