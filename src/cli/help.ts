/**
 * The end of every command's `--help`: a few examples and what each exit code means. One renderer,
 * so all commands read alike; each command's declaration says only its own examples and codes.
 */
import { Help, type Argument, type Option } from 'commander';
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

/**
 * Option descriptions as a reader wants them: commander writes every default as JSON, so a
 * number given as a string reads `(default: "4")`; plain values lose their quotes
 * (`(default: 4)`, `(choices: text, json, default: text)`). Set on the program before any command is
 * registered: commander copies the setting into each command it creates.
 */
export const HELP_CONFIGURATION = {
  optionDescription(this: Help, option: Option): string {
    return plainValues(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument: Argument): string {
    return plainValues(Help.prototype.argumentDescription.call(this, argument));
  },
};

function plainValues(text: string): string {
  const extra = /\(((?:choices|default): .*)\)$/.exec(text);
  if (!extra) return text;
  return `${text.slice(0, extra.index)}(${(extra[1] as string).replace(/"([^"\\\s]*)"/g, '$1')})`;
}
