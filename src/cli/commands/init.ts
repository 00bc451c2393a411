import { join } from 'node:path';
import type { DistroReleases } from '../../core/check/scs-0104-v2/index.js';
import {
  generateDefinitions,
  mergeSelections,
  targetsFromSpec,
  targetsFromV2,
  type InitResult,
  type TargetSelection,
} from '../../core/init/index.js';
import { loadDefinitions } from '../../definitions/load-definitions.js';
import { parseInitOptions, type InitRequest, type RawInitOptions } from '../../init/options.js';
import { readBundledReleases } from '../../init/read-releases.js';
import { formatCoverage, gaps, incomplete } from '../../init/summary.js';
import { writeDefinitionFiles } from '../../init/write-files.js';
import { loadImageSpec } from '../../specs/load-image-spec.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { parseNow } from '../options.js';
import type { CliIO } from '../main.js';

/**
 * `scs-images init`: definitions for every mandatory and recommended entry of a scs-0104 spec
 * and/or the v2 draft. Writes one file per family into --out (or prints them with --dry-run),
 * validates what it wrote with the same loader `validate`/`apply` use, and lists which entries
 * are covered. Exit 0 when every mandatory and recommended entry is covered, 1 when some is left
 * to the operator (the rest is still written), 2 on bad options or existing files.
 */
export async function runInit(raw: RawInitOptions & { now?: string }, io: CliIO): Promise<number> {
  if (raw.now !== undefined && raw.date !== undefined && parseNow(raw.now).toISOString().slice(0, 10) !== raw.date) {
    throw new ExitError(EXIT.USAGE, `error: --date ${raw.date} and --now ${raw.now} name different days; give one of them`);
  }
  const today = parseNow(raw.now).toISOString().slice(0, 10);
  const req = parseInitOptions(raw, today);
  const releases = await readBundledReleases();
  const { selection, command } = await select(req, releases);
  const result = generateDefinitions(selection, req.options, { command, date: req.date });
  const say = (s: string) => (req.dryRun ? io.stderr : io.stdout).write(s);

  if (req.dryRun) {
    for (const f of result.files) io.stdout.write(`# ==> ${req.out ? join(req.out, f.fileName) : f.fileName} <==\n${f.text}\n`);
    say(`dry run: nothing written; ${describeFiles(result)}; valid\n`);
  } else {
    const out = req.out as string;
    const paths = await writeDefinitionFiles(out, result.files, req.force);
    say(`wrote ${paths.join(', ')}\n`);
    // read back through the real loader: the directory as `validate`, `plan` and `apply` will see it
    const set = await loadDefinitions(out);
    const versions = set.images.reduce((n, d) => n + d.versions.length, 0);
    say(`validated ${out}: ${set.files.length} file(s), ${set.images.length} image definition(s), ${versions} version(s): valid\n`);
    for (const w of set.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  }
  for (const n of result.notes) io.stderr.write(`scs-images: note: ${n}\n`);
  const g = gaps(result.coverage, result.uncovered);
  say(formatCoverage(result.coverage, g));
  if (incomplete(g)) {
    io.stderr.write('scs-images: some mandatory or recommended entries are not covered; add definitions for them by hand\n');
    return EXIT.NOT_COMPLIANT;
  }
  return EXIT.OK;
}

async function select(req: InitRequest, releases: DistroReleases): Promise<{ selection: TargetSelection; command: string }> {
  const selections: TargetSelection[] = [];
  const parts = ['scs-images init'];
  if (req.spec !== undefined) {
    const spec = await loadImageSpec(req.spec || undefined, req.date);
    const fromSpec = targetsFromSpec(spec, releases, req.includeOptional);
    fromSpec.notes.push(...spec.warnings);
    selections.push(fromSpec);
    parts.push(`--spec ${spec.origin}`);
  }
  if (req.v2) {
    selections.push(targetsFromV2(releases, req.date, req.includeOptional));
    parts.push(`--standard scs-0104-v2 --now ${req.date}`);
  }
  if (req.includeOptional) parts.push('--all');
  return { selection: mergeSelections(selections), command: parts.join(' ') };
}

function describeFiles(result: InitResult): string {
  return result.files.map((f) => `${f.fileName} (${f.images.length} image${f.images.length === 1 ? '' : 's'})`).join(', ');
}
