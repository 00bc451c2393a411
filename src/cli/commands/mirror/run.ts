import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { mirrorCheckJson, mirrorJson, renderMirrorCheckText, renderMirrorText } from '../../../reporters/mirror.js';
import { checkMirror } from '../../../usecases/mirror-check.js';
import { mirrorImages } from '../../../usecases/mirror.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import { parseCount, parseHttpUrl } from '../../flags/values.js';
import type { MirrorRun } from './index.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `--segment-size`: bytes, or K/M/G (binary); Swift refuses a single object over 5 GiB. */
export function parseSize(value: string, flag: string): number {
  const m = /^\s*(\d+)\s*([KMG]?)(i?B)?\s*$/i.exec(value);
  const n = m ? Number(m[1]) * (UNITS[(m[2] ?? '').toUpperCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 5 * 1024 ** 3)
    throw new ExitError(EXIT.USAGE, `error: ${flag}: '${value}' is not a size from 1 byte to 5G (e.g. 512M, 1G, 1048576)`);
  return n;
}

export async function run({ flags, opts, io }: MirrorRun): Promise<number> {
  const { output } = flags;
  const concurrency = parseCount(opts.parallel, '--parallel', 'versions copied at the same time', 64);
  const idleMs = flags.connection.timeoutMs;
  const segmentBytes = parseSize(opts.segmentSize, '--segment-size');
  if (opts.mirrorBaseUrl !== undefined) parseHttpUrl(opts.mirrorBaseUrl, '--mirror-base-url');
  const definitions = await loadDefinitions(opts.images);
  for (const w of definitions.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);

  if (opts.check && opts.dryRun) throw new ExitError(EXIT.USAGE, 'error: --check and --dry-run: --check already changes nothing; give one of them');
  if (opts.check) {
    const report = await checkMirror({ definitions, concurrency, idleMs });
    io.stdout.write(output.format === 'json' ? mirrorCheckJson(report) : renderMirrorCheckText(report));
    return report.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
  }
  const report = await mirrorImages({
    definitions,
    cloud: { ...flags.connection, ...flags.cloud, env: io.env },
    container: opts.container,
    ...(opts.mirrorBaseUrl ? { baseUrl: opts.mirrorBaseUrl } : {}),
    segmentBytes,
    concurrency,
    downloadIdleMs: idleMs,
    publicRead: !opts.private,
    dryRun: opts.dryRun ?? false,
    onEvent: (e) => {
      if (e.type === 'start' && output.format === 'text' && !opts.dryRun)
        io.stderr.write(`scs-images: ${e.definition} ${e.version}: mirroring into ${e.object}\n`);
    },
  });
  io.stdout.write(output.format === 'json' ? mirrorJson(report) : renderMirrorText(report, { verbose: output.verbose }));
  return report.ok ? EXIT.OK : EXIT.NOT_COMPLIANT;
}
