import type { CheckSource } from '../usecases/check/run-check.js';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { collect, connectionOptions, parseCount } from './options.js';

/** The flags every command that reads a cloud's images (or an export of them) shares. */
export interface ImageSourceFlags {
  cloud?: string[];
  allClouds?: boolean;
  /** `--region` repeated. */
  region?: string[];
  allRegions?: boolean;
  imagesFile?: string;
  /** `--list-streams`: listing requests at once per cloud. */
  listStreams?: string;
  timeout: string;
  insecure?: boolean;
  debug?: boolean;
}

/** `--images-file` or the clouds (`--cloud` repeated, `--all-clouds`, else the default cloud), for check and audit. */
export function imageSourceFromFlags(opts: ImageSourceFlags, concurrency: number, io: CliIO): CheckSource {
  const clouds = opts.cloud ?? [];
  const regions = opts.region ?? [];
  if (opts.imagesFile && (clouds.length > 0 || opts.allClouds || regions.length > 0 || opts.allRegions)) {
    throw new ExitError(EXIT.USAGE, 'error: --images-file excludes --cloud, --all-clouds, --region and --all-regions');
  }
  if (opts.allRegions && regions.length > 0) throw new ExitError(EXIT.USAGE, 'error: --all-regions excludes --region');
  if (opts.imagesFile) return { kind: 'file', path: opts.imagesFile };
  const flags = { timeout: opts.timeout, insecure: opts.insecure ?? false, debug: opts.debug ?? false };
  return {
    kind: 'clouds',
    clouds: clouds.length > 0 ? clouds : [undefined],
    allClouds: opts.allClouds ?? false,
    regions,
    allRegions: opts.allRegions ?? false,
    concurrency,
    ...(opts.listStreams !== undefined ? { listStreams: parseCount(opts.listStreams, '--list-streams', 'listing requests at once', 64) } : {}),
    connection: connectionOptions(flags, io),
  };
}

/** `--region` and `--all-regions`, declared the same on check and audit (cloud × region, in the order given). */
export const REGION_FLAG = [
  '--region <name>',
  "region of the cloud(s); repeat for several regions (default: the cloud's region_name, or its only one)",
  collect,
] as const;
export const ALL_REGIONS_FLAG = ['--all-regions', "every region with an image endpoint in each cloud's catalogue"] as const;

/** `--list-streams`, declared the same on every command that lists a whole catalogue. */
export const LIST_STREAMS_FLAG = [
  '--list-streams <n>',
  'listing requests at once per cloud: a large catalogue is split by created_at so a Glance with several API workers serves them together (default 2; 1 pages serially)',
] as const;
