import { loadDefinitions } from '../../definitions/load-definitions.js';
import type { CliIO } from '../main.js';
import { parseNow } from '../options.js';
import { runPrediction, type PredictOptions } from './predict.js';

export type ValidateOptions = PredictOptions;

/**
 * `scs-images validate --images PATH`: every problem of every file with file:line:column (exit 2,
 * thrown as InputErrors and mapped by main.ts), warnings on stderr, a one-line summary on stdout.
 */
export async function runValidate(opts: ValidateOptions, io: CliIO): Promise<number> {
  const predicting = opts.spec !== undefined || opts.scope !== undefined || opts.scopeVersion !== undefined || opts.standard.length > 0;
  // the options first: a bad --now is bad input before any file is read
  const now = predicting ? parseNow(opts.now).toISOString() : undefined;
  const set = await loadDefinitions(opts.images);
  for (const w of set.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const versions = set.images.reduce((n, d) => n + d.versions.length, 0);
  const disabled = set.images.filter((d) => !d.enable).length;
  // a machine-readable prediction keeps stdout pure
  (predicting && opts.format !== 'text' ? io.stderr : io.stdout).write(
    `${set.files.length} file(s), ${set.images.length} image definition(s) (${disabled} disabled), ${versions} version(s): valid` +
      `${set.warnings.length ? `, ${set.warnings.length} warning(s)` : ''}\n`,
  );
  // with a spec, scope or standard: also predict whether the cloud would comply after apply
  if (predicting) return runPrediction({ ...opts, now }, set, io);
  return 0;
}
