/**
 * `--filter`, `--latest`, `--max-age`: which definitions a plan works on, which versions it
 * imports, and the age report (OIM's --filter, --latest, --check-age/--max-age), for plan, apply
 * and manage. Usage errors end with exit 2.
 */
import type { Command } from 'commander';
import type { Selection } from '../core/plan/types.js';
import { EXIT, ExitError } from './exit-codes.js';

export interface SelectionFlags {
  filter?: string;
  latest?: boolean;
  maxAge?: string;
}

export function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('--filter <regex>', 'only definitions whose name this regular expression finds (images of the others are never touched)')
    .option('--latest', 'import only the newest version of each definition (older ones already there stay managed)')
    .option('--max-age <days>', "note managed images built more than DAYS before their definition's build (OIM's --check-age); changes nothing");
}

/** A regular expression searched anywhere in the name, as Python's re.search in OIM. */
export function parseFilter(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (e) {
    throw new ExitError(EXIT.USAGE, `error: --filter: '${value}' is not a regular expression: ${(e as Error).message}`);
  }
}

export function parseDays(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new ExitError(EXIT.USAGE, `error: ${flag}: '${value}' is not a number of days (a whole number, 0 or more)`);
  return n;
}

/** The flags → the plan request's selection and age threshold (absent flags stay absent). */
export function selectionFrom(flags: SelectionFlags): { selection?: Selection; maxAgeDays?: number } {
  const selection: Selection = {};
  if (flags.filter !== undefined) selection.filter = parseFilter(flags.filter);
  if (flags.latest) selection.latestOnly = true;
  return {
    ...(Object.keys(selection).length > 0 ? { selection } : {}),
    ...(flags.maxAge !== undefined ? { maxAgeDays: parseDays(flags.maxAge, '--max-age') } : {}),
  };
}
