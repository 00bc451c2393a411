/**
 * clouds.yaml `auth` dict + `auth_type` → TokenRequest.
 *
 * Kept apart from the HTTP call so every combination (user id vs name+domain, project vs domain
 * vs system scope, application credential by id or by name+user) is tested as pure data.
 * Errors name the missing key, never a value.
 */
import { ConfigError } from '../../../errors.js';
import type { AuthMethod, AuthScope, DomainRef, TokenRequest } from './types.js';

/** Canonical auth types, after keystoneauth's aliases. */
export type AuthType = 'password' | 'application_credential' | 'token' | 'admin_token' | 'none';

const AUTH_TYPE_ALIASES: Record<string, AuthType> = {
  password: 'password',
  v3password: 'password',
  v3applicationcredential: 'application_credential',
  applicationcredential: 'application_credential',
  application_credential: 'application_credential',
  token: 'token',
  v3token: 'token',
  admin_token: 'admin_token',
  token_endpoint: 'admin_token',
  none: 'none',
  noauth: 'none',
};

export function canonicalAuthType(value: unknown, where: { file?: string | undefined } = {}): AuthType {
  if (value === undefined || value === null || value === '' || value === 'None') return 'none';
  const found = AUTH_TYPE_ALIASES[String(value).toLowerCase()];
  if (!found) {
    throw new ConfigError(`unsupported auth_type "${String(value)}" (supported: ${Object.keys(AUTH_TYPE_ALIASES).join(', ')})`, {
      ...where,
      key: 'auth_type',
    });
  }
  return found;
}

type Auth = Record<string, unknown>;

function str(auth: Auth, key: string): string | undefined {
  const v = auth[key];
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function domainRef(auth: Auth, prefix: 'user' | 'project'): DomainRef | undefined {
  const id = str(auth, `${prefix}_domain_id`) ?? str(auth, 'default_domain_id');
  if (id) return { id };
  const name = str(auth, `${prefix}_domain_name`) ?? str(auth, 'default_domain_name');
  return name ? { name } : undefined;
}

function need(value: string | undefined, key: string, file: string | undefined): string {
  if (value === undefined) throw new ConfigError('missing required auth setting', { file, key: `auth.${key}` });
  return value;
}

function userRef(auth: Auth, file: string | undefined): { id: string } | { name: string; domain: DomainRef } {
  const id = str(auth, 'user_id');
  if (id) return { id };
  const name = need(str(auth, 'username'), 'username', file);
  const domain = domainRef(auth, 'user');
  if (!domain) throw new ConfigError('username needs user_domain_name or user_domain_id', { file, key: 'auth.user_domain_name' });
  return { name, domain };
}

/** Scope from project_*, domain_* or system_scope; undefined = let Keystone choose. */
function scopeFromAuth(auth: Auth, file?: string): AuthScope | undefined {
  const projectId = str(auth, 'project_id');
  if (projectId) return { project: { id: projectId } };
  const projectName = str(auth, 'project_name');
  if (projectName) {
    const domain = domainRef(auth, 'project');
    if (!domain) throw new ConfigError('project_name needs project_domain_name or project_domain_id', { file, key: 'auth.project_domain_name' });
    return { project: { name: projectName, domain } };
  }
  const domainId = str(auth, 'domain_id');
  if (domainId) return { domain: { id: domainId } };
  const domainName = str(auth, 'domain_name');
  if (domainName) return { domain: { name: domainName } };
  const system = str(auth, 'system_scope');
  if (system) {
    if (system !== 'all') throw new ConfigError('system_scope must be "all"', { file, key: 'auth.system_scope' });
    return { system: { all: true } };
  }
  return undefined;
}

/** Build the token request for a Keystone-backed auth type. */
export function tokenRequestFromAuth(authType: AuthType, auth: Auth, file?: string): TokenRequest {
  let method: AuthMethod;
  switch (authType) {
    case 'password':
      method = { type: 'password', user: userRef(auth, file), password: need(str(auth, 'password'), 'password', file) };
      return { method, scope: scopeFromAuth(auth, file) };
    case 'application_credential': {
      const secret = need(str(auth, 'application_credential_secret'), 'application_credential_secret', file);
      const id = str(auth, 'application_credential_id');
      const credential = id ? { id } : { name: need(str(auth, 'application_credential_name'), 'application_credential_id', file), user: userRef(auth, file) };
      // Application credentials carry their own scope; sending one is a Keystone error.
      return { method: { type: 'application_credential', credential, secret } };
    }
    case 'token':
      method = { type: 'token', token: need(str(auth, 'token'), 'token', file) };
      return { method, scope: scopeFromAuth(auth, file) };
    default:
      throw new ConfigError(`auth_type ${authType} does not use Keystone tokens`, { file, key: 'auth_type' });
  }
}
