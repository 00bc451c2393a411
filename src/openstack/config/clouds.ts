/**
 * loadCloudConfig / listClouds: clouds.yaml + secure.yaml + clouds-public.yaml + OS_* → CloudConfig,
 * following openstacksdk's loader, so that a configuration works here exactly as with the `openstack` CLI.
 *
 * Merge order for one cloud, lowest first: defaults, vendor profile, the cloud entry (clouds.yaml
 * deep-merged with secure.yaml), the region's `values`; then magic fixes.
 */
import { homedir } from 'node:os';
import { CloudNotFoundError, ConfigError } from '../errors.js';
import { registerSecret } from '../../util/redact.js';
import { envvarsCloud, envvarsCloudName } from './envvars.js';
import { candidateFiles, loadFirst, nodeFileReader } from './files.js';
import type { SearchContext } from './files.js';
import { authUpdate, clone, deepMerge, isDict, normalizeKeys } from './merge.js';
import type { Dict } from './merge.js';
import { fixAuthPlugin, magicFixes } from './normalize.js';
import { profileName, resolveProfile } from './profile.js';
import { knownRegions, selectRegion } from './regions.js';
import type { CloudConfig, LoadCloudConfigOptions } from './types.js';

/** openstacksdk defaults.json, the parts that matter here. */
const DEFAULTS: Dict = { auth_type: 'password', interface: 'public', auth: {} };

interface LoadedClouds {
  clouds: Dict;
  /** The cloud to use when none is named. */
  defaultCloud: string | undefined;
  envName: string;
  envCreated: boolean;
  cloudsFile: string | undefined;
  secureFile: string | undefined;
  searched: string[];
  ctx: SearchContext;
  fs: NonNullable<LoadCloudConfigOptions['fs']>;
  warnings: string[];
}

async function loadClouds(opts: LoadCloudConfigOptions): Promise<LoadedClouds> {
  const ctx: SearchContext = { env: opts.env ?? process.env, cwd: opts.cwd ?? process.cwd(), home: opts.home ?? homedir() };
  const fs = opts.fs ?? nodeFileReader;
  const warnings: string[] = [];
  const searched = candidateFiles('clouds', ctx);
  const main = await loadFirst(searched, fs, warnings);
  const secure = await loadFirst(candidateFiles('secure', ctx), fs, warnings);
  let data: Dict = main?.data ?? {};
  if (main && !('clouds' in main.data)) warnings.push(`${main.path} has no "clouds" key`);
  if (secure) data = deepMerge(data, secure.data);
  const clouds: Dict = isDict(data['clouds']) ? clone(data['clouds']) : {};
  if (data['clouds'] !== undefined && !isDict(data['clouds'])) {
    throw new ConfigError('"clouds" must be a mapping of cloud names', { file: main?.path ?? secure?.path, key: 'clouds' });
  }

  // As in openstacksdk: a file cloud may not take the environment cloud's name.
  const envName = envvarsCloudName(ctx.env);
  if (envName in clouds) {
    throw new ConfigError(`a file cloud is named "${envName}", the name of the environment (OS_*) cloud; rename it or set OS_CLOUD_NAME`, {
      file: main?.path ?? secure?.path,
      key: `clouds.${envName}`,
    });
  }
  let defaultCloud = ctx.env['OS_CLOUD'] || undefined;
  const fromEnv = envvarsCloud(ctx.env);
  if (fromEnv) {
    clouds[envName] = fromEnv;
    defaultCloud ??= envName;
  }
  if (!defaultCloud && Object.keys(clouds).length === 1) defaultCloud = Object.keys(clouds)[0];
  return { clouds, defaultCloud, envName, envCreated: fromEnv !== undefined, cloudsFile: main?.path, secureFile: secure?.path, searched, ctx, fs, warnings };
}

/** Names of all configured clouds (file clouds first, then the envvars cloud if any). */
export async function listClouds(opts: Omit<LoadCloudConfigOptions, 'cloud' | 'region'> = {}): Promise<string[]> {
  return Object.keys((await loadClouds(opts)).clouds);
}

