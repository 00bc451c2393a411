/** Keystone v3 projects and domains: URL building (pure). The root is the identity endpoint without /v3. */
const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, v);
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const projectsURL = (root: string, params: { name?: string; domainId?: string } = {}): string =>
  `${root}/v3/projects${q({ name: params.name, domain_id: params.domainId })}`;
export const projectURL = (root: string, id: string): string => `${root}/v3/projects/${encodeURIComponent(id)}`;
export const domainsURL = (root: string, params: { name?: string } = {}): string => `${root}/v3/domains${q({ name: params.name })}`;
