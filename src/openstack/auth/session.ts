/**
 * AuthSession: owns the current Keystone token for one client.
 *
 * - reuses the token until `refreshMarginMs` (60 s) before `expires_at`, so a long listing never
 *   starts with a token that dies half-way;
 * - concurrent callers that need a new token share one in-flight authentication;
 * - a 401 from a service invalidates the token, re-authenticates once and repeats the request
 *   once; a second 401 means the fresh token is not accepted either → AuthError;
 * - the token lives in an injectable TokenStore, so tests can plant a revoked token and prove the
 *   real re-auth path, and a CLI could cache tokens later.
 */
import { AuthError, UnauthorizedError } from '../errors.js';
import { registerSecret } from '../../util/redact.js';
import type { TokenInfo } from '../identity/v3/tokens/types.js';

export interface TokenStore {
  get(): TokenInfo | undefined | Promise<TokenInfo | undefined>;
  set(token: TokenInfo | undefined): void | Promise<void>;
}

/** The default store: one token in memory. */
export function memoryTokenStore(initial?: TokenInfo): TokenStore {
  let current = initial;
  return {
    get: () => current,
    set: (t) => {
      current = t;
    },
  };
}

/** What services need from auth: run a request with a token, handling a 401 as described above. */
export interface TokenProvider {
  withToken<T>(fn: (token: string | undefined) => Promise<T>, options?: { replayable?: boolean }): Promise<T>;
}

export interface AuthSessionOptions {
  /** Obtains a new token (POST /v3/auth/tokens). */
  authenticate: () => Promise<TokenInfo>;
  tokenStore?: TokenStore;
  now?: () => number;
  refreshMarginMs?: number;
}

export class AuthSession implements TokenProvider {
  private readonly authenticateFn: () => Promise<TokenInfo>;
  readonly tokenStore: TokenStore;
  private readonly now: () => number;
  private readonly marginMs: number;
  private inFlight: Promise<TokenInfo> | undefined;
  /** How many times authenticate() ran; for tests and debug summaries. */
  authentications = 0;

  constructor(opts: AuthSessionOptions) {
    this.authenticateFn = opts.authenticate;
    this.tokenStore = opts.tokenStore ?? memoryTokenStore();
    this.now = opts.now ?? Date.now;
    this.marginMs = opts.refreshMarginMs ?? 60_000;
  }

  private usable(t: TokenInfo): boolean {
    return t.expiresAt === undefined || t.expiresAt.getTime() - this.now() > this.marginMs;
  }

  /** The current token, authenticating when there is none or it is about to expire. */
  async token(): Promise<TokenInfo> {
    if (this.inFlight) return this.inFlight;
    const current = await this.tokenStore.get();
    if (current && this.usable(current)) {
      registerSecret(current.token);
      return current;
    }
    return this.reauthenticate();
  }

  /** Start (or join) one authentication. */
  reauthenticate(): Promise<TokenInfo> {
    if (!this.inFlight) {
      const run = async (): Promise<TokenInfo> => {
        try {
          this.authentications++;
          const fresh = await this.authenticateFn();
          registerSecret(fresh.token);
          await this.tokenStore.set(fresh);
          return fresh;
        } finally {
          this.inFlight = undefined;
        }
      };
      this.inFlight = run();
    }
    return this.inFlight;
  }

  /** Drop `token` if it is still the current one (a concurrent caller may already have replaced it). */
  async invalidate(token: string): Promise<void> {
    const current = await this.tokenStore.get();
    if (current?.token === token) await this.tokenStore.set(undefined);
  }

  async withToken<T>(fn: (token: string | undefined) => Promise<T>, options: { replayable?: boolean } = {}): Promise<T> {
    const first = await this.token();
    try {
      return await fn(first.token);
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
      await this.invalidate(first.token);
      // A streamed body is gone; the caller has to start over (the next call re-authenticates).
      if (options.replayable === false) throw err;
    }
    const second = await this.token();
    try {
      return await fn(second.token);
    } catch (err) {
      if (err instanceof UnauthorizedError) {
        throw new AuthError(`a freshly issued token was rejected: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
}

/** For auth_type none / admin_token: a fixed token (or none) and no re-authentication. */
export function staticTokenProvider(token: string | undefined): TokenProvider {
  registerSecret(token);
  return {
    async withToken<T>(fn: (token: string | undefined) => Promise<T>): Promise<T> {
      try {
        return await fn(token);
      } catch (err) {
        if (err instanceof UnauthorizedError && token !== undefined) {
          throw new AuthError(`the configured token was rejected: ${err.message}`, { cause: err });
        }
        throw err;
      }
    },
  };
}
