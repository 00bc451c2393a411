/** Keystone v3 token shapes, in client (camelCase) form. */

/** One endpoint of a catalog entry. `region` is the region id (Keystone sends `region_id` and `region`). */
export interface CatalogEndpoint {
  id?: string;
  interface: string;
  region?: string;
  url: string;
}

export interface CatalogEntry {
  type: string;
  name?: string;
  id?: string;
  endpoints: CatalogEndpoint[];
}

export interface NamedRef {
  id: string;
  name?: string;
  domain?: { id?: string; name?: string };
}

export interface TokenInfo {
  /** The X-Subject-Token value. Secret: never logged, redacted everywhere. */
  token: string;
  expiresAt?: Date;
  issuedAt?: Date;
  methods: string[];
  user?: NamedRef;
  project?: NamedRef;
  /** Set for a domain-scoped token. */
  domain?: NamedRef;
  /** Set for a system-scoped token (`{all: true}`). */
  system?: Record<string, unknown>;
  roles: Array<{ id: string; name: string }>;
  catalog: CatalogEntry[];
}

/** Which credentials and scope a token request carries; built from a cloud's `auth` dict. */
export type AuthMethod =
  | {
      type: 'password';
      user: { id: string } | { name: string; domain: DomainRef };
      password: string;
    }
  | {
      type: 'application_credential';
      credential: { id: string } | { name: string; user: { id: string } | { name: string; domain: DomainRef } };
      secret: string;
    }
  | { type: 'token'; token: string };

export type DomainRef = { id: string } | { name: string };

export type AuthScope = { project: { id: string } | { name: string; domain: DomainRef } } | { domain: DomainRef } | { system: { all: true } };

export interface TokenRequest {
  method: AuthMethod;
  /** Omitted: Keystone picks the user's default project (application credentials are pre-scoped). */
  scope?: AuthScope;
}
