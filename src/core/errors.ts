/**
 * Bad input: a spec, definition or images file the tool cannot use. Always names the place
 * (file, line, column, field) so the operator can fix it; the CLI maps it to exit code 2 and
 * prints only `message` (never a stack trace).
 */
export interface InputLocation {
  /** File path, URL or bundled name the input came from. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Dotted path of the offending field, e.g. `images[2].status`. */
  field?: string;
}

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly location: InputLocation;
  /** The problem without the location prefix. */
  readonly problem: string;

  constructor(location: InputLocation, problem: string, options?: { cause?: unknown }) {
    super(`${formatLocation(location)}: ${problem}`, options);
    this.location = location;
    this.problem = problem;
  }
}

export function formatLocation(loc: InputLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  if (loc.field) s += ` (${loc.field})`;
  return s;
}

/** Several input problems found in one pass, reported together. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}
