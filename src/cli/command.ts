/**
 * The one shape of a command. A command is a folder under cli/commands/: `index.ts` declares it
 * (name, arguments, flag groups, its own flags, help examples and exit codes) and `run.ts` is its
 * handler, loaded only when the command runs. cli/commands/index.ts lists every declaration in
 * help order; main.ts builds the program from that list and nothing else.
 *
 * Flags shared by several commands come in groups (cli/flags/): a group declares its flags once
 * and turns them into one typed value per run. The shell parses every group of a command before
 * its handler starts, so a bad flag ends the run (exit 2) before anything is read or any cloud
 * is asked, and a handler never re-reads a flag another group owns.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import { helpEnd, type HelpEnd } from './help.js';
import type { CliIO } from './io.js';

/** What commander parsed: option names in camelCase. */
export type ParsedOptions = Record<string, unknown>;

/** Flags that belong together, declared and parsed in one place. */
export interface FlagGroup<V> {
  /** Adds the group's flags to a command (in help order). */
  declare(cmd: Command): void;
  /** The flags of one run → the group's value; a bad value throws ExitError(EXIT.USAGE). */
  parse(opts: ParsedOptions, io: CliIO): V;
}

// biome-ignore lint/suspicious/noExplicitAny: a group of any value; GroupValues recovers each type
export type AnyGroups = Record<string, FlagGroup<any>>;
export type GroupValues<G extends AnyGroups> = { [K in keyof G]: G[K] extends FlagGroup<infer V> ? V : never };

/** What a handler gets: each group's value, the command's own flags and arguments, the streams. */
export interface CommandRun<G extends AnyGroups, Own = ParsedOptions> {
  flags: GroupValues<G>;
  /** The command's own flags (those of no group), as commander parsed them. */
  opts: Own;
  args: readonly (string | undefined)[];
  io: CliIO;
}

/** A handler returns the exit code; errors are mapped by main.ts (cli/exit-codes.ts). */
export type Handler<G extends AnyGroups, Own> = (run: CommandRun<G, Own>) => Promise<number>;

export interface CommandDeclaration<G extends AnyGroups = AnyGroups, Own = ParsedOptions> {
  name: string;
  description: string;
  /** Positional arguments, e.g. `[plan]`, with their help. */
  arguments?: ReadonlyArray<readonly [name: string, help: string]>;
  /** Flag groups, parsed in this order before the handler runs. */
  groups: G;
  /** The command's own flags, added after the groups'. */
  options?: (cmd: Command) => void;
  /** Text between the options and the examples (e.g. how confirmation works). */
  helpText?: string;
  help: HelpEnd;
  /** Loads the handler (lazily: a command's code is read only when it runs). */
  handler: () => Promise<Handler<G, Own>>;
  /** Declares the command itself (completion needs the program); used instead of `handler`'s shape. */
  custom?: (program: Command, cmd: Command, io: CliIO) => void;
}

/**
 * Keeps the types of a declaration for its handler: `defineCommand<OwnFlags>()({ ... })`, where
 * OwnFlags types the command's own flags and the groups' values are inferred.
 */
export function defineCommand<Own = ParsedOptions>() {
  return <G extends AnyGroups>(d: CommandDeclaration<G, Own>): CommandDeclaration<G, Own> => d;
}

/** The handler type of a declaration: `export const run: RunOf<typeof check> = async ({ flags }) => ...`. */
export type RunOf<D> = D extends CommandDeclaration<infer G, infer Own> ? Handler<G, Own> : never;

/** Every group's value, in declaration order. */
export function parseGroups<G extends AnyGroups>(groups: G, opts: ParsedOptions, io: CliIO): GroupValues<G> {
  const values: Record<string, unknown> = {};
  for (const [key, group] of Object.entries(groups)) values[key] = group.parse(opts, io);
  return values as GroupValues<G>;
}

/** Adds one declared command to the program. */
export function addCommand(program: Command, d: CommandDeclaration, io: CliIO): Command {
  const cmd = program.command(d.name).description(d.description);
  for (const [name, help] of d.arguments ?? []) cmd.argument(name, help);
  for (const group of Object.values(d.groups)) group.declare(cmd);
  d.options?.(cmd);
  cmd.addHelpText('after', (d.helpText ?? '') + helpEnd(d.help));
  if (d.custom) {
    d.custom(program, cmd, io);
    return cmd;
  }
  cmd.action(async (...received: unknown[]) => {
    // commander passes the arguments, then the options, then the command
    const command = received[received.length - 1] as Command;
    const args = received.slice(0, -2) as Array<string | undefined>;
    const opts = command.opts();
    const flags = parseGroups(d.groups, opts, io);
    const run = await d.handler();
    const code = await run({ flags, opts, args, io });
    if (code !== EXIT.OK) throw new ExitError(code);
  });
  return cmd;
}
