import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { LeaseHeldError } from '../apply/lease.js';
import { InputError, InputErrors } from '../core/errors.js';
import { OpenStackError, ConfigError } from '../openstack/errors.js';
import { VERSION } from '../version.js';
import { processIO, type CliIO } from './io.js';
import { ChangesPresent, errorExit, EXIT, ExitError } from './exit-codes.js';
import { COMMANDS } from './commands/index.js';
import { addCommand } from './command.js';
import { clipEchoed } from '../core/text/clip.js';
import { safeOutput } from '../util/redact.js';
import { HELP_CONFIGURATION, helpEnd, USAGE_EXIT } from './help.js';

/**
 * The CLI shell: builds the program from the list of commands (cli/commands/index.ts), each of
 * which loads its handler lazily; and the only place that turns errors
 * into exit codes and messages. Returns the exit code instead of calling process.exit, so tests
 * can run it in-process and pending output is flushed.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  argv = asInvoked(argv, process.argv0);
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.OK;
  } catch (e) {
    const code = handleError(e, io, argv.includes('--debug'));
    // plan --detailed-exitcode: 2 means "changes", so any failure of that invocation is 1 (Terraform)
    return argv.includes('--detailed-exitcode') && code !== EXIT.OK && !(e instanceof ChangesPresent) ? 1 : code;
  }
}

/** The name OSISM (python-osism) runs: `/usr/local/bin/openstack-image-manager`. */
export const OIM_COMMAND = 'openstack-image-manager';

/**
 * Invoked under the name `openstack-image-manager` (a copy or a symlink of bin/scs-images or of
 * the single executable), the command line is OIM's: `scs-images manage` with the same arguments.
 * The name is the script's (`argv[1]`: the launcher under that name) or the one the program was
 * started by (`argv0`: the single executable, whose argv[1] is its resolved path). `--version`
 * alone stays the program's.
 */
export function asInvoked(argv: readonly string[], argv0: string): string[] {
  const base = (p: string | undefined) => (p === undefined ? '' : path.basename(p).replace(/\.(exe|js|cjs|mjs)$/i, ''));
  if (base(argv[1]) !== OIM_COMMAND && base(argv0) !== OIM_COMMAND) return [...argv];
  // OIM has no --version; here it tells which scs-images answers under OIM's name
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) return [...argv];
  return [argv[0] ?? process.execPath, argv[1] ?? OIM_COMMAND, 'manage', ...argv.slice(2)];
}

export function buildProgram(io: CliIO): Command {
  const program = new Command('scs-images')
    .description('Check and keep OpenStack images compliant with the SCS image standards (scs-0104, scs-0102)')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .configureHelp(HELP_CONFIGURATION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images check --cloud mycloud', 'is the cloud compliant?'],
          ['scs-images init --out images/ && scs-images ensure --images images/ --cloud mycloud', 'from a bare cloud to compliant'],
          ['scs-images check --help', 'every command has its own help, with examples'],
        ],
        exitCodes: [
          [EXIT.OK, 'success (check: compliant)'],
          [EXIT.NOT_COMPLIANT, 'not compliant, or some change failed'],
          USAGE_EXIT,
          [EXIT.INCOMPLETE, 'no verdict, or the cloud could not be reached'],
        ],
      }),
    );

  for (const command of COMMANDS) addCommand(program, command, io);
  return program;
}

function handleError(e: unknown, io: CliIO, debug: boolean): number {
  // a message may quote a hostile value: never echo more than a few lines of it
  const say = (msg: string) => io.stderr.write(`scs-images: ${clipEchoed(safeOutput(msg), 2000)}\n`);
  // help and --version end with exit 0; any other commander error was printed by commander
  if (e instanceof CommanderError) return errorExit(e);
  if (e instanceof ExitError) {
    if (e.message) say(e.message);
  } else if (e instanceof InputErrors) {
    for (const err of e.errors) say(`error: ${err.message}`);
  } else if (e instanceof InputError || e instanceof ConfigError || e instanceof LeaseHeldError || e instanceof OpenStackError) {
    say(`error: ${e.message}`);
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    say(`internal error: ${err.message}${debug && err.stack ? `\n${err.stack}` : ' (run with --debug for details)'}`);
  }
  return errorExit(e);
}
