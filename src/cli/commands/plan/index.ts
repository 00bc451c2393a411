import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { outputFlags } from '../../flags/output.js';
import { policyFlags } from '../../flags/policy.js';
import { selectionFlags } from '../../flags/selection.js';
import { UNREACHABLE_EXIT } from '../../help.js';

export const NOW_DECIDES = 'which versions are outdated (uuid_validity) and the registration date of new images';

const groups = {
  definitions: definitionsFlags({ required: true, force: true }),
  clouds: fleetFlags('worked on', { failFast: true }),
  policy: policyFlags,
  selection: selectionFlags,
  output: outputFlags({ formats: ['text', 'json'] as const, formatHelp: 'output format', color: true }),
  clock: clockFlags(NOW_DECIDES),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type PlanRun = CommandRun<typeof groups, { out?: string; detailedExitcode?: boolean }>;

export const plan = defineCommand<{ out?: string; detailedExitcode?: boolean }>()({
  name: 'plan',
  description: 'show what apply would change to make the cloud match the definitions (read-only)',
  groups,
  options: (cmd) =>
    cmd
      .option('--out <file>', 'also write the plan as JSON, for `scs-images apply <file>`')
      .option('--detailed-exitcode', 'exit 0 without changes, 2 with changes, 1 on errors'),
  help: {
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
  },
  handler: async () => (await import('./run.js')).run,
});
