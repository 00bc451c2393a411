import { loadDefinitions } from '../../definitions/load-definitions.js';
import type { CliIO } from '../main.js';

export interface ValidateOptions {
  images: string;
}

/**
 * `scs-images validate --images PATH`: every problem of every file with file:line:column (exit 2,
 * thrown as InputErrors and mapped by main.ts), warnings on stderr, a one-line summary on stdout.
 */
export async function runValidate(opts: ValidateOptions, io: CliIO): Promise<number> {
  const set = await loadDefinitions(opts.images);
  for (const w of set.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const versions = set.images.reduce((n, d) => n + d.versions.length, 0);
  const disabled = set.images.filter((d) => !d.enable).length;
  io.stdout.write(
    `${set.files.length} file(s), ${set.images.length} image definition(s) (${disabled} disabled), ${versions} version(s): valid` +
      `${set.warnings.length ? `, ${set.warnings.length} warning(s)` : ''}\n`,
  );
  return 0;
}
