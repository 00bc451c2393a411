/**
 * The image manager's commands (validate, plan, apply, share), declared here so main.ts only
 * registers them. Each is loaded lazily and returns an exit code; main.ts maps errors.
 */
import { Option, type Command } from 'commander';
import { EXIT, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';
import { addManageOptions } from './manage-options.js';
import { addSelectionOptions } from './selection-options.js';
import { collect, NOW_HELP, formatOption, timeoutOption, insecureOption, debugOption } from './options.js';
import { helpEnd, UNREACHABLE_EXIT, USAGE_EXIT } from './help.js';

async function finish(code: Promise<number>): Promise<void> {
  const c = await code;
  if (c !== EXIT.OK) throw new ExitError(c);
}

/** How apply (and ensure's apply step) imports: concurrency, budgets, methods, the lease, progress. */
export function addImportOptions(cmd: Command): Command {
  return cmd
    .option('--parallel <n>', 'imports running at the same time', '3')
    .option('--import-timeout <seconds>', 'budget per imported version, over all attempts', '1800')
    .option('--stuck-timeout <seconds>', "an image still 'queued' this long after its import was accepted is stuck", '120')
    .option('--no-web-download', "never use Glance's web-download; the tool streams every download into glance-direct/upload")
    .option(
      '--mirror-fallback',
      "when a version's mirror_url fails (HTTP error, timeout, wrong checksum), import it from its upstream url instead, and say so (default: the version fails)",
    )
    .option('--no-read-back', "do not read an image back to verify it when Glance's hash algorithm differs from the definition's")
    .option(
      '--lock-timeout <seconds>',
      'wait this long for another apply on the same project and tag to finish (0: stop at once, exit 1, nothing changed)',
      '0',
    )
    .option('--no-lock', 'take no lease on the project and tag (only where nothing else can apply at the same time)')
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'plain']).default('auto'))
    .option('--progress-interval <seconds>', 'plain progress: a timestamped line this often while Glance imports (web-download, glance-direct)', '30');
}

const APPLY_CONFIRMATION_HELP = `
Confirmation: without a plan file, and with stdin and stdout on a terminal, apply shows the plan
and goes ahead only after you type 'yes' (--auto-approve skips the question). Without a terminal
(CI, cron, pipes) it never asks and applies the plan it shows. A plan file from \`plan --out\` is
applied without a question: it was reviewed when it was made.

Ctrl-C: the changes under way finish, no new one starts, and what an import left is private and
marked, so the next apply resumes it (exit 130). Ctrl-C again quits at once (crash-safe as well).`;

