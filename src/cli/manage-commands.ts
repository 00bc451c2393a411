/**
 * The image manager's commands (validate, plan, apply, share), declared here so main.ts only
 * registers them. Each is loaded lazily and returns an exit code; main.ts maps errors.
 */
import { Option, type Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './main.js';
import { addManageOptions } from './manage-options.js';

async function finish(code: Promise<number>): Promise<void> {
  const c = await code;
  if (c !== EXIT.OK) throw new ExitError(c);
}

export function registerManageCommands(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('validate image definitions (OIM format); errors name file, line and column')
    .requiredOption('--images <path>', 'a definitions file or a directory of *.yml/*.yaml')
    .action(async (opts) => {
      const { runValidate } = await import('./commands/validate.js');
      await finish(runValidate(opts, io));
    });

  addManageOptions(
    program.command('plan').description('show what apply would change to make the cloud match the definitions (read-only)'),
    { imagesRequired: true },
  )
    .option('--out <file>', 'also write the plan as JSON, for `scs-images apply <file>`')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--detailed-exitcode', 'exit 0 without changes, 2 with changes, 1 on errors', false)
    .action(async (opts) => {
      const { runPlan } = await import('./commands/plan.js');
      await finish(runPlan(opts, io));
    });

  addManageOptions(
    program
      .command('apply')
      .argument('[plan]', 'a plan file from `plan --out` (refused if the managed images changed since)')
      .description('make the cloud match the definitions: import, repair, rotate, hide/deactivate/delete outdated versions'),
    { imagesRequired: false },
  )
    .option('--dry-run', 'show the plan and change nothing', false)
    .option('--parallel <n>', 'imports running at the same time', '3')
    .option('--import-timeout <seconds>', 'budget per imported version, over all attempts', '1800')
    .option('--stuck-timeout <seconds>', "an image still 'queued' this long after its import was accepted is stuck", '120')
    .option('--no-web-download', "never use Glance's web-download; the tool streams every download into glance-direct/upload")
    .option('--no-read-back', "do not read an image back to verify it when Glance's hash algorithm differs from the definition's")
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'plain']).default('auto'))
    .action(async (planFile: string | undefined, opts) => {
      const { runApply } = await import('./commands/apply.js');
      await finish(runApply(planFile, opts, io));
    });

  program
    .command('share')
    .description('share an image with a project or every project of a domain (or stop sharing it)')
    .requiredOption('--image <name-or-id>', 'an image of your project')
    .option('--project <name-or-id>', 'the project to share with')
    .option('--domain <name-or-id>', "the project's domain (when the name is not unique)")
    .option('--domain-projects <domain>', 'share with every project of this domain')
    .option('--remove', 'stop sharing instead', false)
    .option('--accept', 'also set the membership to accepted (needs admin rights, or the member project itself)', false)
    .option('--cloud <name>', 'cloud from clouds.yaml (default: $OS_CLOUD, the OS_* variables, or the only cloud)')
    .option('--region <name>', 'region of the cloud')
    .option('--timeout <seconds>', 'per-request timeout in seconds', '30')
    .option('--insecure', 'do not verify TLS certificates (prints a warning)', false)
    .option('--debug', 'trace requests to stderr (credentials and tokens redacted)', false)
    .action(async (opts) => {
      const { runShare } = await import('./commands/share.js');
      await finish(runShare(opts, io));
    });
}
