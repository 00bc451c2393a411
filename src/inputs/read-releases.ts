import { parseDistroReleases, type DistroReleases } from '../core/releases/distro-releases.js';
import { packageFileLabel, readPackageFile } from './package-files.js';

/** The bundled release facts (data/distros/releases.json; the same file the v2 check reads). */
export async function readBundledReleases(): Promise<DistroReleases> {
  const rel = 'data/distros/releases.json';
  return parseDistroReleases(await readPackageFile(rel), packageFileLabel(rel));
}
