/**
 * The errors and warnings found in one definitions file, each placed at a line and column of the
 * YAML text. Every problem of a file is collected before any is reported, so the user fixes a
 * file in one round instead of one error per run.
 */
import type { z } from 'zod';
import { formatLocation, InputError, InputErrors, type InputLocation } from '../errors.js';
import { formatPath, type LocatedYaml, type PathSegment } from '../yaml/positions.js';

/** Where a problem points: at the value, or at the key (for unknown, misspelt or valueless keys). */
export type Anchor = 'value' | 'key';

/** What a field schema's issue says beyond its message (field-schemas.ts sets it). */
export interface FieldIssueParams {
  at?: Anchor;
  /** A "required key is missing" issue, which a did-you-mean may already cover. */
  missing?: true;
}

export class Findings {
  private readonly errors: InputError[] = [];
  private readonly warnings: { loc: InputLocation; text: string }[] = [];
  private readonly compatNotes: { loc: InputLocation; text: string }[] = [];
  /** Paths (formatted) whose "required key is missing" a did-you-mean has already reported. */
  private readonly coveredMissing = new Set<string>();

  constructor(readonly y: LocatedYaml) {}

  get errorCount(): number {
    return this.errors.length;
  }

  error(path: readonly PathSegment[], problem: string, at: Anchor = 'value'): void {
    this.errors.push(new InputError(this.locate(path, at), problem));
  }

  /** An error found by location rather than path (the checks across images). */
  errorAt(location: InputLocation, problem: string): void {
    this.errors.push(new InputError(location, problem));
  }

  warn(path: readonly PathSegment[], problem: string, at: Anchor = 'value'): void {
    this.warnings.push({ loc: this.locate(path, at), text: problem });
  }

  /**
   * Valid here, but OIM's own `--check` would reject it: only matters where the same files are
   * also fed to OIM, so `validate` shows it and the commands that use the files do not.
   */
  compat(path: readonly PathSegment[], problem: string, at: Anchor = 'value'): void {
    this.compatNotes.push({ loc: this.locate(path, at), text: problem });
  }

  /** `unknown key 'architecure' (did you mean 'architecture'?)` says all there is to say about the missing key. */
  coverMissing(path: readonly PathSegment[]): void {
    this.coveredMissing.add(formatPath(path));
  }

  isMissingCovered(path: readonly PathSegment[]): boolean {
    return this.coveredMissing.has(formatPath(path));
  }

  /**
   * Check `input` (the value at `base`) with a zod schema and report its issues at their
   * positions, as parse-image-spec.ts does. The data when there were none.
   */
  parse<S extends z.ZodType>(base: readonly PathSegment[], schema: S, input: unknown): z.output<S> | undefined {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = [...base, ...(issue.path as PathSegment[])];
      const params = (issue.code === 'custom' ? issue.params : undefined) as FieldIssueParams | undefined;
      if (params?.missing && this.isMissingCovered(path)) continue;
      this.error(path, issue.message, params?.at ?? 'value');
    }
    return undefined;
  }

  /** Throw every error, in the order of the text (ties keep the order found). */
  throwIfErrors(): void {
    if (this.errors.length === 0) return;
    const sorted = this.errors
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.location.line ?? 0) - (b.e.location.line ?? 0) || (a.e.location.column ?? 0) - (b.e.location.column ?? 0) || a.i - b.i);
    throw new InputErrors(sorted.map((x) => x.e));
  }

  /** Each warning prefixed with file:line:column (field). */
  warningTexts(): string[] {
    return this.warnings.map((w) => `${formatLocation(w.loc)}: ${w.text}`);
  }

  /** Each OIM-compatibility note prefixed with file:line:column (field). */
  compatTexts(): string[] {
    return this.compatNotes.map((w) => `${formatLocation(w.loc)}: ${w.text}`);
  }

  private locate(path: readonly PathSegment[], at: Anchor): InputLocation {
    return at === 'key' ? this.y.locateKey(path) : this.y.locate(path);
  }
}
