/**
 * The `envvars` cloud: openstacksdk turns `OS_*` variables into a separate cloud (it does not
 * merge them into a file cloud). `OS_AUTH_URL` → `auth_url`; magic fixes later move auth keys
 * under `auth`.
 */
import type { Dict } from './merge.js';

/** Variables that only select or locate config; alone they do not make an envvars cloud. */
const SELECTORS = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME']);

/** Not configuration at all (test runners, logging). */
const IGNORED = /^OS_(TEST|STD|LOG)/;

/** The cloud dict built from the environment, or undefined when only selectors are set. */
export function envvarsCloud(env: Record<string, string | undefined>): Dict | undefined {
  const keys = Object.keys(env).filter((k) => k.startsWith('OS_') && !IGNORED.test(k) && env[k] !== undefined);
  if (!keys.some((k) => !SELECTORS.has(k))) return undefined;
  const cloud: Dict = {};
  for (const k of keys.sort()) {
    if (k === 'OS_CLIENT_CONFIG_FILE' || k === 'OS_CLIENT_SECURE_FILE' || k === 'OS_CLOUD' || k === 'OS_CLOUD_NAME') continue;
    cloud[k.slice(3).toLowerCase()] = env[k];
  }
  return cloud;
}

/** Name of the envvars cloud (`OS_CLOUD_NAME` renames it). */
export function envvarsCloudName(env: Record<string, string | undefined>): string {
  return env['OS_CLOUD_NAME'] || 'envvars';
}
