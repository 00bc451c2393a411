/**
 * How apply (and ensure's and manage's apply step) imports: concurrency, budgets, methods, the
 * lease, progress.
 */
import { Option } from 'commander';
import type { FlagGroup } from '../command.js';
import { parseCount, parseSeconds } from './values.js';

export interface ImportRun {
  concurrency: number;
  importTimeoutMs: number;
  stuckMs: number;
  lock: { enabled: boolean; waitMs: number };
  /** `manage`'s --stuck-retry + 1 and --prefetch never (absent: one attempt, then the streamed fallback). */
  webDownloadAttempts?: number;
  streamFallback?: boolean;
}

export interface ProgressDisplay {
  tty: boolean;
  intervalMs: number;
}

export interface Imports {
  run: ImportRun;
  webDownload: boolean;
  readBack: boolean;
  /** `--mirror-fallback`: a failing mirror_url is retried from the upstream url. */
  mirrorFallback: boolean;
  /** `--skip-preflight`: do not consult doctor's findings before the first change. */
  skipPreflight: boolean;
  progress: ProgressDisplay;
}

export const importFlags: FlagGroup<Imports> = {
  declare: (cmd) =>
    cmd
      .option('--parallel <n>', 'imports running at the same time', '3')
      .option('--import-timeout <seconds>', 'budget per imported version, over all attempts', '1800')
      .option('--stuck-timeout <seconds>', "an image still 'queued' this long after its import was accepted is stuck", '120')
      .option('--no-web-download', "never use Glance's web-download; the tool streams every download into glance-direct/upload")
      .option(
        '--mirror-fallback',
        "when a version's mirror_url fails (HTTP error, timeout, wrong checksum), import it from its upstream url instead, and say so (default: the version fails)",
      )
      .option('--no-read-back', "do not read an image back to verify it when Glance's hash algorithm differs from the definition's")
      .option(
        '--lock-timeout <seconds>',
        'wait this long for another apply on the same project and tag to finish (0: stop at once, exit 1, nothing changed)',
        '0',
      )
      .option('--no-lock', 'take no lease on the project and tag (only where nothing else can apply at the same time)')
      .option(
        '--skip-preflight',
        "do not stop before the first change when doctor's findings say the cloud will refuse the plan (a Keystone limit it does not fit); for the rare case the finding is wrong",
      )
      .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'plain']).default('auto'))
      .option('--progress-interval <seconds>', 'plain progress: a timestamped line this often while Glance imports (web-download, glance-direct)', '30'),
  parse: (o, io) => ({
    run: {
      concurrency: parseCount(o['parallel'] as string, '--parallel', 'imports running at the same time', 32),
      importTimeoutMs: parseSeconds(o['importTimeout'] as string, '--import-timeout') * 1000,
      stuckMs: parseSeconds(o['stuckTimeout'] as string, '--stuck-timeout') * 1000,
      lock: { enabled: o['lock'] !== false, waitMs: parseSeconds(o['lockTimeout'] as string, '--lock-timeout', { allowZero: true }) * 1000 },
    },
    webDownload: o['webDownload'] !== false,
    readBack: o['readBack'] !== false,
    mirrorFallback: o['mirrorFallback'] === true,
    skipPreflight: o['skipPreflight'] === true,
    progress: {
      tty: o['progress'] === 'bar' || (o['progress'] === 'auto' && Boolean(io.stderr.isTTY)),
      intervalMs: parseSeconds(o['progressInterval'] as string, '--progress-interval') * 1000,
    },
  }),
};
