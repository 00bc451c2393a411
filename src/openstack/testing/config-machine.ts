/** Test helper: a temp "machine" with cwd/, home/, xdg/ and a stand-in for /etc/openstack. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeFileReader } from '../config/files.js';
import type { ConfigFileReader } from '../config/files.js';
import type { LoadCloudConfigOptions } from '../config/types.js';

const roots: string[] = [];

/** Remove every machine made so far; call from afterEach (kept out of here: no vitest in src helpers). */
export function cleanupMachines(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

/**
 * A temp "machine": files are given relative to a root with cwd/, home/, xdg/ and etc/ (which
 * stands in for /etc/openstack through the reader, so the real /etc is never read).
 */
export function machine(
  files: Record<string, string>,
  env: Record<string, string> = {},
): Required<Pick<LoadCloudConfigOptions, 'env' | 'cwd' | 'home' | 'fs'>> & { root: string } {
  const root = mkdtempSync(join(tmpdir(), 'scs-clouds-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const fs: ConfigFileReader = {
    readFile: (p) => nodeFileReader.readFile(p.startsWith('/etc/openstack/') ? join(root, 'etc', p.slice('/etc/openstack/'.length)) : p),
  };
  const expanded = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('$ROOT', root)]));
  return { root, env: expanded, cwd: join(root, 'cwd'), home: join(root, 'home'), fs };
}

export const cloud = (name: string, extra = ''): string =>
  `clouds:\n  ${name}:\n    auth:\n      auth_url: http://k:5000/v3\n      username: u-${name}\n${extra}`;