export function registerManageCommands(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('validate image definitions (OIM format); errors name file, line and column')
    .requiredOption('--images <path>', 'a definitions file or a directory of *.yml/*.yaml')
    .option('--spec <spec>', 'also predict: would the images these definitions produce pass scs-0104 with this spec? (exit 1 if not)')
    .option('--scope <scope>', 'also predict against a certificate scope (bundled scs-compatible-iaas, file or URL)')
    .option('--scope-version <version>', 'scope version for the prediction (default: the newest stable one)')
    .option('--standard <id>', 'also predict against a standard: scs-0104-v1, scs-0104-v2, scs-0102-v1, scs-0102-v2 (repeatable)', collect)
    .option('--tag <tag>', 'the managed tag the images would carry', 'managed_by_osism')
    .option('--now <time>', `${NOW_HELP}: the scope version, recency and the predicted registration date`)
    .option('--strict', 'recommended testcases count')
    .addOption(formatOption('format of the prediction report; without --spec, --scope or --standard, json prints the validation result'))
    .option('-o, --output <file>', 'write the prediction report to a file')
    .option('--explain', 'show advisory findings with both readings')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images validate --images images/', 'every problem of every file, with file:line:column'],
          ['scs-images validate --images images/ --spec scs-0104-v1-images-v5', 'also predict: would the cloud pass scs-0104 after apply?'],
          ['scs-images validate --images images/ --scope-version v5.1 --format json -o prediction.json', 'predict for scope version v5.1, as JSON'],
        ],
        exitCodes: [
          [EXIT.OK, 'valid (and, when predicting, the cloud would comply)'],
          [EXIT.NOT_COMPLIANT, 'the prediction is not compliant'],
          USAGE_EXIT,
          [EXIT.INCOMPLETE, 'the prediction has no verdict'],
        ],
      }),
    )
    .action(async (opts) => {
      const { validateCommand } = await import('./commands/validate.js');
      await finish(validateCommand(opts, io));
    });

  addSelectionOptions(
    addManageOptions(program.command('plan').description('show what apply would change to make the cloud match the definitions (read-only)'), {
      imagesRequired: true,
      io,
    }),
  )
    .option('--out <file>', 'also write the plan as JSON, for `scs-images apply <file>`')
    .addOption(formatOption('output format', ['text', 'json']))
    .option('--detailed-exitcode', 'exit 0 without changes, 2 with changes, 1 on errors')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images plan --images images/ --cloud mycloud', 'what apply would change (read-only)'],
          ['scs-images plan --images images/ --cloud mycloud --out plan.json', 'review it, then: scs-images apply plan.json --cloud mycloud'],
          ['scs-images plan --images images/ --cloud mycloud --detailed-exitcode', 'in CI: exit 2 when the cloud differs from the definitions'],
        ],
        exitCodes: [
          [EXIT.OK, 'the plan was shown (with --detailed-exitcode: no changes)'],
          [EXIT.NOT_COMPLIANT, 'with --detailed-exitcode: any error'],
          [EXIT.USAGE, 'bad input or usage (with --detailed-exitcode: there are changes)'],
          UNREACHABLE_EXIT,
        ],
      }),
    )
    .action(async (opts) => {
      const { planCommand } = await import('./commands/plan.js');
      await finish(planCommand(opts, io));
    });

  const apply = addSelectionOptions(
    addManageOptions(
      program
        .command('apply')
        .argument('[plan]', 'a plan file from `plan --out` (refused if the managed images changed since)')
        .description('make the cloud match the definitions: import, repair, rotate, hide/deactivate/delete outdated versions'),
      { imagesRequired: false, io },
    ),
  )
    .option('--dry-run', 'show the plan and change nothing')
    .option('--auto-approve', 'do not ask before changing the cloud (same as --yes)')
    .option('--yes', 'the same as --auto-approve')
    .addOption(formatOption('output: text, or one JSON document on stdout for CI (docs/image-manager.md)', ['text', 'json']))
    .addHelpText(
      'after',
      APPLY_CONFIRMATION_HELP +
        helpEnd({
          examples: [
            ['scs-images apply --images images/ --cloud mycloud', 'show the plan, ask, then apply'],
            ['scs-images apply plan.json --cloud mycloud', 'exactly the plan of `plan --out plan.json`, without a question'],
            ['scs-images apply --images images/ --cloud mycloud --auto-approve -f json > result.json', 'in CI: no question, one JSON result'],
          ],
          exitCodes: [
            [EXIT.OK, 'every change was applied (or there was nothing to do)'],
            [EXIT.NOT_COMPLIANT, 'a change failed, the saved plan is stale, another apply holds the project and tag, or the confirmation was declined'],
            USAGE_EXIT,
            UNREACHABLE_EXIT,
            [EXIT.INTERRUPTED, 'interrupted (Ctrl-C); the next apply resumes'],
          ],
        }),
    );
  addImportOptions(apply).action(async (planFile: string | undefined, opts) => {
    const { applyCommand } = await import('./commands/apply.js');
    await finish(applyCommand(planFile, opts, io));
  });

  const ensure = addManageOptions(
    program.command('ensure').description('validate and predict, apply, then check: the cloud ends compliant, or the command says what is still unmet'),
    { imagesRequired: true, io },
  )
    .option('--spec <spec>', 'scs-0104 image spec (bundled name, file or URL)')
    .option('--scope <scope>', 'certificate scope (default when no --spec/--standard: the newest stable SCS-compatible IaaS version)')
    .option('--scope-version <version>', 'scope version')
    .option('--standard <id>', 'standard to ensure without a scope (repeatable)', collect)
    .option('--strict', 'recommended testcases count')
    .addOption(formatOption('format of the final check report'))
    .option('-o, --output <file>', 'write the final check report to a file')
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ['scs-images ensure --images images/ --cloud mycloud', 'the newest stable SCS-compatible IaaS scope version'],
          [
            'scs-images ensure --images images/ --cloud mycloud --spec scs-0104-v1-images-v5 --format html -o report.html',
            'scs-0104 only, the final report as HTML',
          ],
        ],
        exitCodes: [
          [EXIT.OK, 'the cloud is compliant'],
          [EXIT.NOT_COMPLIANT, 'the definitions cannot make it comply, an apply step failed, or the final check fails'],
          USAGE_EXIT,
          [EXIT.INCOMPLETE, 'no verdict (cloud unreachable, listing incomplete)'],
        ],
      }),
    );
  addImportOptions(ensure).action(async (opts) => {
    const { ensureCommand } = await import('./commands/ensure.js');
    await finish(ensureCommand(opts, io));
  });

  program
    .command('share')
    .description('share an image with a project or every project of a domain (or stop sharing it)')
    .requiredOption('--image <name-or-id>', 'an image of your project')
    .option('--project <name-or-id>', 'the project to share with')
    .option('--domain <name-or-id>', "the project's domain (when the name is not unique)")
    .option('--domain-projects <domain>', 'share with every project of this domain')
    .option('--remove', 'stop sharing instead')
    .option('--accept', 'also set the membership to accepted (needs admin rights, or the member project itself)')
    .option('--cloud <name>', 'cloud from clouds.yaml (default: $OS_CLOUD, the OS_* variables, or the only cloud)')
    .option('--region <name>', 'region of the cloud')
    .addOption(timeoutOption())
    .addOption(insecureOption())
    .addOption(debugOption())
    .addHelpText(
      'after',
      helpEnd({
        examples: [
          ["scs-images share --image 'Ubuntu 24.04' --project partner --cloud mycloud", 'share with the project partner'],
          ["scs-images share --image 'Ubuntu 24.04' --domain-projects customers --cloud mycloud", 'every project of the domain customers'],
          ["scs-images share --image 'Ubuntu 24.04' --project partner --remove --cloud mycloud", 'stop sharing it'],
        ],
        exitCodes: [[EXIT.OK, 'done for every project'], [EXIT.NOT_COMPLIANT, 'some project failed (the others were done)'], USAGE_EXIT, UNREACHABLE_EXIT],
      }),
    )
    .action(async (opts) => {
      const { shareCommand } = await import('./commands/share.js');
      await finish(shareCommand(opts, io));
    });
}
