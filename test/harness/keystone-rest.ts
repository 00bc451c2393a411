// Minimal Keystone v3 REST calls with plain fetch (the project's own OpenStack client is tested
// against this harness, so the harness must not depend on it).

export interface IssuedToken {
  token: string;
  userId: string;
  projectId: string;
  expiresAt: string;
}

async function call(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['X-Auth-Token'] = token;
  const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`keystone ${method} ${path} -> ${res.status} ${await res.text()}`);
  return res;
}

async function callJson<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await call(baseUrl, method, path, body, token);
  return (await res.json()) as T;
}

/** Password auth, project-scoped. `keystoneUrl` without /v3. */
export async function issueToken(keystoneUrl: string, user: string, password: string, project: string): Promise<IssuedToken> {
  const res = await call(keystoneUrl, 'POST', '/v3/auth/tokens', {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password } } },
      scope: { project: { name: project, domain: { id: 'default' } } },
    },
  });
  const token = res.headers.get('x-subject-token');
  const body = (await res.json()) as { token: { user: { id: string }; project: { id: string }; expires_at: string } };
  if (!token) throw new Error(`keystone gave no X-Subject-Token for ${user}`);
  return { token, userId: body.token.user.id, projectId: body.token.project.id, expiresAt: body.token.expires_at };
}

export interface Registration {
  projectId: string;
  userId: string;
}

export interface RegisterSpec {
  keystoneUrl: string;
  glanceUrl: string;
  adminPassword: string;
  /** one project + one user each; role as named in keystone (admin, member) */
  accounts: Array<{ user: string; project: string; password: string; role: string }>;
}

/** Catalog entry for glance (public, RegionOne) and one project+user per account; keyed by user name. */
export async function registerCloud(spec: RegisterSpec): Promise<Record<string, Registration>> {
  const ks = spec.keystoneUrl;
  const { token } = await issueToken(ks, 'admin', spec.adminPassword, 'admin');
  const svc = await callJson<{ service: { id: string } }>(ks, 'POST', '/v3/services', { service: { type: 'image', name: 'glance' } }, token);
  const endpoint = callJson(
    ks,
    'POST',
    '/v3/endpoints',
    {
      endpoint: { service_id: svc.service.id, interface: 'public', url: spec.glanceUrl, region_id: 'RegionOne' },
    },
    token,
  );
  const roles = await callJson<{ roles: Array<{ id: string; name: string }> }>(ks, 'GET', '/v3/roles', undefined, token);
  const roleId = (name: string): string => {
    const r = roles.roles.find((x) => x.name === name);
    if (!r) throw new Error(`keystone has no role ${name}`);
    return r.id;
  };
  // independent accounts in parallel: keystone is threaded and sqlite runs in WAL mode
  const regs = await Promise.all(
    spec.accounts.map(async (a) => {
      const p = await callJson<{ project: { id: string } }>(ks, 'POST', '/v3/projects', { project: { name: a.project, domain_id: 'default' } }, token);
      const u = await callJson<{ user: { id: string } }>(
        ks,
        'POST',
        '/v3/users',
        {
          user: { name: a.user, password: a.password, domain_id: 'default', default_project_id: p.project.id },
        },
        token,
      );
      await call(ks, 'PUT', `/v3/projects/${p.project.id}/users/${u.user.id}/roles/${roleId(a.role)}`, undefined, token);
      return [a.user, { projectId: p.project.id, userId: u.user.id }] as const;
    }),
  );
  await endpoint;
  return Object.fromEntries(regs);
}

/**
 * A second region in the catalogue whose image endpoint is `glanceUrl` (tests of --region and
 * --all-regions: one Keystone, regions that differ in their endpoints' region only).
 */
export async function addImageRegion(keystoneUrl: string, adminPassword: string, region: string, glanceUrl: string): Promise<void> {
  const { token } = await issueToken(keystoneUrl, 'admin', adminPassword, 'admin');
  await call(keystoneUrl, 'POST', '/v3/regions', { region: { id: region } }, token);
  const services = await callJson<{ services: Array<{ id: string; type: string }> }>(keystoneUrl, 'GET', '/v3/services?type=image', undefined, token);
  const image = services.services.find((s) => s.type === 'image');
  if (!image) throw new Error('keystone has no image service');
  await call(keystoneUrl, 'POST', '/v3/endpoints', { endpoint: { service_id: image.id, interface: 'public', url: glanceUrl, region_id: region } }, token);
}
