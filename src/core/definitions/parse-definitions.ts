/**
 * Parse and validate image definitions in the OIM YAML format (OIM's `etc/schema.yaml`).
 *
 * Every key of the schema is checked, image- and version-level, and every problem of a file is
 * reported at once with file, line, column and field. The checks follow the schema (strict mode:
 * unknown keys are errors, required keys, enums, URL/checksum/UUID forms) except where users
 * keep tripping over it; those deviations are listed in meta-rules.ts and here:
 *
 * - `build_date`, `provided_until`, `uuid_validity` dates work quoted and unquoted (OIM rejects quoted ones);
 * - booleans written the YAML 1.1 way (`yes`/`no`/`on`/`off`, which PyYAML and so OIM accept)
 *   still count as booleans where a boolean is expected;
 * - `enable` may be absent (true, as OIM's code treats it) with a warning;
 * - version `meta` need not repeat the image meta's required keys (it is merged over it);
 * - `last-N` needs a numeric N; `version: latest` needs exactly one of checksums_url/checksum_url;
 * - URLs with credentials and `file:` paths with `..` segments are refused;
 * - duplicate image names, duplicate versions, duplicate image ids and generated Glance names
 *   that two definitions would both produce are errors.
 *
 * YAML merge keys (`<<: *anchor`, YAML 1.1, which PyYAML supports) are honoured.
 *
 * This module holds the entry points. The work is split by job:
 * - definition-schema.ts: the schema (zod, built from field-schemas.ts), placed in the text
 *   with core/yaml/positions.ts as the spec parser does;
 * - read-definition-file.ts, read-image.ts, read-versions.ts, read-meta.ts: reading one file;
 * - cross-image-rules.ts: names, generated names and ids across definitions and files;
 * - value-checks/: URLs, dates, checksums, ids and lifecycle values.
 */
import { InputError, InputErrors } from '../errors.js';
import { parseYamlWithPositions, type LocatedYaml } from '../yaml/positions.js';
import { checkAcrossImages } from './cross-image-rules.js';
import { Findings } from './findings.js';
import { readDefinitionFile } from './read-definition-file.js';
import type { DefinitionSet, ImageDefinition } from './types.js';

export { IMAGE_KEYS, VERSION_KEYS } from './definition-schema.js';

export interface ParsedDefinitionFile {
  file: string;
  images: ImageDefinition[];
  warnings: string[];
  compatNotes: string[];
}

/**
 * Parse one definitions file. Throws InputErrors with every problem found in it; returns the
 * images (versions in natural order) and the warnings (each prefixed with its location).
 */
export function parseDefinitionFile(text: string, file: string): { images: ImageDefinition[]; warnings: string[]; compatNotes: string[] } {
  let y: LocatedYaml;
  try {
    y = parseYamlWithPositions(text, file);
  } catch (e) {
    if (e instanceof InputError) throw new InputErrors([e]);
    throw e;
  }
  const findings = new Findings(y);
  const images = readDefinitionFile(findings);
  checkAcrossImages(images, false, (loc, problem) => findings.errorAt(loc, problem));
  findings.throwIfErrors();
  return { images, warnings: findings.warningTexts(), compatNotes: findings.compatTexts() };
}

/**
 * Parse several files as one definition set: every file's problems plus the problems across
 * files (duplicate names, ids, colliding generated names) are thrown together as InputErrors.
 */
export function parseDefinitionSources(sources: readonly { file: string; text: string }[], notes: readonly string[] = []): DefinitionSet {
  const parsed: ParsedDefinitionFile[] = [];
  const errors: InputError[] = [];
  for (const { file, text } of sources) {
    try {
      parsed.push({ file, ...parseDefinitionFile(text, file) });
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  let set: DefinitionSet | undefined;
  try {
    set = assembleDefinitionSet(parsed);
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0 || !set) throw new InputErrors(errors);
  return { ...set, files: sources.map((s) => s.file), warnings: [...notes, ...set.warnings] };
}

/** Join parsed files into one set, checking names and ids across files (within a file they are already checked). */
function assembleDefinitionSet(files: readonly ParsedDefinitionFile[]): DefinitionSet {
  const images = files.flatMap((f) => f.images);
  const errors: InputError[] = [];
  checkAcrossImages(images, true, (loc, problem) => errors.push(new InputError(loc, problem)));
  if (errors.length > 0) throw new InputErrors(errors);
  return { files: files.map((f) => f.file), images, warnings: files.flatMap((f) => f.warnings), compatNotes: files.flatMap((f) => f.compatNotes) };
}
