/**
 * Why did Keystone refuse a token? It answers a wrong password, an unknown user, an unknown
 * project and a project the user has no role on with the same 401 and the same text, on purpose.
 * One unscoped login with the same credentials tells the two halves apart: accepted, the
 * credentials are right and the scope is the problem; refused, the credentials are wrong.
 *
 * Only run after a scoped login failed, so a working cloud never pays for it. With Keystone's
 * lockout (`[security_compliance] lockout_failure_attempts`) a wrong password then counts as two
 * failed attempts per run.
 */
import { HttpError } from '../../../errors.js';
import { send } from '../../../http/request.js';
import type { Transport } from '../../../http/types.js';
import { registerSecret } from '../../../../util/redact.js';
import { projectsFromBody } from '../projects/results.js';
import { tokenRequestBody } from './requests.js';
import type { TokenRequest } from './types.js';
import { tokensURL } from './urls.js';

export type RejectedLogin =
  /** The credentials themselves were refused. */
  | { kind: 'credentials' }
  /** The credentials work; the scope was refused. `projects`: what the user may use, when Keystone said. */
  | { kind: 'scope'; projects?: string[] };

/**
 * A password login with a scope that Keystone refused: probe as described above. Undefined when
 * nothing more can be said (another auth method, no scope, or the probe itself failed otherwise).
 */
export async function probeRejectedLogin(v3Root: string, req: TokenRequest, transport: Transport = {}): Promise<RejectedLogin | undefined> {
  if (req.method.type !== 'password' || !req.scope) return undefined;
  let token: string | null;
  try {
    const res = await send(
      { method: 'POST', url: tokensURL(v3Root), json: tokenRequestBody({ method: req.method }), okCodes: [201], service: 'identity' },
      transport,
    );
    token = res.headers.get('x-subject-token');
  } catch (e) {
    if (e instanceof HttpError && (e.status === 401 || e.status === 403)) return { kind: 'credentials' };
    return undefined;
  }
  if (!token) return { kind: 'scope' };
  registerSecret(token);
  try {
    const res = await send(
      { method: 'GET', url: `${v3Root.replace(/\/+$/, '')}/auth/projects`, headers: { 'X-Auth-Token': token }, okCodes: [200], service: 'identity' },
      transport,
    );
    return { kind: 'scope', projects: projectsFromBody(res.body).map((p) => p.name) };
  } catch {
    return { kind: 'scope' };
  }
}
