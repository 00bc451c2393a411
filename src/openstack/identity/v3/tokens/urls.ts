/** Keystone URL building: pure functions. */

/**
 * Normalise a clouds.yaml `auth_url` to the identity v3 root.
 * `http://h:5000`, `http://h:5000/`, `http://h:5000/v3/`, `https://h/identity`, `https://h/identity/v2.0`
 * all lead to `…/v3` (Keystone v2 is gone since Queens; a leftover `/v2.0` is replaced).
 */
export function identityV3Root(authUrl: string): string {
  const url = new URL(authUrl.trim());
  url.search = '';
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  if (/\/v3$/.test(path)) {
    // already the v3 root
  } else if (/\/v2(\.0)?$/.test(path)) {
    path = path.replace(/\/v2(\.0)?$/, '/v3');
  } else {
    path = `${path}/v3`;
  }
  url.pathname = path;
  return url.toString();
}

export function tokensURL(v3Root: string): string {
  return `${v3Root.replace(/\/+$/, '')}/auth/tokens`;
}
