/** Keystone token response → TokenInfo. Tolerant of missing optional parts (unscoped tokens have no catalog). */
import { OpenStackError } from '../../../errors.js';
import type { CatalogEntry, NamedRef, TokenInfo } from './types.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function s(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function date(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function ref(v: unknown): NamedRef | undefined {
  const o = obj(v);
  const id = s(o?.['id']);
  if (!o || !id) return undefined;
  const out: NamedRef = { id };
  const name = s(o['name']);
  if (name !== undefined) out.name = name;
  const dom = obj(o['domain']);
  if (dom) {
    const d: { id?: string; name?: string } = {};
    const did = s(dom['id']);
    const dname = s(dom['name']);
    if (did !== undefined) d.id = did;
    if (dname !== undefined) d.name = dname;
    out.domain = d;
  }
  return out;
}

function catalogFromBody(raw: unknown): CatalogEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: CatalogEntry[] = [];
  for (const item of raw) {
    const e = obj(item);
    const type = s(e?.['type']);
    if (!e || !type) continue;
    const endpoints = (Array.isArray(e['endpoints']) ? e['endpoints'] : []).flatMap((ep) => {
      const o = obj(ep);
      const url = s(o?.['url']);
      if (!o || !url) return [];
      const region = s(o['region_id']) ?? s(o['region']);
      return [{ id: s(o['id']), interface: s(o['interface']) ?? 'public', url, ...(region !== undefined ? { region } : {}) }];
    });
    out.push({ type, name: s(e['name']), id: s(e['id']), endpoints });
  }
  return out;
}

/** Build TokenInfo from the X-Subject-Token header and the body `{"token": {...}}`. */
export function tokenFromResponse(subjectToken: string | null, body: unknown, url: string): TokenInfo {
  if (!subjectToken) throw new OpenStackError(`Keystone at ${url} issued no X-Subject-Token header`);
  const t = obj(obj(body)?.['token']);
  if (!t) throw new OpenStackError(`Keystone at ${url} answered without a "token" object`);
  const info: TokenInfo = {
    token: subjectToken,
    methods: Array.isArray(t['methods']) ? t['methods'].filter((m): m is string => typeof m === 'string') : [],
    roles: (Array.isArray(t['roles']) ? t['roles'] : []).flatMap((r) => {
      const o = obj(r);
      const id = s(o?.['id']);
      const name = s(o?.['name']);
      return id !== undefined && name !== undefined ? [{ id, name }] : [];
    }),
    catalog: catalogFromBody(t['catalog']),
  };
  const expiresAt = date(t['expires_at']);
  const issuedAt = date(t['issued_at']);
  const user = ref(t['user']);
  const project = ref(t['project']);
  const domain = ref(t['domain']);
  const system = obj(t['system']);
  if (expiresAt) info.expiresAt = expiresAt;
  if (issuedAt) info.issuedAt = issuedAt;
  if (user) info.user = user;
  if (project) info.project = project;
  if (domain) info.domain = domain;
  if (system) info.system = system;
  return info;
}
