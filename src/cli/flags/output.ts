/**
 * How a command writes its result: `-f, --format` (openstackclient's short form), `-o, --output`,
 * `--no-color`, `-v, --verbose` and `--explain`, each declared only where the command has it.
 */
import { Option } from 'commander';
import { FORMATS, type ReportFormat } from '../../reporters/formats.js';
import type { FlagGroup } from '../command.js';

export interface Output<F extends string = ReportFormat> {
  format: F;
  /** `-o FILE`; undefined: stdout. */
  file?: string | undefined;
  /** False with `--no-color`; colours are still used only on a terminal (cli/colour.ts). */
  color: boolean;
  verbose: boolean;
  explain: boolean;
}

export interface OutputDeclaration<F extends string> {
  /** The formats and what `--format` is for. */
  formats?: readonly F[];
  formatHelp?: string;
  /** `-o, --output` with this help. */
  file?: string;
  color?: boolean;
  verbose?: string;
  explain?: string;
}

export function outputFlags<F extends string = ReportFormat>(d: OutputDeclaration<F> = {}): FlagGroup<Output<F>> {
  const formats = (d.formats ?? FORMATS) as readonly string[];
  return {
    declare: (cmd) => {
      cmd.addOption(new Option('-f, --format <format>', d.formatHelp ?? 'report format').choices([...formats]).default('text'));
      if (d.file) cmd.option('-o, --output <file>', d.file);
      if (d.verbose) cmd.option('-v, --verbose', d.verbose);
      if (d.explain) cmd.option('--explain', d.explain);
      if (d.color) cmd.option('--no-color', 'no colours in text output (default: colours only on a terminal)');
    },
    parse: (o) => ({
      format: o['format'] as F,
      file: o['output'] as string | undefined,
      color: o['color'] !== false,
      verbose: o['verbose'] === true,
      explain: o['explain'] === true,
    }),
  };
}

/** The check report's output, the same in check, audit, validate and ensure. */
export const REPORT_FILE_HELP = 'write the report to a file instead of stdout';
export const EXPLAIN_HELP = "show advisory findings with both readings: the official test's and the standard's text";
