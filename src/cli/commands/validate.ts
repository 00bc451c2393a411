import type { DefinitionSet } from '../../core/definitions/types.js';
import { InputError, InputErrors } from '../../core/errors.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { renderValidateJson } from '../../reporters/validate-json.js';
import type { ReportFormat } from '../../reporters/index.js';
import { predict } from '../../usecases/predict.js';
import { emitReport, assertWritableOutput } from '../emit-report.js';
import { exitCodeForReport } from '../exit-codes.js';
import { lapsedSupportWarnings } from '../../core/definitions/lapsed-support.js';
import { vendorSupportWarnings } from '../../core/definitions/vendor-support.js';
import { readBundledReleases } from '../../inputs/read-releases.js';
import type { CliIO } from '../io.js';
import { parseNow } from '../options.js';

export interface ValidateOptions {
  images: string;
  spec?: string;
  standard?: string[];
  scope?: string;
  scopeVersion?: string;
  tag: string;
  now?: string;
  strict?: boolean;
  format: ReportFormat;
  output?: string;
  explain?: boolean;
}

export const isPrediction = (opts: Pick<ValidateOptions, 'spec' | 'scope' | 'scopeVersion' | 'standard'>): boolean =>
  opts.spec !== undefined || opts.scope !== undefined || opts.scopeVersion !== undefined || (opts.standard ?? []).length > 0;

/**
 * `scs-images validate --images PATH`: every problem of every file with file:line:column (exit 2,
 * thrown as InputErrors and mapped by main.ts), warnings on stderr, a one-line summary on stdout.
 * With a spec, scope or standard it also predicts whether the cloud would comply after apply.
 */
export async function validateCommand(opts: ValidateOptions, io: CliIO): Promise<number> {
  const predicting = isPrediction(opts);
  // the options first: a bad --now is bad input before any file is read
  const clock = parseNow(opts.now);
  const now = predicting ? clock : undefined;
  await assertWritableOutput(opts.output);
  // without a prediction, --format json is the validation result itself (for CI)
  const json = !predicting && opts.format === 'json';
  let set: DefinitionSet;
  try {
    set = await loadDefinitions(opts.images);
  } catch (e) {
    // the errors as a document on stdout; main.ts still prints them on stderr and exits 2
    if (json && (e instanceof InputErrors || e instanceof InputError))
      io.stdout.write(renderValidateJson({ warnings: [], errors: e instanceof InputErrors ? e.errors : [e] }));
    throw e;
  }
  const warnings = [
    ...set.warnings,
    ...set.compatNotes,
    ...lapsedSupportWarnings(set.images, clock),
    ...vendorSupportWarnings(set.images, await readBundledReleases(), clock),
  ];
  for (const w of warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  if (json) {
    io.stdout.write(renderValidateJson({ set, warnings, errors: [] }));
    return 0;
  }
  const fileWarnings = set.warnings.length + set.compatNotes.length;
  // a machine-readable prediction keeps stdout pure
  (predicting && opts.format !== 'text' ? io.stderr : io.stdout).write(`${describeSet(set)}: valid${fileWarnings ? `, ${fileWarnings} warning(s)` : ''}\n`);
  if (!now) return 0;
  return predictionCommand(opts, set, now, io);
}

/** Predict, render, and the exit code of the predicted check (ensure's first step too). */
export async function predictionCommand(opts: ValidateOptions, definitions: DefinitionSet, now: Date, io: CliIO): Promise<number> {
  const report = await predict({
    definitions,
    label: opts.images,
    rules: { spec: opts.spec, standards: opts.standard ?? [], scope: opts.scope, scopeVersion: opts.scopeVersion },
    tag: opts.tag,
    strict: opts.strict ?? false,
    now,
  });
  await emitReport(report, { format: opts.format, output: opts.output, explain: opts.explain, color: false }, io);
  return exitCodeForReport(report);
}

function describeSet(set: DefinitionSet): string {
  const versions = set.images.reduce((n, d) => n + d.versions.length, 0);
  const disabled = set.images.filter((d) => !d.enable).length;
  return `${set.files.length} file(s), ${set.images.length} image definition(s) (${disabled} disabled), ${versions} version(s)`;
}
