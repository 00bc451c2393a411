/**
 * Test double for Keystone's POST /v3/auth/tokens plus a token-checking service, with verbatim
 * Zed response shapes (as a real Keystone answers). Tokens are counted so tests can assert reuse and re-auth.
 */
import type { ServerResponse } from 'node:http';
import { json } from './http-server.js';
import type { RecordedRequest } from './http-server.js';

export interface FakeKeystoneOptions {
  /** Password accepted for any user. */
  password?: string;
  /** Catalog returned in every token (a function when URLs are known only after listen()). */
  catalog?: unknown[] | (() => unknown[]);
  /** Token lifetime. */
  expiresInMs?: number;
  now?: () => number;
  /** When set, error bodies echo the request body (to prove redaction of echoed secrets). */
  echoBodyInErrors?: boolean;
}

export interface FakeKeystone {
  /** Tokens issued so far (valid unless revoked). */
  issued: string[];
  revoked: Set<string>;
  /** Handle POST …/v3/auth/tokens; returns false for other paths. */
  handle(req: RecordedRequest, res: ServerResponse): boolean;
  isValid(token: string | string[] | undefined): boolean;
}

export function fakeKeystone(opts: FakeKeystoneOptions = {}): FakeKeystone {
  const issued: string[] = [];
  const revoked = new Set<string>();
  const now = opts.now ?? Date.now;
  return {
    issued,
    revoked,
    isValid: (t) => typeof t === 'string' && issued.includes(t) && !revoked.has(t),
    handle(req, res) {
      if (!(req.method === 'POST' && req.path.endsWith('/v3/auth/tokens'))) return false;
      const body = JSON.parse(req.body) as { auth: { identity: Record<string, any>; scope?: unknown } };
      const identity = body.auth.identity;
      const password = identity['password']?.user?.password as string | undefined;
      const ok = identity['methods']?.[0] !== 'password' || password === (opts.password ?? 'secret-pw');
      if (!ok) {
        const message = opts.echoBodyInErrors
          ? `The request you have made requires authentication. ${req.body}`
          : 'The request you have made requires authentication.';
        json(res, 401, { error: { code: 401, message, title: 'Unauthorized' } });
        return true;
      }
      const token = `gAAAAAB${'x'.repeat(20)}${issued.length}`;
      issued.push(token);
      json(
        res,
        201,
        {
          token: {
            methods: identity['methods'],
            user: { id: 'u1', name: identity['password']?.user?.name ?? 'demo', domain: { id: 'default', name: 'Default' } },
            project: { id: 'p1', name: 'demo', domain: { id: 'default', name: 'Default' } },
            roles: [
              { id: 'r1', name: 'member' },
              { id: 'r2', name: 'reader' },
            ],
            catalog: typeof opts.catalog === 'function' ? opts.catalog() : (opts.catalog ?? []),
            expires_at: new Date(now() + (opts.expiresInMs ?? 3_600_000)).toISOString().replace('Z', '000Z'),
            issued_at: new Date(now()).toISOString(),
            audit_ids: ['a1'],
            is_domain: false,
          },
        },
        { 'X-Subject-Token': token },
      );
      return true;
    },
  };
}
