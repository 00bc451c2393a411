import { handlerIds } from '../../../core/update/handlers/registry.js';
import { BaseUrlError, parseBaseUrls } from '../../../usecases/update/base-urls.js';
import { UpdateInputError, updateDefinitions, type ImageOutcome } from '../../../usecases/update/update-definitions.js';
import { unifiedDiff } from '../../../core/update/line-diff.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import { parseSeconds } from '../../flags/values.js';
import type { UpdateRun } from './index.js';

/** Some definition could not be brought up to date (the others were). */
const UPSTREAM_FAILED = 1;

/**
 * `scs-images update --images DIR`: one line per definition on stdout (failures on stderr), the
 * diff per changed file with --dry-run, then a summary line. Exit 0 when every selected
 * definition is current or was updated, 1 when any failed, 2 for bad input (nothing fetched).
 */
export async function run({ flags, opts, io }: UpdateRun): Promise<number> {
  const timeoutMs = parseSeconds(opts.timeout, '--timeout') * 1000;
  const now = flags.clock.now;
  let baseUrls;
  try {
    baseUrls = parseBaseUrls(opts.baseUrl ?? [], io.env, handlerIds());
    if (opts.mirrorBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(opts.mirrorBaseUrl))
      throw new BaseUrlError(`--mirror-base-url: '${opts.mirrorBaseUrl}' is not an http(s) URL`);
  } catch (e) {
    if (e instanceof BaseUrlError) throw new ExitError(EXIT.USAGE, `error: ${e.message}`);
    throw e;
  }
  const trace = opts.verbose ? (line: string) => io.stderr.write(`scs-images: ${line}\n`) : undefined;
  let report;
  try {
    report = await updateDefinitions({
      images: opts.images,
      dryRun: opts.dryRun ?? false,
      names: opts.name ?? [],
      includeDisabled: opts.includeDisabled ?? false,
      baseUrls,
      ...(opts.mirrorBaseUrl === undefined ? {} : { mirrorBaseUrl: opts.mirrorBaseUrl }),
      fetch: { timeoutMs, ...(trace ? { trace } : {}) },
      now,
    });
  } catch (e) {
    if (e instanceof UpdateInputError) throw new ExitError(EXIT.USAGE, `error: ${e.message}`);
    throw e;
  }

  for (const o of report.outcomes) {
    if (o.status === 'failed') io.stderr.write(`scs-images: error: ${o.name} (${o.file}): ${o.error}\n`);
    else if (o.status === 'skipped') {
      // disabled definitions are the normal case (old releases); a missing handler is worth a word
      if (o.why !== 'disabled' || opts.verbose)
        io.stderr.write(`scs-images: ${o.why === 'no-handler' ? 'warning' : 'note'}: ${o.name} (${o.file}): skipped: ${o.reason}\n`);
    } else io.stdout.write(`${describe(o)}\n`);
    if (opts.verbose && 'notes' in o) for (const n of o.notes) io.stderr.write(`scs-images: ${o.name}: ${n}\n`);
  }
  if (opts.dryRun) for (const c of report.changed) io.stdout.write(unifiedDiff(c.before, c.after, `a/${c.file}`, `b/${c.file}`));

  const count = (s: ImageOutcome['status']) => report.outcomes.filter((o) => o.status === s).length;
  const failed = count('failed');
  const files = report.changed.map((c) => c.file);
  const wrote = files.length === 0 ? 'no file changed' : opts.dryRun ? `dry run, would change ${files.join(', ')}` : `wrote ${files.join(', ')}`;
  io.stdout.write(
    `update: ${count('updated')} updated, ${count('current') + count('older')} up to date, ${failed} failed, ${count('skipped')} skipped; ${wrote}\n`,
  );
  return failed > 0 ? UPSTREAM_FAILED : EXIT.OK;
}

function describe(o: Extract<ImageOutcome, { status: 'updated' | 'current' | 'older' }>): string {
  const c = o.change;
  switch (c.kind) {
    case 'current':
      return `current  ${o.name}: ${c.version} is the newest upstream build`;
    case 'older':
      return `current  ${o.name}: upstream's newest build ${c.version} is older than the defined ${c.newest}; left as is`;
    case 'append':
      return `updated  ${o.name}: added ${c.build.version} (${c.build.url})`;
    case 'replace': {
      const why = {
        'same version': 'rebuilt upstream',
        'same url': 'the url is a moving pointer',
        'unpinned pointer': 'it named the moving pointer without a checksum; now the build it serves',
        'single version': 'multi: false keeps one version',
      }[c.reason];
      return `updated  ${o.name}: ${c.replaces} replaced by ${c.build.version} (${why}; ${c.build.url})`;
    }
  }
}
