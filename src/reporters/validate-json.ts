/**
 * `validate --format json` (without a prediction): the validation result for CI, documented in
 * docs/image-manager.md ("Machine-readable results"). Minor versions only add fields.
 */
import type { InputError } from '../core/errors.js';
import type { DefinitionSet } from '../core/definitions/types.js';

const VALIDATE_RESULT_FORMAT_VERSION = '1.0';

export interface ValidateJson {
  formatVersion: string;
  command: 'validate';
  valid: boolean;
  files: string[];
  images: number;
  disabled: number;
  versions: number;
  warnings: string[];
  errors: Array<{ file: string; line?: number; column?: number; field?: string; message: string }>;
}

export function renderValidateJson(input: { set?: DefinitionSet; warnings: readonly string[]; errors: readonly InputError[] }): string {
  const images = input.set?.images ?? [];
  const doc: ValidateJson = {
    formatVersion: VALIDATE_RESULT_FORMAT_VERSION,
    command: 'validate',
    valid: input.errors.length === 0,
    files: input.set?.files ?? [],
    images: images.length,
    disabled: images.filter((d) => !d.enable).length,
    versions: images.reduce((n, d) => n + d.versions.length, 0),
    warnings: [...input.warnings],
    errors: input.errors.map((e) => ({ ...e.location, message: e.problem })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
