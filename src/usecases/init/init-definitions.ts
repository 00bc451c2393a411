/**
 * The init use case: definitions for every mandatory and recommended entry of a scs-0104 spec
 * and/or the v2 draft, generated (pure, core/init), written into a directory (or not, for a dry
 * run), and read back through the loader `validate`, `plan` and `apply` use.
 */
import type { DistroReleases } from '../../core/releases/distro-releases.js';
import { lapsedSupportWarnings } from '../../core/definitions/lapsed-support.js';
import { parseDefinitionSources } from '../../core/definitions/parse-definitions.js';
import type { DefinitionSet } from '../../core/definitions/types.js';
import { InputError } from '../../core/errors.js';
import {
  targetsFromDistros,
  type DistroRequest,
  generateDefinitions,
  mergeSelections,
  targetsFromSpec,
  targetsFromV2,
  type InitOptions,
  type InitResult,
  type TargetSelection,
} from '../../core/init/index.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { loadImageSpec } from '../default-spec.js';
import { readBundledReleases } from '../../inputs/read-releases.js';
import { writeDefinitionFiles } from './write-files.js';

export interface InitRequest {
  /** Undefined: no v1 spec (only the v2 draft); '' : the default spec for `date`. */
  spec: string | undefined;
  v2: boolean;
  /** `--distro`: releases asked for by name, beside (or, alone, instead of) the standard's. */
  distros: readonly DistroRequest[];
  /** Where to write; undefined for a dry run. */
  out: string | undefined;
  includeOptional: boolean;
  force: boolean;
  dryRun: boolean;
  /** YYYY-MM-DD, the day of the run's clock: the standard is read for it. */
  date: string;
  options: InitOptions;
}

export interface InitOutcome {
  result: InitResult;
  /** The files written (none for a dry run). */
  written: string[];
  /** The written directory read back (absent for a dry run). */
  readBack?: DefinitionSet;
  /** Definitions whose vendor support (provided_until) ended before the run's day. */
  lapsed: string[];
}

export async function initDefinitions(req: InitRequest): Promise<InitOutcome> {
  const releases = await readBundledReleases();
  const { selection, command } = await select(req, releases);
  const result = generateDefinitions(selection, req.options, { command, date: req.date });
  const now = new Date(`${req.date}T00:00:00Z`);
  if (req.dryRun || req.out === undefined) {
    const generated = parseDefinitionSources(result.files.map((f) => ({ file: f.fileName, text: f.text })));
    return { result, written: [], lapsed: lapsedSupportWarnings(generated.images, now) };
  }
  const written = await writeDefinitionFiles(req.out, result.files, req.force);
  const readBack = await loadDefinitions(req.out);
  return { result, written, readBack, lapsed: lapsedSupportWarnings(readBack.images, now) };
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
  if (req.distros.length > 0) {
    const { selection, problems } = targetsFromDistros(releases, req.distros);
    if (problems.length > 0) throw new InputError({ file: '--distro' }, problems.join('; '));
    selections.push(selection);
    parts.push(...req.distros.map((d) => `--distro ${d.spelled}`));
  }
  if (req.includeOptional) parts.push('--all');
  return { selection: mergeSelections(selections), command: parts.join(' ') };
}
