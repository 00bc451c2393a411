/**
 * Vendor profiles: `profile: <name>` (or the deprecated `cloud: <name>`) pulls defaults from
 * clouds-public.yaml `public-clouds.<name>`. openstacksdk also ships built-in vendor files and
 * fetches `https://<host>/.well-known/openstack/api`; neither is done here (no hidden network
 * access while reading config) – an unknown profile is a warning, as it is there.
 */
import { ConfigError } from '../errors.js';
import { isDict, normalizeKeys } from './merge.js';
import type { Dict } from './merge.js';
import { fixAuthPlugin } from './normalize.js';

export function profileName(cloud: Dict, warnings: string[], file: string | undefined): string | undefined {
  const p = cloud['profile'] ?? cloud['cloud'];
  if ('cloud' in cloud && !('profile' in cloud)) warnings.push(`${file ?? 'config'}: "cloud:" to name a vendor profile is deprecated, use "profile:"`);
  return typeof p === 'string' && p !== '' ? p : undefined;
}

/** The profile dict (normalised), following one nested `profile`. Empty when not found. */
export function resolveProfile(name: string, publicClouds: Dict | undefined, publicFile: string | undefined, warnings: string[]): Dict {
  const lookup = (n: string): Dict | undefined => {
    const entry = isDict(publicClouds) ? publicClouds[n] : undefined;
    return isDict(entry) ? fixAuthPlugin(normalizeKeys(structuredClone(entry)) as Dict) : undefined;
  };
  let profile = lookup(name);
  if (!profile) {
    warnings.push(`vendor profile "${name}" not found${publicFile ? ` in ${publicFile}` : ' (no clouds-public.yaml found)'}`);
    return {};
  }
  const nested = profile['profile'];
  if (typeof nested === 'string') profile = { ...(lookup(nested) ?? {}), ...profile };
  delete profile['profile'];
  const status = profile['status'] ?? 'active';
  const message = typeof profile['message'] === 'string' ? `: ${profile['message']}` : '';
  delete profile['status'];
  delete profile['message'];
  if (status === 'deprecated') warnings.push(`vendor profile "${name}" is deprecated${message}`);
  if (status === 'shutdown')
    throw new ConfigError(`vendor profile "${name}" references a cloud that no longer exists${message}`, { file: publicFile, key: `public-clouds.${name}` });
  return profile;
}
