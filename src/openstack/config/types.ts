/** The resolved configuration of one cloud + region: what connect() needs, nothing more. */
import type { ConfigFileReader } from './files.js';

export interface CloudConfig {
  /** Cloud name as selected (`envvars`, or OS_CLOUD_NAME, for the environment cloud). */
  name: string;
  /** Selected region; undefined when the cloud names none (then the catalog's first endpoint is used). */
  regionName?: string;
  /** All regions configured for the cloud, for "every region" runs. */
  regions: string[];
  /** As configured after normalisation (`password`, `v3applicationcredential`, `token`, …). */
  authType: string;
  /**
   * Auth plugin options (auth_url, username, password, project_name, …), string values.
   * Contains secrets: never log it.
   */
  auth: Record<string, string>;
  /** Endpoint interface for all services; default `public`. */
  interface: string;
  /** Per-service interface overrides (`image_interface`, `identity_interface`). */
  imageInterface?: string;
  identityInterface?: string;
  /** `image_endpoint_override`: skip the catalog for Glance. */
  imageEndpointOverride?: string;
  /** `api_timeout` in seconds. */
  apiTimeoutSeconds?: number;
  /** TLS verification; false with `verify: false` or `insecure: true`. */
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  /** Where the settings came from, for error messages. */
  source: { cloudsFile?: string; secureFile?: string; publicFile?: string; fromEnv: boolean };
  /** Non-fatal findings (skipped files, unknown profiles, deprecated keys). */
  warnings: string[];
  /** Every other setting of the merged cloud dict (auth excluded). */
  extra: Record<string, unknown>;
}

export interface LoadCloudConfigOptions {
  /** Cloud name; default OS_CLOUD, then the envvars cloud, then the only cloud. */
  cloud?: string;
  /** Region; default OS_REGION_NAME, then the first configured region. */
  region?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  home?: string;
  fs?: ConfigFileReader;
}
