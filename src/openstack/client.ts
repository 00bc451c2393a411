/**
 * connect(): CloudConfig → authenticated OpenStackClient with the image service bound to its
 * endpoint (catalog, or image_endpoint_override). Authenticates once up front so a wrong
 * password or a missing Glance endpoint fails here, before any work starts; a refused login is a
 * LoginError naming the cloud, its file and the settings to check (auth/login-failure.ts).
 */
import type { Dispatcher } from 'undici';
import { AuthSession, staticTokenProvider } from './auth/session.js';
import type { TokenProvider, TokenStore } from './auth/session.js';
import type { CloudConfig } from './config/types.js';
import { loginFailure } from './auth/login-failure.js';
import { AuthError, ConfigError } from './errors.js';
import { createServiceClient } from './http/service-client.js';
import { RequestStats } from './http/stats.js';
import { agentFor, tlsConnectOptions, undiciFetch } from './http/tls.js';
import type { HttpEvent, RetryPolicy, Transport } from './http/types.js';
import { endpointFor } from './identity/v3/catalog.js';
import { canonicalAuthType, tokenRequestFromAuth } from './identity/v3/tokens/auth-options.js';
import { probeRejectedLogin } from './identity/v3/tokens/probe.js';
import { createToken } from './identity/v3/tokens/requests.js';
import type { CatalogEntry, NamedRef, TokenInfo } from './identity/v3/tokens/types.js';
import { identityV3Root } from './identity/v3/tokens/urls.js';
import { IdentityClient } from './identity/v3/client.js';
import { ImageClient } from './image/v2/client.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits.js';
import { ObjectStorageClient } from './objectstorage/v1/client.js';

export interface ConnectOptions {
  /** Per-request timeout; default clouds.yaml api_timeout, else 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onEvent?: (event: HttpEvent) => void;
  /** Share one counter across clients, or inspect it later as client.stats. */
  stats?: RequestStats;
  tokenStore?: TokenStore;
  userAgent?: string;
  /** Test seams. */
  fetch?: Transport['fetch'];
  sleep?: Transport['sleep'];
  random?: Transport['random'];
  now?: () => number;
  /** Replaces the TLS agent built from cacert/verify. */
  dispatcher?: Dispatcher;
  /** What a listing and an answer may cost (input-limits.ts); default DEFAULT_INPUT_LIMITS. */
  limits?: InputLimits;
}

/** Who we are on this cloud, from the first token. */
export interface IdentityInfo {
  /** Identity v3 root, e.g. `http://127.0.0.1:5000/v3`; undefined without Keystone. */
  authUrl?: string;
  user?: NamedRef;
  project?: NamedRef;
  domain?: NamedRef;
  system?: Record<string, unknown>;
  roles: string[];
  expiresAt?: Date;
  catalog: CatalogEntry[];
}

export interface OpenStackClient {
  readonly cloud: string;
  readonly region: string | undefined;
  readonly identity: IdentityInfo;
  readonly image: ImageClient;
  /** Keystone lookups (projects, domains); undefined for auth_type none/admin_token. */
  readonly identityService: IdentityClient | undefined;
  readonly stats: RequestStats;
  /**
   * Swift, bound to the catalog's object-store endpoint (the project's account URL). Looked up on
   * first use, so clouds without object storage connect as before; EndpointNotFoundError if absent.
   */
  objectStorage(): ObjectStorageClient;
  /** Undefined for auth_type none/admin_token. */
  readonly session: AuthSession | undefined;
  /** Release sockets (the TLS agent, if one was created). */
  close(): Promise<void>;
}

function identityFrom(token: TokenInfo, authUrl: string): IdentityInfo {
  const info: IdentityInfo = { authUrl, roles: token.roles.map((r) => r.name), catalog: token.catalog };
  if (token.user) info.user = token.user;
  if (token.project) info.project = token.project;
  if (token.domain) info.domain = token.domain;
  if (token.system) info.system = token.system;
  if (token.expiresAt) info.expiresAt = token.expiresAt;
  return info;
}

