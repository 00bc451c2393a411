import { loadDefinitions } from '../../inputs/load-definitions.js';
import { mirrorCheckJson, mirrorJson, renderMirrorCheckText, renderMirrorText } from '../../reporters/mirror.js';
import { checkMirror } from '../../usecases/mirror-check.js';
import { mirrorImages } from '../../usecases/mirror.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { connectionOptions, parseCount, parseSeconds } from '../options.js';

export interface MirrorCliOptions {
  images: string;
  check?: boolean;
  dryRun?: boolean;
  cloud?: string;
  region?: string;
  container: string;
  mirrorBaseUrl?: string;
  segmentSize: string;
  parallel: string;
  private?: boolean;
  timeout: string;
  insecure?: boolean;
  debug?: boolean;
  verbose?: boolean;
  format: 'text' | 'json';
}

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `--segment-size`: bytes, or K/M/G (binary); Swift refuses a single object over 5 GiB. */
export function parseSize(value: string, flag: string): number {
  const m = /^\s*(\d+)\s*([KMG]?)(i?B)?\s*$/i.exec(value);
  const n = m ? Number(m[1]) * (UNITS[(m[2] ?? '').toUpperCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 5 * 1024 ** 3)
    throw new ExitError(EXIT.USAGE, `error: ${flag}: '${value}' is not a size from 1 byte to 5G (e.g. 512M, 1G, 1048576)`);
  return n;
}

export async function mirrorCommand(opts: MirrorCliOptions, io: CliIO): Promise<number> {
  const concurrency = parseCount(opts.parallel, '--parallel', 'versions copied at the same time', 64);
  const idleMs = parseSeconds(opts.timeout, '--timeout') * 1000;
  const segmentBytes = parseSize(opts.segmentSize, '--segment-size');
  if (opts.mirrorBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(opts.mirrorBaseUrl))
    throw new ExitError(EXIT.USAGE, `error: --mirror-base-url: '${opts.mirrorBaseUrl}' is not an http(s) URL`);
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);

  if (opts.check && opts.dryRun) throw new ExitError(EXIT.USAGE, 'error: --check and --dry-run: --check already changes nothing; give one of them');
  if (opts.check) {
    const report = await checkMirror({ definitions, concurrency, idleMs });
    io.stdout.write(opts.format === 'json' ? mirrorCheckJson(report) : renderMirrorCheckText(report));
    return report.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
  }
  const report = await mirrorImages({
    definitions,
    cloud: { ...connectionOptions(opts, io), cloud: opts.cloud, region: opts.region, env: io.env },
    container: opts.container,
    ...(opts.mirrorBaseUrl ? { baseUrl: opts.mirrorBaseUrl } : {}),
    segmentBytes,
    concurrency,
    downloadIdleMs: idleMs,
    publicRead: !opts.private,
    dryRun: opts.dryRun ?? false,
    onEvent: (e) => {
      if (e.type === 'start' && opts.format === 'text' && !opts.dryRun)
        io.stderr.write(`scs-images: ${e.definition} ${e.version}: mirroring into ${e.object}\n`);
    },
  });
  io.stdout.write(opts.format === 'json' ? mirrorJson(report) : renderMirrorText(report, { verbose: opts.verbose ?? false }));
  return report.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
}
