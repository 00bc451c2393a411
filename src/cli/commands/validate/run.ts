import { lapsedSupportWarnings } from '../../../core/definitions/lapsed-support.js';
import type { DefinitionSet } from '../../../core/definitions/types.js';
import { vendorSupportWarnings } from '../../../core/definitions/vendor-support.js';
import { InputError, InputErrors } from '../../../core/errors.js';
import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { readBundledReleases } from '../../../inputs/read-releases.js';
import { renderValidateJson } from '../../../reporters/validate-json.js';
import { assertWritableOutput } from '../../emit-report.js';
import { EXIT } from '../../exit-codes.js';
import { predictionCommand } from '../../prediction.js';
import type { ValidateRun } from './index.js';

/**
 * `scs-images validate --images PATH`: every problem of every file with file:line:column (exit 2,
 * thrown as InputErrors and mapped by main.ts), warnings on stderr, a one-line summary on stdout.
 * With a spec, scope or standard it also predicts whether the cloud would comply after apply.
 */
export async function run({ flags, io }: ValidateRun): Promise<number> {
  const { definitions, rules, output, clock } = flags;
  const path = definitions.path as string;
  const predicting = rules.named;
  await assertWritableOutput(output.file);
  // without a prediction, --format json is the validation result itself (for CI)
  const json = !predicting && output.format === 'json';
  let set: DefinitionSet;
  try {
    set = await loadDefinitions(path);
  } catch (e) {
    // the errors as a document on stdout; main.ts still prints them on stderr and exits 2
    if (json && (e instanceof InputErrors || e instanceof InputError))
      io.stdout.write(renderValidateJson({ warnings: [], errors: e instanceof InputErrors ? e.errors : [e] }));
    throw e;
  }
  const warnings = [
    ...set.warnings,
    ...set.compatNotes,
    ...lapsedSupportWarnings(set.images, clock.now),
    ...vendorSupportWarnings(set.images, await readBundledReleases(), clock.now),
  ];
  for (const w of warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  if (json) {
    io.stdout.write(renderValidateJson({ set, warnings, errors: [] }));
    return EXIT.OK;
  }
  const fileWarnings = set.warnings.length + set.compatNotes.length;
  // a machine-readable prediction keeps stdout pure
  (predicting && output.format !== 'text' ? io.stderr : io.stdout).write(`${describeSet(set)}: valid${fileWarnings ? `, ${fileWarnings} warning(s)` : ''}\n`);
  if (!predicting) return EXIT.OK;
  return predictionCommand({ definitions: set, label: path, tag: definitions.tag, rules, clock }, output, io);
}

function describeSet(set: DefinitionSet): string {
  const versions = set.images.reduce((n, d) => n + d.versions.length, 0);
  const disabled = set.images.filter((d) => !d.enable).length;
  return `${set.files.length} file(s), ${set.images.length} image definition(s) (${disabled} disabled), ${versions} version(s)`;
}
