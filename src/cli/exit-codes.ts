/**
 * Exit codes, decided in one place (cli/main.ts). Commands return or throw ExitError.
 * `check`: 0 compliant, 1 not compliant, 2 bad invocation or bad input, 3 could not finish.
 */
import { CommanderError } from 'commander';
import { LeaseHeldError } from '../apply/lease.js';
import { InputError, InputErrors } from '../core/errors.js';
import { ConfigError } from '../openstack/errors.js';

export const EXIT = {
  OK: 0,
  NOT_COMPLIANT: 1,
  USAGE: 2,
  INCOMPLETE: 3,
  /** Ctrl-C stopped a run that changes a cloud (128 + SIGINT, as a shell reports it). */
  INTERRUPTED: 130,
} as const;

/** Ends a command with an exit code; `message` (if any) is printed to stderr, never a stack. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/**
 * `plan --detailed-exitcode` found changes: exit 2 (Terraform's convention). Every other failure of
 * that invocation exits 1, so 2 is never ambiguous with a usage error (main.ts).
 */
export class ChangesPresent extends ExitError {
  constructor() {
    super(2);
  }
}

/**
 * A check report's exit code, the worst over all subjects: a FAIL means "not compliant" (1);
 * without one, a subject that could not be checked or an undecided testcase means "no verdict" (3).
 */
export function exitCodeForReport(report: { compliant: boolean; subjects: ReadonlyArray<{ error?: string }>; summary: { failed: number } }): number {
  if (report.compliant) return EXIT.OK;
  if (report.subjects.some((s) => s.error !== undefined)) return EXIT.INCOMPLETE;
  return report.summary.failed > 0 ? EXIT.NOT_COMPLIANT : EXIT.INCOMPLETE;
}

/**
 * The exit code a thrown error ends a command with (main.ts prints it; a fleet run records it per
 * cloud): bad input 2, another apply's lease 1 (nothing changed, the run did not do its job), a
 * cloud that could not be reached or answered wrongly 3, anything unexpected 3.
 */
export function errorExit(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (e instanceof ExitError) return e.code;
  if (e instanceof InputErrors || e instanceof InputError || e instanceof ConfigError) return EXIT.USAGE;
  if (e instanceof LeaseHeldError) return EXIT.NOT_COMPLIANT;
  return EXIT.INCOMPLETE;
}

const SEVERITY = [EXIT.OK, EXIT.NOT_COMPLIANT, EXIT.USAGE, EXIT.INCOMPLETE, EXIT.INTERRUPTED] as number[];

/** The worst of a fleet run's exit codes: interrupted > could not finish > bad input > failed > ok. */
export function worstExit(codes: readonly number[]): number {
  return codes.reduce((worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst), EXIT.OK as number);
}
