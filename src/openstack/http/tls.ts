/** TLS settings of clouds.yaml (`cacert`, `verify`/`insecure`, `cert`, `key`) → an undici Agent. */
import { readFile as fsReadFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import type { Agent } from 'undici';
import { ConfigError } from '../errors.js';

export interface TlsOptions {
  /** false disables certificate verification (`verify: false` / `insecure: true`). */
  verify?: boolean;
  /** PEM bundle path with the CAs to trust instead of Node's defaults. */
  cacert?: string;
  /** Client certificate and key (PEM paths) for mutual TLS. */
  cert?: string;
  key?: string;
  /** Injected for tests. */
  readFile?: (path: string) => Promise<string | Buffer>;
}

async function readPem(path: string, key: string, readFile: (p: string) => Promise<string | Buffer>): Promise<string | Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'read error';
    throw new ConfigError(`cannot read ${key} file ${path} (${code})`, { key });
  }
}

/** The settings that differ from Node's defaults, as tls.connect() options; undefined when none do. */
export async function tlsConnectOptions(opts: TlsOptions): Promise<ConnectionOptions | undefined> {
  const readFile = opts.readFile ?? ((p: string) => fsReadFile(p));
  const connect: ConnectionOptions = {};
  if (opts.verify === false) connect.rejectUnauthorized = false;
  if (opts.cacert) connect.ca = await readPem(opts.cacert, 'cacert', readFile);
  if (opts.cert) connect.cert = await readPem(opts.cert, 'cert', readFile);
  if (opts.key) connect.key = await readPem(opts.key, 'key', readFile);
  return Object.keys(connect).length === 0 ? undefined : connect;
}

/**
 * An undici Agent for tls.connect() options from tlsConnectOptions(); undefined for none, so the
 * common case keeps undici's global pool. The caller owns the Agent and closes it (client.close()).
 */
export async function agentFor(connect: ConnectionOptions | undefined): Promise<Agent | undefined> {
  if (!connect) return undefined;
  // undici is loaded only here: importing it costs ~150 ms of start-up that the common case
  // (Node's built-in fetch, default TLS) does not need
  const undici = await import('undici');
  return new undici.Agent({ connect });
}

/** The undici fetch that matches an Agent from agentFor (Node's built-in fetch may bundle another undici). */
export async function undiciFetch(): Promise<typeof import('undici').fetch> {
  return (await import('undici')).fetch;
}
