import { Command, CommanderError } from 'commander';
import { LeaseHeldError } from '../apply/lease.js';
import { InputError, InputErrors } from '../core/errors.js';
import { OpenStackError, ConfigError } from '../openstack/errors.js';
import { VERSION } from '../version.js';
import { processIO, type CliIO } from './io.js';
import { ChangesPresent, errorExit, EXIT, ExitError } from './exit-codes.js';
import { registerManageCommands } from './manage-commands.js';
import { registerOimManageCommand } from './oim-manage-command.js';
import { registerListCommand } from './list-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerInitCommand } from './init-command.js';
import { registerUpdateCommand } from './update-command.js';
import { registerMirrorCommand } from './mirror-command.js';
import { registerAdoptCommands } from './adopt-command.js';
import { registerCompletionCommand } from './completion-command.js';
import { clipEchoed } from '../core/text/clip.js';
import { redactOutput } from '../util/redact.js';
import { collect, NOW_HELP, formatOption, timeoutOption, insecureOption, debugOption } from './options.js';
import { ALL_REGIONS_FLAG, LIST_STREAMS_FLAG, REGION_FLAG } from './image-source.js';
import { HELP_CONFIGURATION, helpEnd, USAGE_EXIT } from './help.js';

/**
 * The CLI shell: declares commands, loads each lazily, and is the only place that turns errors
 * into exit codes and messages. Returns the exit code instead of calling process.exit, so tests
 * can run it in-process and pending output is flushed.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
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

function buildProgram(io: CliIO): Command {
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

  program
    .command('check')
    .description('check a cloud (or an exported image list) against the SCS-compatible IaaS scope (scs-0102 and scs-0104), or against one standard or spec')
    .option('--cloud <name>', 'cloud from clouds.yaml; repeat for several clouds (default: $OS_CLOUD, the OS_* variables, or the only cloud)', collect)
    .option('--all-clouds', 'check every cloud in clouds.yaml')
    .option(...REGION_FLAG)
    .option(...ALL_REGIONS_FLAG)
    .option('--concurrency <n>', 'clouds (and regions) checked at the same time', '4')
    .option(...LIST_STREAMS_FLAG)
    .option('--scope <scope>', 'certificate scope: bundled scs-compatible-iaas, a file or URL (the default when neither --spec nor --standard is given)')
    .option('--scope-version <version>', 'scope version, e.g. v5.1, v4, next (default: the newest stable one)')
    .option('--with-recommended', 'also run the recommended testcases that no scope version includes (reported apart)')
    .option('--standard <id>', 'run a standard without a scope: scs-0104-v1, scs-0104-v2 (draft), scs-0102-v1, scs-0102-v2 (repeatable)', collect)
    .option('--spec <spec>', 'scs-0104 image spec: bundled name (scs-0104-v1-images, scs-0104-v1-images-v5), file or URL; alone it runs scs-0104 only')
    .option(
      '--images-file <file>',
      'check an exported image list instead of a cloud (Glance JSON, `openstack image list --long -f json`, `openstack image show -f json`)',
    )
    .option('--visibility <list>', 'comma-separated visibilities that count: public, community, shared, private, all', 'public,community')
    .option('--include-hidden', 'also check images with os_hidden=true (the official test never sees them)')
    .option('--all-community', "also check other projects' community images (Glance's default listing, which the official test uses, shows only your own)")
    .option('--collapse-duplicates', 'reference behaviour: of several images with one name, check only the last listed')
    .option('--strict', 'missing recommended images make the result non-compliant')
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--now <time>',
      `${NOW_HELP}: the scope version picked by default, recency, uuid_validity, build dates in the future and the v2 draft's release deadlines (for reproducible reports)`,
    )
    .addOption(timeoutOption())
    .addOption(insecureOption())
    .option('-v, --verbose', 'also list the images each passing testcase matched')
    .option('--explain', "show advisory findings with both readings: the official test's and the standard's text")
    .option('--no-color', 'no colours in text output (default: colours only on a terminal)')
    .addOption(debugOption())
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images check --cloud mycloud', 'the newest stable scope version (scs-0102 + scs-0104)'],
          ['scs-images check --cloud mycloud --spec scs-0104-v1-images-v5 --format junit -o report.xml', 'scs-0104 only, as JUnit for CI'],
          ['scs-images check --images-file images.json --format html -o report.html', 'an export instead of a cloud (Glance GET /v2/images JSON)'],
        ],
        exitCodes: [
          [EXIT.OK, 'compliant'],
          [EXIT.NOT_COMPLIANT, 'not compliant'],
          USAGE_EXIT,
          [EXIT.INCOMPLETE, 'no verdict (cloud unreachable, listing incomplete)'],
        ],
      }),
    )
    .action(async (opts) => {
      const { checkCommand } = await import('./commands/check.js');
      const code = await checkCommand(opts, io);
      if (code !== EXIT.OK) throw new ExitError(code);
    });

  registerManageCommands(program, io);
  registerOimManageCommand(program, io);
  registerListCommand(program, io);
  registerAuditCommand(program, io);
  registerInitCommand(program, io);
  registerUpdateCommand(program, io);
  registerMirrorCommand(program, io);
  registerAdoptCommands(program, io);
  // last: it completes every command declared before it
  registerCompletionCommand(program, io);
  return program;
}

function handleError(e: unknown, io: CliIO, debug: boolean): number {
  // a message may quote a hostile value: never echo more than a few lines of it
  const say = (msg: string) => io.stderr.write(`scs-images: ${clipEchoed(redactOutput(msg), 2000)}\n`);
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
