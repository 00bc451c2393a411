/**
 * The end of every command's `--help`: a few examples and what each exit code means. One renderer,
 * so all commands read alike; each command's declaration says only its own examples and codes.
 */
import { EXIT } from './exit-codes.js';

export interface HelpEnd {
  /** Command lines, each with what it does; the note is printed as a shell comment above it, so both can be copied as they are. */
  examples: ReadonlyArray<readonly [command: string, note: string]>;
  /** Exit code → what it means for this command. */
  exitCodes: ReadonlyArray<readonly [code: number, meaning: string]>;
}

/** The meaning of exit 2, the same for every command (main.ts maps usage and input errors to it). */
export const USAGE_EXIT = [EXIT.USAGE, 'bad input or usage'] as const;
/** Exit 3 of the commands that talk to a cloud. */
export const UNREACHABLE_EXIT = [EXIT.INCOMPLETE, 'the cloud could not be reached or answered with an error'] as const;

/** `.addHelpText('after', helpEnd(...))`: commander prints it below the options, unwrapped. */
export function helpEnd({ examples, exitCodes }: HelpEnd): string {
  const lines = ['', 'Examples:'];
  for (const [command, note] of examples) {
    lines.push(`  # ${note}`, `  ${command}`);
  }
  lines.push('', 'Exit codes:');
  for (const [code, meaning] of exitCodes) lines.push(`  ${code}  ${meaning}`);
  return lines.join('\n');
}
