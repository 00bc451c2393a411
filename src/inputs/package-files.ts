/**
 * The one seam for files shipped with the package (data/…, package.json). From npm or a clone
 * they are read from disk beside dist/ (or src/); inside the single executable
 * (`npm run build:exe`, Node's single executable applications) there is no package on disk, and
 * the same files are the executable's SEA assets, keyed by the same relative paths
 * (scripts/build-exe.mjs embeds every file under data/ and package.json).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** What this module needs of `node:sea` (Node ≥ 20.12). */
interface SeaApi {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

let sea: SeaApi | null | undefined;

/** `node:sea` when this process is a single executable, else null. */
function seaApi(): SeaApi | null {
  if (sea === undefined) {
    // getBuiltinModule works from ESM and from the CommonJS bundle alike (Node ≥ 20.16)
    const mod = process.getBuiltinModule?.('node:sea') as SeaApi | undefined;
    sea = mod?.isSea() ? mod : null;
  }
  return sea;
}

/** True inside the single executable. */
export function isSingleExecutable(): boolean {
  return seaApi() !== null;
}

/** The package root on disk (only asked outside the single executable, where import.meta.url is a file). */
function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Where a shipped file is, for messages: its path on disk, or `<executable>:<path>` inside the single executable. */
export function packageFileLabel(rel: string): string {
  return seaApi() ? `${process.execPath}:${rel}` : `${packageRoot()}${rel}`;
}

/** A shipped file as UTF-8 text, by its path relative to the package root (`data/distros/releases.json`). */
export async function readPackageFile(rel: string): Promise<string> {
  const s = seaApi();
  return s ? assetText(s, rel) : readFile(`${packageRoot()}${rel}`, 'utf8');
}

/** The same, synchronously (package.json, read once at start-up). */
export function readPackageFileSync(rel: string): string {
  const s = seaApi();
  return s ? assetText(s, rel) : readFileSync(`${packageRoot()}${rel}`, 'utf8');
}

function assetText(s: SeaApi, rel: string): string {
  try {
    return s.getAsset(rel, 'utf8');
  } catch (e) {
    throw new Error(`${rel} is not embedded in this executable (${(e as Error).message})`);
  }
}
