/**
 * Pointing a distribution's upstream at another server: `--base-url ubuntu=http://127.0.0.1:8080`
 * or `SCS_IMAGES_UPSTREAM_UBUNTU=...` (the option wins). For `centos-stream` the variable is
 * SCS_IMAGES_UPSTREAM_CENTOS_STREAM.
 *
 * The base replaces scheme, host and port of every URL read for that distribution; a path in
 * the base is put in front of the upstream path. So with `http://127.0.0.1:8080/mirror`,
 * `https://cloud-images.ubuntu.com/noble/` is read from `http://127.0.0.1:8080/mirror/noble/`.
 * Only reading moves: the url written into a definition stays the upstream one, so a recorded
 * or mirrored upstream yields exactly the definitions the real one would (and `image_source`
 * keeps naming the distribution, which scs-0104's `source` prefixes check).
 */
const ENV_PREFIX = 'SCS_IMAGES_UPSTREAM_';

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

export type BaseUrls = ReadonlyMap<string, URL>;

/** Parse the options and environment; throws BaseUrlError for an unknown distribution or a bad URL. */
export function parseBaseUrls(options: readonly string[], env: NodeJS.ProcessEnv, handlerIds: readonly string[]): BaseUrls {
  const out = new Map<string, URL>();
  for (const id of handlerIds) {
    const value = env[envName(id)];
    if (value) out.set(id, toBase(value, envName(id)));
  }
  for (const opt of options) {
    const eq = opt.indexOf('=');
    if (eq <= 0) throw new BaseUrlError(`--base-url ${opt}: expected <distribution>=<url>, e.g. ubuntu=http://127.0.0.1:8080`);
    const id = opt.slice(0, eq).trim().toLowerCase();
    if (!handlerIds.includes(id)) throw new BaseUrlError(`--base-url ${opt}: unknown distribution '${id}' (known: ${handlerIds.join(', ')})`);
    out.set(id, toBase(opt.slice(eq + 1).trim(), `--base-url ${id}`));
  }
  return out;
}

export function envName(id: string): string {
  return ENV_PREFIX + id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Where to read `url` from, given the distribution's base (unchanged without one). */
export function rewriteUrl(url: string, base: URL | undefined): string {
  if (!base) return url;
  const u = new URL(url);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${u.pathname}${u.search}`;
}

function toBase(value: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new BaseUrlError(`${what}: '${value}' is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new BaseUrlError(`${what}: '${value}' must be an http or https URL`);
  if (u.username || u.password) throw new BaseUrlError(`${what}: credentials in the URL are not supported`);
  return u;
}
