import type { CheckSource } from '../usecases/check/run-check.js';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { connectionOptions } from './options.js';

/** The flags every command that reads a cloud's images (or an export of them) shares. */
export interface ImageSourceFlags {
  cloud?: string[];
  allClouds?: boolean;
  region?: string;
  imagesFile?: string;
  timeout: string;
  insecure?: boolean;
  debug?: boolean;
}

/** `--images-file` or the clouds (`--cloud` repeated, `--all-clouds`, else the default cloud), for check and audit. */
export function imageSourceFromFlags(opts: ImageSourceFlags, concurrency: number, io: CliIO): CheckSource {
  const clouds = opts.cloud ?? [];
  if (opts.imagesFile && (clouds.length > 0 || opts.allClouds)) throw new ExitError(EXIT.USAGE, 'error: --images-file excludes --cloud and --all-clouds');
  if (opts.imagesFile) return { kind: 'file', path: opts.imagesFile };
  const flags = { timeout: opts.timeout, insecure: opts.insecure ?? false, debug: opts.debug ?? false };
  return {
    kind: 'clouds',
    clouds: clouds.length > 0 ? clouds : [undefined],
    allClouds: opts.allClouds ?? false,
    concurrency,
    connection: { ...connectionOptions(flags, io), region: opts.region },
  };
}
