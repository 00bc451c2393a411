/**
 * The one way every command opens a cloud: clouds.yaml (openstacksdk's rules) → authenticated
 * session → clients, with `--insecure` and `--debug` applied the same way everywhere.
 */
import { connect, type OpenStackClient } from './client.js';
import { loadCloudConfig } from './config/clouds.js';
import type { CloudConfig } from './config/types.js';
import { ConfigError } from './errors.js';
import { debugTracer } from './http/debug-trace.js';
import { parseInputLimits } from './input-limits.js';

export interface OpenCloudOptions {
  /** clouds.yaml entry; undefined: $OS_CLOUD, the OS_* variables, or the only cloud. */
  cloud?: string | undefined;
  region?: string | undefined;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Skip TLS verification (the caller warns the user). */
  insecure: boolean;
  /** `--debug`: one line per request, response, failure and retry, already redacted by the client. */
  trace?: ((line: string) => void) | undefined;
  env: NodeJS.ProcessEnv;
}

export async function openCloud(opts: OpenCloudOptions): Promise<OpenStackClient> {
  return (await open(opts)).client;
}

async function open(opts: OpenCloudOptions): Promise<{ config: CloudConfig; client: OpenStackClient }> {
  const config = await loadCloudConfig({ ...(opts.cloud ? { cloud: opts.cloud } : {}), ...(opts.region ? { region: opts.region } : {}), env: opts.env });
  if (opts.insecure) config.verify = false;
  // the limits on input (README): SCS_IMAGES_LIMITS raises them for a cloud beyond them, tests lower them
  const limits = parseInputLimits(opts.env['SCS_IMAGES_LIMITS']);
  const client = await connect(config, { timeoutMs: opts.timeoutMs, limits, ...(opts.trace ? { onEvent: debugTracer(opts.trace) } : {}) });
  return { config, client };
}

/** A cloud opened to change images: the project whose images may be changed is known. */
export interface ProjectCloud {
  client: OpenStackClient;
  projectId: string;
}

/** openCloud, refusing credentials without a project scope (nothing could be owned or managed). */
export async function openProjectCloud(opts: OpenCloudOptions): Promise<ProjectCloud> {
  const { config, client } = await open(opts);
  const projectId = client.identity.project?.id;
  if (!projectId) {
    await client.close();
    throw new ConfigError(`cloud ${config.name}: managing images needs a project-scoped token (set project_name or project_id)`, {
      file: config.source.cloudsFile,
      key: `clouds.${config.name}.auth.project_name`,
    });
  }
  return { client, projectId };
}
