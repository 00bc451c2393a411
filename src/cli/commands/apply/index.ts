import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { importFlags } from '../../flags/imports.js';
import { outputFlags } from '../../flags/output.js';
import { policyFlags } from '../../flags/policy.js';
import { selectionFlags } from '../../flags/selection.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';
import { NOW_DECIDES } from '../plan/index.js';

const CONFIRMATION_HELP = `
Confirmation: without a plan file, and with stdin and stdout on a terminal, apply shows the plan
and goes ahead only after you type 'yes' (--auto-approve skips the question). Without a terminal
(CI, cron, pipes) it never asks and applies the plan it shows. A plan file from \`plan --out\` is
applied without a question: it was reviewed when it was made.

Ctrl-C: the changes under way finish, no new one starts, and what an import left is private and
marked, so the next apply resumes it (exit 130). Ctrl-C again quits at once (crash-safe as well).`;

const groups = {
  definitions: definitionsFlags({ force: true }),
  clouds: fleetFlags('worked on', { failFast: true }),
  policy: policyFlags,
  selection: selectionFlags,
  imports: importFlags,
  output: outputFlags({
    formats: ['text', 'json'] as const,
    formatHelp: 'output: text, or one JSON document on stdout for CI (docs/image-manager.md)',
    color: true,
  }),
  clock: clockFlags(NOW_DECIDES),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type ApplyRun = CommandRun<typeof groups, { dryRun?: boolean; autoApprove?: boolean; yes?: boolean }>;

export const apply = defineCommand<{ dryRun?: boolean; autoApprove?: boolean; yes?: boolean }>()({
  name: 'apply',
  description: 'make the cloud match the definitions: import, repair, rotate, hide/deactivate/delete outdated versions',
  arguments: [['[plan]', 'a plan file from `plan --out` (refused if the managed images changed since)']],
  groups,
  options: (cmd) =>
    cmd
      .option('--dry-run', 'show the plan and change nothing')
      .option('--auto-approve', 'do not ask before changing the cloud (same as --yes)')
      .option('--yes', 'the same as --auto-approve'),
  helpText: CONFIRMATION_HELP,
  help: {
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
  },
  handler: async () => (await import('./run.js')).run,
});
