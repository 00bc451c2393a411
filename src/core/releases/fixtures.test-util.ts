import { readFileSync } from 'node:fs';
import { parseDistroReleases, type DistroReleases } from './distro-releases.js';

/** The release data shipped in the package (tests read it like the CLI does). */
export const RELEASES_TEXT = readFileSync(new URL('../../../data/distros/releases.json', import.meta.url), 'utf8');
export const RELEASES: DistroReleases = parseDistroReleases(RELEASES_TEXT, 'data/distros/releases.json');
