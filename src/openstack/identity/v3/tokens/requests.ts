/** POST /v3/auth/tokens. */
import { AuthError, HttpError } from '../../../errors.js';
import { send } from '../../../http/request.js';
import type { Transport } from '../../../http/types.js';
import { registerSecret } from '../../../../util/redact.js';
import { tokenFromResponse } from './results.js';
import type { AuthMethod, TokenInfo, TokenRequest } from './types.js';
import { tokensURL } from './urls.js';

function identityBody(method: AuthMethod): Record<string, unknown> {
  switch (method.type) {
    case 'password':
      return { methods: ['password'], password: { user: { ...method.user, password: method.password } } };
    case 'application_credential':
      return { methods: ['application_credential'], application_credential: { ...method.credential, secret: method.secret } };
    case 'token':
      return { methods: ['token'], token: { id: method.token } };
  }
}

/** The wire body, as Keystone v3 documents it: `{"auth": {"identity": {...}, "scope": {...}}}`. Pure. */
export function tokenRequestBody(req: TokenRequest): { auth: Record<string, unknown> } {
  const auth: Record<string, unknown> = { identity: identityBody(req.method) };
  if (req.scope) auth['scope'] = req.scope;
  return { auth };
}

function registerCredentials(method: AuthMethod): void {
  if (method.type === 'password') registerSecret(method.password);
  if (method.type === 'application_credential') registerSecret(method.secret);
  if (method.type === 'token') registerSecret(method.token);
}

function who(method: AuthMethod): string {
  if (method.type === 'password') return 'id' in method.user ? `user id ${method.user.id}` : `user ${method.user.name}`;
  if (method.type === 'application_credential') {
    return 'id' in method.credential ? `application credential ${method.credential.id}` : `application credential ${method.credential.name}`;
  }
  return 'the given token';
}

/**
 * Authenticate and return the token with its catalog.
 * The POST is marked retryable: issuing a token twice has no side effect worth avoiding.
 * A 401/403 becomes an AuthError (message names the principal, never the secret).
 */
export async function createToken(v3Root: string, req: TokenRequest, transport: Transport = {}): Promise<TokenInfo> {
  registerCredentials(req.method);
  const url = tokensURL(v3Root);
  try {
    const res = await send({ method: 'POST', url, json: tokenRequestBody(req), okCodes: [201], retryable: true, service: 'identity' }, transport);
    return tokenFromResponse(res.headers.get('x-subject-token'), res.body, url);
  } catch (err) {
    if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
      throw new AuthError(`authentication of ${who(req.method)} at ${url} failed (HTTP ${err.status}): ${err.details}`, { cause: err });
    }
    throw err;
  }
}
