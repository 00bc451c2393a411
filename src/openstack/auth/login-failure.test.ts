import { describe, expect, it } from 'vitest';
import type { CloudConfig } from '../config/types.js';
import { AuthError, HttpError } from '../errors.js';
import type { TokenRequest } from '../identity/v3/tokens/types.js';
import { loginFailure } from './login-failure.js';

const refused = new AuthError('authentication failed', { cause: new HttpError({ status: 401, method: 'POST', url: 'https://k/v3/auth/tokens' }) });
const config = (source: CloudConfig['source']): CloudConfig =>
  ({
    name: 'prod',
    source,
    auth: { password: 'Secret-1' },
    authType: 'password',
    regions: [],
    interface: 'public',
    verify: true,
    warnings: [],
    extra: {},
  }) as CloudConfig;
const inFile = config({ cloudsFile: '/etc/openstack/clouds.yaml', secureFile: '/etc/openstack/secure.yaml', fromEnv: false });
const password: TokenRequest = {
  method: { type: 'password', user: { name: 'ops', domain: { name: 'Default' } }, password: 'Secret-1' },
  scope: { project: { id: 'p1' } },
};
const v3Root = 'https://k/v3';

describe('loginFailure', () => {
  it('credentials: names the user, the file (and secure.yaml) and the settings, never the password', () => {
    const e = loginFailure(refused, { config: inFile, request: password, v3Root, probe: { kind: 'credentials' } });
    expect(e.message).toBe(
      "Keystone at https://k/v3 refused the login of user ops (domain Default) (HTTP 401): check username, password and user_domain_name of clouds.prod.auth in /etc/openstack/clouds.yaml, secrets from /etc/openstack/secure.yaml, and that auth_url is this cloud's Keystone",
    );
    expect(e).toMatchObject({ cloud: 'prod', refused: 'credentials', settings: ['username', 'password', 'user_domain_name', 'auth_url'] });
    expect(e).toBeInstanceOf(AuthError);
  });

  it('scope: a project id, and no project list when Keystone gave none', () => {
    const e = loginFailure(refused, { config: inFile, request: password, v3Root, probe: { kind: 'scope' } });
    expect(e.message).toContain('user ops (domain Default) can log in to Keystone at https://k/v3, but gets no token for project id p1 (HTTP 401)');
    expect(e.message).toContain('check project_id of clouds.prod.auth');
    expect(e.message).not.toContain('may use');
    const many = loginFailure(refused, {
      config: inFile,
      request: password,
      v3Root,
      probe: { kind: 'scope', projects: Array.from({ length: 12 }, (_, i) => `p${i}`) },
    });
    expect(many.message).toMatch(/may use: p0, .*, p9 and 2 more$/);
  });

  it('cannot tell (an application credential): everything to check, as OS_* variables for an environment cloud', () => {
    const env = config({ fromEnv: true });
    const appCred: TokenRequest = { method: { type: 'application_credential', credential: { id: 'ac1' }, secret: 's' } };
    const e = loginFailure(refused, { config: env, request: appCred, v3Root, probe: undefined });
    expect(e.refused).toBe('credentials'); // no scope: nothing else could have been refused
    expect(e.message).toContain(
      'check OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET (the cloud comes from the OS_* environment variables)',
    );
    const scoped = loginFailure(refused, { config: inFile, request: { ...password, scope: { domain: { name: 'D' } } }, v3Root, probe: undefined });
    expect(scoped.refused).toBe('unknown');
    expect(scoped.message).toContain(
      'refused the login of user ops (domain Default) to domain D (HTTP 401): check username, password, user_domain_name and domain_name',
    );
  });
});