function notFound(loaded: LoadedClouds, message: string, named = false): ConfigError {
  const defined = Object.keys(loaded.clouds);
  const inFile = loaded.cloudsFile ? `clouds file used: ${loaded.cloudsFile}` : 'no clouds.yaml found';
  return new (named ? CloudNotFoundError : ConfigError)(
    `${message}. Defined clouds: ${defined.length ? defined.join(', ') : 'none'}; ${inFile}. Files searched: ${loaded.searched.join(', ')}`,
  );
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Load and resolve one cloud + region. */
export async function loadCloudConfig(opts: LoadCloudConfigOptions = {}): Promise<CloudConfig> {
  const loaded = await loadClouds(opts);
  const { warnings, ctx } = loaded;
  const name = opts.cloud || loaded.defaultCloud;
  if (!name) {
    const names = Object.keys(loaded.clouds);
    if (names.length === 0) throw notFound(loaded, 'No cloud is configured (no clouds.yaml and no OS_* variables)');
    throw notFound(loaded, `Several clouds are defined and none is selected: pass a cloud name or set OS_CLOUD`);
  }
  const rawEntry = loaded.clouds[name];
  if (rawEntry === undefined) {
    const via = opts.cloud ? '' : ctx.env['OS_CLOUD'] ? ' (from OS_CLOUD)' : '';
    throw notFound(loaded, `Cloud "${name}"${via} was not found`, true);
  }
  const fromEnv = loaded.envCreated && name === loaded.envName;
  const file = fromEnv ? undefined : (loaded.cloudsFile ?? loaded.secureFile);
  if (!isDict(rawEntry)) throw new ConfigError(`cloud "${name}" must be a mapping`, { file, key: `clouds.${name}` });
  const entry = fixAuthPlugin(normalizeKeys(rawEntry) as Dict);

  // Vendor profile from clouds-public.yaml, only looked up when a profile is named.
  let profile: Dict = {};
  let publicFile: string | undefined;
  const pname = profileName(entry, warnings, file);
  if (pname) {
    const pub = await loadFirst(candidateFiles('clouds-public', ctx), loaded.fs, warnings);
    publicFile = pub?.path;
    profile = resolveProfile(pname, pub?.data['public-clouds'] as Dict | undefined, publicFile, warnings);
  }

  const regions = knownRegions(entry, profile, file, warnings);
  const region = selectRegion(regions, opts.region ?? (ctx.env['OS_REGION_NAME'] || undefined), name, file);

  let cfg: Dict = clone(DEFAULTS);
  authUpdate(cfg, profile);
  authUpdate(cfg, entry);
  authUpdate(cfg, normalizeKeys(region.values) as Dict);
  delete cfg['profile'];
  delete cfg['cloud'];
  delete cfg['regions'];
  cfg['region_name'] = region.name;
  cfg = magicFixes(cfg);
  return toCloudConfig(
    name,
    cfg,
    regions.map((r) => r.name),
    {
      fromEnv,
      ...(loaded.cloudsFile && !fromEnv ? { cloudsFile: loaded.cloudsFile } : {}),
      ...(loaded.secureFile && !fromEnv ? { secureFile: loaded.secureFile } : {}),
      ...(publicFile ? { publicFile } : {}),
    },
    warnings,
  );
}

function toCloudConfig(name: string, cfg: Dict, regions: string[], source: CloudConfig['source'], warnings: string[]): CloudConfig {
  const file = source.secureFile ?? source.cloudsFile;
  const auth: Record<string, string> = {};
  for (const [k, v] of Object.entries(isDict(cfg['auth']) ? cfg['auth'] : {})) {
    if (v === undefined || v === null || isDict(v) || Array.isArray(v)) continue;
    auth[k] = String(v);
  }
  for (const k of ['password', 'application_credential_secret', 'token']) registerSecret(auth[k]);

  // verify: boolean, or (keystoneauth style) a CA bundle path; insecure: true always wins.
  let verify = true;
  let cacert = optString(cfg['cacert']);
  const v = cfg['verify'];
  if (typeof v === 'boolean') verify = v;
  else if (typeof v === 'string' && /^(true|false|yes|no|on|off|1|0)$/i.test(v)) verify = /^(true|yes|on|1)$/i.test(v);
  else if (typeof v === 'string' && v !== '') cacert ??= v;
  if (cfg['insecure'] === true) verify = false;

  let apiTimeoutSeconds: number | undefined;
  if (cfg['api_timeout'] !== undefined && cfg['api_timeout'] !== null && cfg['api_timeout'] !== '') {
    apiTimeoutSeconds = Number(cfg['api_timeout']);
    if (!Number.isFinite(apiTimeoutSeconds) || apiTimeoutSeconds <= 0) {
      throw new ConfigError('api_timeout must be a positive number of seconds', { file, key: `clouds.${name}.api_timeout` });
    }
  }

  const known = new Set([
    'auth',
    'auth_type',
    'region_name',
    'interface',
    'image_interface',
    'identity_interface',
    'image_endpoint_override',
    'api_timeout',
    'verify',
    'insecure',
    'cacert',
    'cert',
    'key',
  ]);
  const extra = Object.fromEntries(Object.entries(cfg).filter(([k]) => !known.has(k)));
  const out: CloudConfig = {
    name,
    regions,
    authType: optString(cfg['auth_type']) ?? 'none',
    auth,
    interface: optString(cfg['interface']) ?? 'public',
    verify,
    source,
    warnings,
    extra,
  };
  const optional: Array<[keyof CloudConfig, string | number | undefined]> = [
    ['regionName', optString(cfg['region_name'])],
    ['imageInterface', optString(cfg['image_interface'])],
    ['identityInterface', optString(cfg['identity_interface'])],
    ['imageEndpointOverride', optString(cfg['image_endpoint_override'])],
    ['apiTimeoutSeconds', apiTimeoutSeconds],
    ['cacert', cacert],
    ['cert', optString(cfg['cert'])],
    ['key', optString(cfg['key'])],
  ];
  for (const [k, val] of optional) if (val !== undefined) (out as unknown as Dict)[k] = val;
  return out;
}
