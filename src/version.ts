import { readPackageFileSync } from './inputs/package-files.js';

/** The package version, read once from package.json (works from dist/ and src/, and in the single executable). */
export const VERSION: string = (JSON.parse(readPackageFileSync('package.json')) as { version: string }).version;
