import { join } from 'node:path';
import { clockAt } from '../../core/clock.js';
import type { InitResult } from '../../core/init/index.js';
import { formatCoverage, gaps, incomplete } from '../../reporters/init-coverage.js';
import { initDefinitions } from '../../usecases/init/init-definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { parseInitOptions, type RawInitOptions } from '../init-options.js';
import type { CliIO } from '../io.js';
import { parseNow } from '../options.js';

/**
 * `scs-images init`: definitions for every mandatory and recommended entry of a scs-0104 spec
 * and/or the v2 draft. Writes one file per family into --out (or prints them with --dry-run),
 * validates what it wrote with the same loader `validate`/`apply` use, and lists which entries
 * are covered. Exit 0 when every mandatory and recommended entry is covered, 1 when some is left
 * to the operator (the rest is still written), 2 on bad options or existing files.
 */
export async function initCommand(raw: RawInitOptions & { now?: string }, io: CliIO): Promise<number> {
  // the clock is read once: --date and the day of --now (or of the time init starts) cannot differ
  const { day } = clockAt(parseNow(raw.now));
  if (raw.now !== undefined && raw.date !== undefined && day !== raw.date) {
    throw new ExitError(EXIT.USAGE, `error: --date ${raw.date} and --now ${raw.now} name different days; give one of them`);
  }
  const req = parseInitOptions(raw, day);
  const { result, written, readBack, lapsed } = await initDefinitions(req);
  const say = (s: string) => (req.dryRun ? io.stderr : io.stdout).write(s);

  if (!readBack) {
    for (const f of result.files) io.stdout.write(`# ==> ${req.out ? join(req.out, f.fileName) : f.fileName} <==\n${f.text}\n`);
    say(`dry run: nothing written; ${describeFiles(result)}; valid\n`);
  } else {
    say(`wrote ${written.join(', ')}\n`);
    const versions = readBack.images.reduce((n, d) => n + d.versions.length, 0);
    say(`validated ${req.out}: ${readBack.files.length} file(s), ${readBack.images.length} image definition(s), ${versions} version(s): valid\n`);
    for (const w of readBack.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  }
  for (const w of lapsed) io.stderr.write(`scs-images: warning: ${w}\n`);
  for (const n of result.notes) io.stderr.write(`scs-images: note: ${n}\n`);
  const g = gaps(result.coverage, result.uncovered);
  say(formatCoverage(result.coverage, g));
  if (incomplete(g)) {
    io.stderr.write('scs-images: some mandatory or recommended entries are not covered; add definitions for them by hand\n');
    return EXIT.NOT_COMPLIANT;
  }
  return EXIT.OK;
}

function describeFiles(result: InitResult): string {
  return result.files.map((f) => `${f.fileName} (${f.images.length} image${f.images.length === 1 ? '' : 's'})`).join(', ');
}
