/**
 * openstacksdk's `magic_fixes`, applied to one merged cloud dict: old spellings → current ones,
 * auth options moved under `auth`, booleans parsed, `{region_name}` expanded in auth_url.
 */
import { isDict } from './merge.js';
import type { Dict } from './merge.js';

/** Options of the supported auth plugins; found at the top level they move under `auth`. */
const AUTH_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'user_domain_id',
  'user_domain_name',
  'project_id',
  'project_name',
  'project_domain_id',
  'project_domain_name',
  'domain_id',
  'domain_name',
  'default_domain_id',
  'default_domain_name',
  'system_scope',
  'trust_id',
  'token',
  'endpoint',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
] as const;

/** Target key ← accepted spellings, later ones win (so `project_id` beats `tenant_id`). */
const BACKWARDS_AUTH: Record<string, string[]> = {
  domain_id: ['domain_id'],
  domain_name: ['domain_name'],
  user_domain_id: ['user_domain_id'],
  user_domain_name: ['user_domain_name'],
  project_domain_id: ['project_domain_id'],
  project_domain_name: ['project_domain_name'],
  token: ['auth_token', 'token'],
  project_id: ['tenant_id', 'project_id'],
  project_name: ['tenant_name', 'project_name'],
};

/** `auth_plugin` → `auth_type`; with both in one dict, `auth_type` wins. */
export function fixAuthPlugin(d: Dict): Dict {
  if ('auth_plugin' in d) {
    if (!('auth_type' in d)) d['auth_type'] = d['auth_plugin'];
    delete d['auth_plugin'];
  }
  return d;
}

/** openstacksdk's get_boolean: true only for true / "true" (any case). */
function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return typeof v === 'string' && v.toLowerCase() === 'true';
}

function auth(cfg: Dict): Dict {
  if (!isDict(cfg['auth'])) cfg['auth'] = {};
  return cfg['auth'] as Dict;
}

function projectScoped(cfg: Dict): boolean {
  const a = auth(cfg);
  return ['project_id', 'project_name'].some((k) => k in cfg || k in a);
}

/** `{region_name}`-style placeholders from top-level scalar settings; unknown ones stay. */
function expand(template: string, cfg: Dict): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = cfg[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : whole;
  });
}

export function magicFixes(input: Dict): Dict {
  let cfg: Dict = { ...input, auth: { ...(isDict(input['auth']) ? input['auth'] : {}) } };

  // Per-service timeouts (`image_timeout`) collapse into api_timeout, as in openstacksdk.
  for (const key of Object.keys(cfg)) {
    if (key.endsWith('timeout') && key !== 'timeout' && key !== 'api_timeout') {
      cfg['api_timeout'] = cfg[key];
      delete cfg[key];
    }
  }
  fixAuthPlugin(cfg);

  // Old spellings into auth; a value outside auth wins (it may come from CLI/env overrides).
  const a = auth(cfg);
  for (const [target, spellings] of Object.entries(BACKWARDS_AUTH)) {
    let value: unknown;
    for (const key of spellings) {
      if (key in a) value = a[key];
      if (key in cfg) value = cfg[key];
      delete a[key];
      delete cfg[key];
    }
    if (value !== undefined && value !== null && value !== '') a[target] = String(value);
  }

  // `*endpoint_type` → `*interface` (image_endpoint_type → image_interface).
  cfg = Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k.endsWith('endpoint_type') ? k.replace(/endpoint_type$/, 'interface') : k, v]));

  // A single domain_* serves both user and project domain when the cloud is project-scoped;
  // otherwise it is the domain scope.
  const au = auth(cfg);
  for (const [target, copies] of [
    ['domain_id', ['user_domain_id', 'project_domain_id']],
    ['domain_name', ['user_domain_name', 'project_domain_name']],
  ] as const) {
    if (!projectScoped(cfg)) {
      if (target in cfg && !(target in au)) au[target] = cfg[target];
      delete cfg[target];
      continue;
    }
    for (const key of copies) if (target in au && !(key in au)) au[key] = au[target];
    delete cfg[target];
    delete au[target];
  }

  if ('insecure' in cfg) cfg['insecure'] = toBool(cfg['insecure']);
  if ('cache' in cfg) cfg['cache'] = toBool(cfg['cache']);

  // Remaining auth options at the top level move under auth; a value already in auth wins.
  for (const key of AUTH_KEYS) {
    if (key in cfg) {
      const v = cfg[key];
      delete cfg[key];
      if ((au[key] === undefined || au[key] === '') && v !== undefined && v !== null && v !== '') au[key] = v;
    }
  }

  if (typeof au['auth_url'] === 'string') au['auth_url'] = expand(au['auth_url'], cfg);
  return cfg;
}
