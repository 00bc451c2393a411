/**
 * The message for a cloud whose first login Keystone refused: which cloud, where its settings
 * came from, what Keystone refused (probe.ts tells credentials and scope apart) and which settings
 * to check, by name. Values never appear: a user or project name is no secret, a password is.
 */
import type { CloudConfig } from '../config/types.js';
import { HttpError, LoginError, type AuthError } from '../errors.js';
import type { RejectedLogin } from '../identity/v3/tokens/probe.js';
import type { AuthMethod, AuthScope, DomainRef, TokenRequest } from '../identity/v3/tokens/types.js';

const MAX_PROJECTS = 10;

export function loginFailure(
  err: AuthError,
  ctx: { config: CloudConfig; request: TokenRequest; v3Root: string; probe: RejectedLogin | undefined },
): LoginError {
  const { config, request, v3Root } = ctx;
  const status = err.cause instanceof HttpError ? ` (HTTP ${err.cause.status})` : '';
  const principal = describeMethod(request.method);
  const credentialKeys = methodKeys(request.method);
  const scopeKeys = request.scope ? scopeSettingKeys(request.scope) : [];
  // without a scope there is nothing else Keystone could have refused
  const refused = request.scope ? (ctx.probe?.kind ?? 'unknown') : 'credentials';
  const check = (keys: string[]): string => `check ${settingList(keys, config)}${where(config)}`;

  if (refused === 'scope') {
    const projects = ctx.probe?.kind === 'scope' ? ctx.probe.projects : undefined;
    const mayUse = projects ? `; projects this user may use: ${projectList(projects)}` : '';
    const message = `${principal} can log in to Keystone at ${v3Root}, but gets no token for ${describeScope(request.scope)}${status}: it does not exist or the user has no role on it; ${check(scopeKeys)}${mayUse}`;
    return new LoginError(message, config.name, refused, settingNames(scopeKeys, config), { cause: err });
  }
  const keys = refused === 'credentials' ? credentialKeys : [...credentialKeys, ...scopeKeys];
  const to = refused === 'unknown' && request.scope ? ` to ${describeScope(request.scope)}` : '';
  const message = `Keystone at ${v3Root} refused the login of ${principal}${to}${status}: ${check(keys)}, and that ${settingList(['auth_url'], config)} is this cloud's Keystone`;
  return new LoginError(message, config.name, refused, settingNames([...keys, 'auth_url'], config), { cause: err });
}

function domainText(d: DomainRef): string {
  return 'id' in d ? `domain id ${d.id}` : `domain ${d.name}`;
}

function describeMethod(m: AuthMethod): string {
  if (m.type === 'password') return 'id' in m.user ? `user id ${m.user.id}` : `user ${m.user.name} (${domainText(m.user.domain)})`;
  if (m.type === 'application_credential')
    return 'id' in m.credential ? `application credential ${m.credential.id}` : `application credential ${m.credential.name}`;
  return 'the configured token';
}

function describeScope(s: AuthScope | undefined): string {
  if (!s) return 'its default project';
  if ('project' in s) return 'id' in s.project ? `project id ${s.project.id}` : `project ${s.project.name} (${domainText(s.project.domain)})`;
  if ('domain' in s) return domainText(s.domain);
  return 'the system scope';
}

const domainKey = (prefix: string, d: DomainRef): string => `${prefix}_domain_${'id' in d ? 'id' : 'name'}`;

function methodKeys(m: AuthMethod): string[] {
  if (m.type === 'password') return 'id' in m.user ? ['user_id', 'password'] : ['username', 'password', domainKey('user', m.user.domain)];
  if (m.type === 'application_credential') {
    if ('id' in m.credential) return ['application_credential_id', 'application_credential_secret'];
    const user = m.credential.user;
    return ['application_credential_name', 'application_credential_secret', ...('id' in user ? ['user_id'] : ['username', domainKey('user', user.domain)])];
  }
  return ['token'];
}

function scopeSettingKeys(s: AuthScope): string[] {
  if ('project' in s) return 'id' in s.project ? ['project_id'] : ['project_name', domainKey('project', s.project.domain)];
  if ('domain' in s) return ['id' in s.domain ? 'domain_id' : 'domain_name'];
  return ['system_scope'];
}

/** clouds.yaml keys, or the OS_* variables when the cloud came from the environment. */
function settingNames(keys: readonly string[], config: CloudConfig): string[] {
  return keys.map((k) => (config.source.fromEnv ? `OS_${k.toUpperCase()}` : k));
}

function settingList(keys: readonly string[], config: CloudConfig): string {
  const names = settingNames(keys, config);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function where(config: CloudConfig): string {
  const { source } = config;
  if (source.fromEnv) return ' (the cloud comes from the OS_* environment variables)';
  const file = source.cloudsFile ?? source.secureFile;
  if (!file) return ` of cloud ${config.name}`;
  const secure = source.secureFile && source.secureFile !== file ? `, secrets from ${source.secureFile}` : '';
  return ` of clouds.${config.name}.auth in ${file}${secure}`;
}

function projectList(projects: readonly string[]): string {
  if (projects.length === 0) return 'none';
  const more = projects.length > MAX_PROJECTS ? ` and ${projects.length - MAX_PROJECTS} more` : '';
  return projects.slice(0, MAX_PROJECTS).join(', ') + more;
}