export async function connect(config: CloudConfig, options: ConnectOptions = {}): Promise<OpenStackClient> {
  const file = config.source.secureFile ?? config.source.cloudsFile;
  const authType = canonicalAuthType(config.authType, { file });
  const stats = options.stats ?? new RequestStats();
  const tls = options.dispatcher
    ? undefined
    : await tlsConnectOptions({
        verify: config.verify,
        ...(config.cacert ? { cacert: config.cacert } : {}),
        ...(config.cert ? { cert: config.cert } : {}),
        ...(config.key ? { key: config.key } : {}),
      });
  const ownAgent = await agentFor(tls);
  const dispatcher = options.dispatcher ?? ownAgent;
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const transport: Transport = {
    maxBodyBytes: limits.maxResponseBytes,
    timeoutMs: options.timeoutMs ?? (config.apiTimeoutSeconds !== undefined ? config.apiTimeoutSeconds * 1000 : undefined) ?? 30_000,
    stats,
    ...(dispatcher ? { dispatcher } : {}),
    // the reused-buffer reader takes the same TLS settings; an injected fetch (a test seam) keeps every request
    ...(tls && !options.fetch ? { tls } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.fetch ? { fetch: options.fetch } : ownAgent ? { fetch: await undiciFetch() } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.now ? { now: options.now } : {}),
  };

  try {
    let provider: TokenProvider;
    let session: AuthSession | undefined;
    let identity: IdentityInfo = { roles: [], catalog: [] };
    let endpoint = config.imageEndpointOverride;
    let identityService: IdentityClient | undefined;

    if (authType === 'none' || authType === 'admin_token') {
      provider = staticTokenProvider(authType === 'admin_token' ? config.auth['token'] : undefined);
      endpoint ??= config.auth['endpoint'];
      if (!endpoint) {
        throw new ConfigError(`auth_type ${config.authType} needs image_endpoint_override (there is no catalog)`, {
          file,
          key: `clouds.${config.name}.image_endpoint_override`,
        });
      }
    } else {
      const authUrl = config.auth['auth_url'];
      if (!authUrl) throw new ConfigError('missing required auth setting', { file, key: `clouds.${config.name}.auth.auth_url` });
      const v3Root = identityV3Root(authUrl);
      const tokenRequest = tokenRequestFromAuth(authType, config.auth, file);
      session = new AuthSession({
        authenticate: () => createToken(v3Root, tokenRequest, transport),
        ...(options.tokenStore ? { tokenStore: options.tokenStore } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      provider = session;
      identityService = new IdentityClient(createServiceClient({ service: 'identity', endpoint: v3Root, transport, auth: session }));
      const token = await session.token().catch(async (e: unknown) => {
        // the first login: say which cloud, file and settings, and what Keystone refused
        if (!(e instanceof AuthError)) throw e;
        const probe = await probeRejectedLogin(v3Root, tokenRequest, transport);
        throw loginFailure(e, { config, request: tokenRequest, v3Root, probe });
      });
      identity = identityFrom(token, v3Root);
      endpoint ??= endpointFor(token.catalog, {
        type: 'image',
        interface: config.imageInterface ?? config.interface,
        ...(config.regionName ? { region: config.regionName } : {}),
      });
    }

    const image = new ImageClient(createServiceClient({ service: 'image', endpoint, transport, auth: provider }), limits);
    let objectStorage: ObjectStorageClient | undefined;
    const catalog = identity.catalog;
    return {
      objectStorage: () =>
        (objectStorage ??= new ObjectStorageClient(
          createServiceClient({
            service: 'object-store',
            endpoint: endpointFor(catalog, {
              type: 'object-store',
              interface: config.interface,
              ...(config.regionName ? { region: config.regionName } : {}),
            }),
            transport,
            auth: provider,
          }),
        )),
      cloud: config.name,
      region: config.regionName,
      identity,
      image,
      identityService,
      stats,
      session,
      close: async () => {
        await ownAgent?.close();
      },
    };
  } catch (err) {
    await ownAgent?.close();
    throw err;
  }
}
