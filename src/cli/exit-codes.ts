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

/**
 * A check report's exit code, the worst over all subjects: a FAIL means "not compliant" (1);
 * without one, a subject that could not be checked or an undecided testcase means "no verdict" (3).
 */
export function exitCodeForReport(report: { compliant: boolean; subjects: ReadonlyArray<{ error?: string }>; summary: { failed: number } }): number {
  if (report.compliant) return EXIT.OK;
  if (report.subjects.some((s) => s.error !== undefined)) return EXIT.INCOMPLETE;
  return report.summary.failed > 0 ? EXIT.NOT_COMPLIANT : EXIT.INCOMPLETE;
}
