import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDistroReleases, type DistroReleases } from '../core/releases/distro-releases.js';

/** The bundled release facts (data/distros/releases.json; the same file the v2 check reads). */
export async function readBundledReleases(): Promise<DistroReleases> {
  const file = fileURLToPath(new URL('../../data/distros/releases.json', import.meta.url));
  return parseDistroReleases(await readFile(file, 'utf8'), file);
}
