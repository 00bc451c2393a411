/**
 * Exit codes, decided in one place (cli/main.ts). Commands return or throw ExitError.
 * `check`: 0 compliant, 1 not compliant, 2 bad invocation or bad input, 3 could not finish,
 * 4 inconclusive (nothing failed; the official test aborts on some input, and the SCS dashboard
 * shows the version as passed with an asterisk).
 */
import { CommanderError } from 'commander';
import { LeaseHeldError } from '../apply/lease.js';
import type { ComplianceVerdict } from '../core/check/verdict.js';
import { InputError, InputErrors } from '../core/errors.js';
import { ConfigError } from '../openstack/errors.js';

export const EXIT = {
  OK: 0,
  NOT_COMPLIANT: 1,
  USAGE: 2,
  INCOMPLETE: 3,
  /** Every required testcase decided, none FAILed, some ABORTed as the official test does (✅* on the dashboard). */
  INCONCLUSIVE: 4,
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

/** The exit code of each verdict (decided once, by core/check/verdict.ts). */
const VERDICT_EXIT: Readonly<Record<ComplianceVerdict, number>> = {
  compliant: EXIT.OK,
  'not-compliant': EXIT.NOT_COMPLIANT,
  'no-verdict': EXIT.INCOMPLETE,
  inconclusive: EXIT.INCONCLUSIVE,
};

/**
 * A check report's exit code, read from its verdict: 1 when a counted testcase of any subject
 * FAILed (even when another could not be checked), 3 when nothing failed but something could not
 * be decided, 4 when everything was decided, nothing failed and some testcase ABORTed where the
 * official test aborts too (the dashboard's ✅*), 0 when compliant.
 */
export function exitCodeForReport(report: { verdict: ComplianceVerdict }): number {
  return VERDICT_EXIT[report.verdict];
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

const SEVERITY = [EXIT.OK, EXIT.INCONCLUSIVE, EXIT.NOT_COMPLIANT, EXIT.USAGE, EXIT.INCOMPLETE, EXIT.INTERRUPTED] as number[];

/** The worst of a fleet run's exit codes: interrupted > could not finish > bad input > failed > inconclusive > ok. */
export function worstExit(codes: readonly number[]): number {
  return codes.reduce((worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst), EXIT.OK as number);
}
