/**
 * Exit codes, decided in one place (cli/main.ts). Commands return or throw ExitError.
 * `check`: 0 compliant, 1 not compliant, 2 bad invocation or bad input, 3 could not finish.
 */
export const EXIT = {
  OK: 0,
  NOT_COMPLIANT: 1,
  USAGE: 2,
  INCOMPLETE: 3,
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
